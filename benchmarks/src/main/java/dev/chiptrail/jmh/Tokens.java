package dev.chiptrail.jmh;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/** Consumes a token stream as indexing does: reset, incrementToken to the end, end, close. */
final class Tokens {
  private Tokens() {}

  /** A checksum of the terms and offsets, for the Blackhole (so no work is dead code). */
  static long consume(Analyzer analyzer, String field, String text) throws IOException {
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      return consume(ts);
    }
  }

  /** Resets, reads to the end and ends {@code ts}; the caller closes it. */
  static long consume(TokenStream ts) throws IOException {
    long h = 0;
    CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
    OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
    ts.reset();
    while (ts.incrementToken()) {
      int len = term.length();
      h = 31 * h + len + (len > 0 ? term.buffer()[0] : 0) + offset.startOffset() * 7L + offset.endOffset();
    }
    ts.end();
    return h;
  }
}
