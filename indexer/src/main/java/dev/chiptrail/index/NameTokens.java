package dev.chiptrail.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The tokens of each gazetteer name form, analysed once per field and replayed into every document
 * that mentions the entity. An article carries the names of every entity it mentions (about 60
 * values on the generated corpus), and each value went through the whole normalising chain again:
 * 11 % on top of the text fields' own analysis (100,000-document corpus). The names are a closed
 * set, so the cache is bounded by the gazetteer.
 */
final class NameTokens {
  private final Analyzer analyzer;
  private final Map<String, Canned> cache = new ConcurrentHashMap<>();

  NameTokens(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** A fresh stream over the tokens {@code analyzer} gives {@code text} in {@code field}. */
  TokenStream stream(String field, String text) {
    return new Replay(cache.computeIfAbsent(field + '\u0000' + text, k -> analyse(field, text)));
  }

  private Canned analyse(String field, String text) {
    List<String> terms = new ArrayList<>();
    List<int[]> at = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
        at.add(new int[] {inc.getPositionIncrement(), off.startOffset(), off.endOffset()});
      }
      ts.end();
      return new Canned(terms.toArray(String[]::new), at.toArray(int[][]::new), inc.getPositionIncrement(), off.endOffset());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Term, position increment and offsets of each token, and what {@code end()} reported. */
  private record Canned(String[] terms, int[][] at, int finalIncrement, int finalOffset) {}

  private static final class Replay extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute inc = addAttribute(PositionIncrementAttribute.class);
    private final OffsetAttribute off = addAttribute(OffsetAttribute.class);
    private final Canned canned;
    private int next;

    Replay(Canned canned) {
      this.canned = canned;
    }

    @Override
    public boolean incrementToken() {
      if (next == canned.terms.length) return false;
      clearAttributes();
      int[] a = canned.at[next];
      term.setEmpty().append(canned.terms[next++]);
      inc.setPositionIncrement(a[0]);
      off.setOffset(a[1], a[2]);
      return true;
    }

    @Override
    public void end() throws IOException {
      super.end();
      inc.setPositionIncrement(canned.finalIncrement);
      off.setOffset(canned.finalOffset, canned.finalOffset);
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      next = 0;
    }
  }
}
