package dev.chiptrail.analysis;

import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Converts traditional Han characters to simplified ones before segmentation, with ICU's
 * Traditional-Simplified transform.
 *
 * <p>smartcn only knows simplified words: fed 之江實驗室 it emits five single characters that share no
 * term with 之江实验室. The conversion is applied character by character (ICU's table for this
 * transform is one-to-one for all but a handful of rare characters), so the output has the same
 * length as the input and every token keeps the offsets of the original characters: a highlight of
 * a simplified query lands on the traditional text the document really contains.
 */
public final class TraditionalToSimplified {
  /**
   * The same one-to-one table as a char array (0 = unchanged), so {@link #convert} looks characters
   * up instead of running ICU per character: it folds every document's text for the mention finder.
   */
  private static final char[] TABLE = buildTable();

  private TraditionalToSimplified() {}

  public static Reader wrap(Reader in) {
    return new TableCharFilter(in);
  }

  /**
   * Every key of the map is one character with a one-character value, so the conversion is a table
   * look-up per character and no offset ever moves. MappingCharFilter, built for keys of any length,
   * walked an FST for every character and cost about a sixth of the indexing CPU.
   */
  private static final class TableCharFilter extends org.apache.lucene.analysis.CharFilter {
    TableCharFilter(Reader in) {
      super(in);
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws java.io.IOException {
      int n = input.read(cbuf, off, len);
      for (int i = off; i < off + n; i++) {
        char mapped = TABLE[cbuf[i]];
        if (mapped != 0) cbuf[i] = mapped;
      }
      return n;
    }

    @Override
    public int read() throws java.io.IOException {
      int c = input.read();
      if (c < 0) return c;
      char mapped = TABLE[c];
      return mapped != 0 ? mapped : c;
    }

    @Override
    protected int correct(int currentOff) {
      return currentOff;
    }
  }

  /** The simplified form of a string, char by char as in the analysis chains. */
  public static String convert(String s) {
    StringBuilder out = new StringBuilder(s.length());
    Transliterator t = null;
    for (int i = 0; i < s.length(); ) {
      char ch = s.charAt(i);
      if (!Character.isSurrogate(ch)) {
        char mapped = TABLE[ch];
        out.append(mapped != 0 && Character.UnicodeScript.of(ch) == Character.UnicodeScript.HAN ? mapped : ch);
        i++;
        continue;
      }
      int cp = s.codePointAt(i);
      String c = new String(Character.toChars(cp));
      i += c.length();
      if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
        // Outside the BMP table (CJK extensions B and later): rare, so ICU directly.
        if (t == null) t = transliterator();
        String conv = t.transliterate(c);
        out.append(conv.length() == c.length() ? conv : c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Transliterator transliterator() {
    return Transliterator.getInstance("Traditional-Simplified");
  }

  /** The table's resource: ICU's one-to-one pairs, one "traditional simplified" pair of characters a line. */
  static final String TABLE_RESOURCE = "traditional-to-simplified.txt";

  /**
   * Every traditional character of ICU's table with a one-character simplified form in the BMP, read
   * from a resource: computing it from ICU took 0.3 to 0.4 s of every command's and every server's
   * start. TraditionalToSimplifiedTableTest checks the resource against ICU.
   */
  private static char[] buildTable() {
    char[] table = new char[0x10000];
    try (InputStream in = TraditionalToSimplified.class.getResourceAsStream(TABLE_RESOURCE)) {
      if (in == null) throw new IllegalStateException("the resource " + TABLE_RESOURCE + " is missing from the classpath");
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isEmpty() || line.startsWith("#")) continue;
        if (line.length() != 2) throw new IllegalStateException(TABLE_RESOURCE + ": not a pair of characters: '" + line + "'");
        table[line.charAt(0)] = line.charAt(1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return table;
  }

  /** The pairs as ICU gives them now, in the resource's order (for the test that checks the resource). */
  static String pairsFromIcu() {
    Transliterator t = transliterator();
    StringBuilder sb = new StringBuilder();
    // CJK Unified Ideographs, Extension A and the compatibility block hold every traditional
    // character of ICU's table that has a one-character simplified form in the BMP.
    for (int[] r : new int[][] {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}}) {
      for (int cp = r[0]; cp <= r[1]; cp++) {
        String c = String.valueOf((char) cp);
        String s = t.transliterate(c);
        if (s.length() == 1 && !s.equals(c)) sb.append(c).append(s).append('\n');
      }
    }
    return sb.toString();
  }

  /** The table's pairs, in code point order. */
  static String pairs() {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < TABLE.length; c++) {
      if (TABLE[c] != 0) sb.append((char) c).append(TABLE[c]).append('\n');
    }
    return sb.toString();
  }
}
