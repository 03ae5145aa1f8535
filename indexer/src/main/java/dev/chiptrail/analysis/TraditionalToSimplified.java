package dev.chiptrail.analysis;

import com.ibm.icu.text.Transliterator;
import java.io.Reader;

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

  /**
   * Every traditional character of ICU's table with a one-character simplified form in the BMP: they
   * are all in CJK Unified Ideographs, Extension A and the compatibility block. Built once per process
   * (every command and the server's start pay for it, about 0.4 s in one thread), so the ranges are
   * transliterated in parallel, each with its own transliterator.
   */
  private static char[] buildTable() {
    return TableBuilder.build();
  }

  /**
   * Apart from the outer class, whose static initialiser runs this: a worker thread calling back into
   * a class still being initialised would wait for that initialisation, which waits for the worker.
   */
  private static final class TableBuilder {
    static char[] build() {
      char[] table = new char[0x10000];
      java.util.stream.Stream.of(new int[] {0x3400, 0x4DBF}, new int[] {0x4E00, 0x76FF}, new int[] {0x7700, 0x9FFF},
          new int[] {0xF900, 0xFAFF}).parallel()
          .forEach(r -> addRange(table, Transliterator.getInstance("Traditional-Simplified"), r[0], r[1]));
      return table;
    }

    private static void addRange(char[] table, Transliterator t, int from, int to) {
      for (int cp = from; cp <= to; cp++) {
        String c = String.valueOf((char) cp);
        String s = t.transliterate(c);
        if (s.length() == 1 && !s.equals(c)) table[cp] = s.charAt(0);
      }
    }
  }
}
