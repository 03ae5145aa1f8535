package dev.chiptrail.ingest;

import java.nio.charset.StandardCharsets;
import org.apache.lucene.index.IndexWriter;

/**
 * Values indexed whole as one Lucene term (ids, outlets). Lucene refuses a term over 32,766 bytes at
 * {@code addDocument} with an "immense term" error that names neither file nor line, so such values
 * are caught while validating instead.
 */
final class Terms {
  /** Room is left for the facet dimension and separator Lucene puts before a facet value. */
  static final int MAX_BYTES = IndexWriter.MAX_TERM_LENGTH - 256;

  private Terms() {}

  /** Why {@code value} cannot be one term, or null if it can. */
  static String tooLong(String value) {
    if (value == null || value.length() * 3 <= MAX_BYTES) return null;
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes <= MAX_BYTES) return null;
    return "is " + bytes + " bytes in UTF-8; a value indexed as one term may have at most " + MAX_BYTES
        + " (Lucene's term limit is " + IndexWriter.MAX_TERM_LENGTH + " bytes)";
  }
}
