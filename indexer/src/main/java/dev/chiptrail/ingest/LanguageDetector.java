package dev.chiptrail.ingest;

import dev.chiptrail.analysis.TraditionalToSimplified;

/**
 * Tells en, zh-Hans, zh-Hant or mixed from the characters of a text: the share of Han characters
 * against Latin letters, and for Han text whether converting to simplified changes it.
 */
public final class LanguageDetector {
  private LanguageDetector() {}

  public static String detect(String text) {
    int han = 0, latin = 0;
    StringBuilder hanChars = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      Character.UnicodeScript s = Character.UnicodeScript.of(cp);
      if (s == Character.UnicodeScript.HAN) {
        han++;
        hanChars.appendCodePoint(cp);
      } else if (s == Character.UnicodeScript.LATIN) {
        latin++;
      }
    }
    if (han == 0 && latin == 0) return "mixed";
    // A Han character stands for a word's worth of Latin letters, roughly.
    double hanWeight = han * 3.0;
    if (hanWeight < latin * 0.2) return "en";
    if (latin * 3.0 > hanWeight * 0.5 && hanWeight < latin) return "mixed";
    String h = hanChars.toString();
    String simplified = TraditionalToSimplified.convert(h);
    int changed = 0;
    for (int i = 0; i < h.length() && i < simplified.length(); i++) if (h.charAt(i) != simplified.charAt(i)) changed++;
    return changed * 20 > han ? "zh-Hant" : "zh-Hans";
  }
}
