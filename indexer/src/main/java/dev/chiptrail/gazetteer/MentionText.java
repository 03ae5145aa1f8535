package dev.chiptrail.gazetteer;

import dev.chiptrail.analysis.TraditionalToSimplified;

/**
 * Length-preserving folding for finding mentions: lower case, full width to ASCII, traditional to
 * simplified, one char for one char, so that an offset in the folded text is an offset in the
 * original.
 */
final class MentionText {
  private MentionText() {}

  static String fold(String s) {
    char[] out = new char[s.length()];
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0xFF01 && c <= 0xFF5E) c = (char) (c - 0xFEE0);
      else if (c == 0x3000) c = ' ';
      else if (c == '‐' || c == '‑' || c == '–') c = '-';
      out[i] = Character.toLowerCase(c);
    }
    String lower = new String(out);
    String simplified = TraditionalToSimplified.convert(lower);
    return simplified.length() == lower.length() ? simplified : lower;
  }

  /**
   * Latin forms need non-alphanumeric neighbours; Han forms stand anywhere in running text. A form
   * ending in a digit (a model number) may take a plural s, as in "A100s and H100s"; other forms may
   * not, or the acronym THU would be found in "thus".
   */
  static boolean atBoundaries(String text, int start, int end, boolean han) {
    if (han) return true;
    boolean before = start == 0 || !isWordChar(text.charAt(start - 1));
    if (end < text.length() && text.charAt(end) == 's' && Character.isDigit(text.charAt(end - 1))) end++;
    boolean after = end == text.length() || !isWordChar(text.charAt(end));
    return before && after;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) && Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN;
  }
}
