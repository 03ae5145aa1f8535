package dev.chiptrail.analysis;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.charfilter.BaseCharFilter;

/**
 * Drops a hyphen between a letter and a digit, so A-100, A‑100 (non-breaking) and A100 are one token.
 * Same result and offsets as {@code PatternReplaceCharFilter} with {@code (?<=\p{L})[-‐‑–](?=\p{N})},
 * which it replaces (except that a letter outside the basic plane, 𝐀, counts as a letter: the
 * regular expression's look-behind saw half of it; NFKC has made most of them basic letters before this
 * filter anyway). That regular expression ran over every character of every text four times per
 * document (once per text field) and was three quarters of the normalisation's cost, ~130 µs of an
 * article's ~560 µs of analysis (JMH, {@code ConversionBench.hyphenPattern}); here only the rare
 * hyphen is looked at twice.
 */
public final class LetterDigitHyphenFilter extends BaseCharFilter {
  private char[] out;
  private int length = -1;
  private int pos;

  public LetterDigitHyphenFilter(Reader in) {
    super(in);
  }

  /** The same rule on a string (query normalisation, gazetteer look-ups). */
  public static String apply(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isDropped(s, i)) return filter(s, null);
    }
    return s;
  }

  static boolean isHyphen(char c) {
    return c == '-' || c == '‐' || c == '‑' || c == '–';
  }

  private static boolean isDropped(CharSequence s, int i) {
    if (!isHyphen(s.charAt(i)) || i == 0 || i + 1 >= s.length()) return false;
    int before = Character.codePointBefore(s, i);
    int after = Character.codePointAt(s, i + 1);
    return Character.isLetter(before) && isNumber(after);
  }

  /** {@code \p{N}}: decimal digits, letter numbers (Ⅻ) and other numbers (½, ①). */
  private static boolean isNumber(int cp) {
    int t = Character.getType(cp);
    return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
  }

  /** Copies {@code s} without its dropped hyphens, recording offset corrections when {@code f} is given. */
  private static String filter(CharSequence s, LetterDigitHyphenFilter f) {
    StringBuilder b = new StringBuilder(s.length());
    int dropped = 0;
    for (int i = 0; i < s.length(); i++) {
      if (isDropped(s, i)) {
        dropped++;
        if (f != null) f.addOffCorrectMap(b.length(), dropped);
      } else {
        b.append(s.charAt(i));
      }
    }
    return b.toString();
  }

  private void fill() throws IOException {
    StringBuilder all = new StringBuilder();
    char[] buf = new char[4096];
    for (int n = input.read(buf); n != -1; n = input.read(buf)) all.append(buf, 0, n);
    boolean any = false;
    for (int i = 0; i < all.length() && !any; i++) any = isDropped(all, i);
    String s = any ? filter(all, this) : all.toString();
    out = s.toCharArray();
    length = out.length;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (length < 0) fill();
    if (pos >= length) return -1;
    int n = Math.min(len, length - pos);
    System.arraycopy(out, pos, cbuf, off, n);
    pos += n;
    return n;
  }
}
