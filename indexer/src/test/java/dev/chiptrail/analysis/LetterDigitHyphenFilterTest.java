package dev.chiptrail.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.CharFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.junit.jupiter.api.Test;

class LetterDigitHyphenFilterTest {
  /** The regular expression the filter replaced: same text, same offsets, on every input. */
  private static final Pattern REGEX = Pattern.compile("(?<=\\p{L})[-‐‑–](?=\\p{N})");
  private static final String[] PIECES = {"A", "h", "1", "0", "-", "‐", "‑", "–", "—", "之", "½", "Ⅻ", " ",
      "\uD835\uDFD9" /* 𝟙 */, "\n"};

  @Test
  void dropsOnlyHyphensBetweenALetterAndANumber() throws IOException {
    assertEquals("A100 H100 a-b 1-2 A—1 A--1 Ⅻ-1", filtered("A-100 H‑100 a-b 1-2 A—1 A--1 Ⅻ-1"));
    assertEquals("A100", LetterDigitHyphenFilter.apply("A–100"));
    assertEquals("no hyphen", LetterDigitHyphenFilter.apply("no hyphen"));
  }

  @Test
  void aLetterOutsideTheBasicPlaneCountsAsALetter() throws IOException {
    // The regular expression's look-behind saw only the low surrogate of 𝐀 and kept the hyphen.
    assertEquals("\uD835\uDC00100", filtered("\uD835\uDC00-100"));
  }

  @Test
  void matchesTheRegularExpressionItReplacedOnRandomText() throws IOException {
    Random random = new Random(42);
    for (int round = 0; round < 5_000; round++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(12);
      for (int i = 0; i < n; i++) b.append(PIECES[random.nextInt(PIECES.length)]);
      String in = b.toString();
      CharFilter expected = new PatternReplaceCharFilter(REGEX, "", new StringReader(in));
      CharFilter actual = new LetterDigitHyphenFilter(new StringReader(in));
      String out = read(expected);
      assertEquals(out, read(actual), in);
      assertEquals(REGEX.matcher(in).replaceAll(""), LetterDigitHyphenFilter.apply(in), in);
      for (int off = 0; off <= out.length(); off++) {
        assertEquals(expected.correctOffset(off), actual.correctOffset(off), "offset " + off + " of \"" + in + "\"");
      }
    }
  }

  private static String filtered(String s) throws IOException {
    return read(new LetterDigitHyphenFilter(new StringReader(s)));
  }

  private static String read(CharFilter f) throws IOException {
    StringBuilder b = new StringBuilder();
    char[] buf = new char[3];
    for (int n = f.read(buf, 0, buf.length); n != -1; n = f.read(buf, 0, buf.length)) b.append(buf, 0, n);
    return b.toString();
  }
}
