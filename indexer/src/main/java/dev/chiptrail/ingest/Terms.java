package dev.chiptrail.ingest;

import java.nio.charset.StandardCharsets;
import org.apache.lucene.facet.taxonomy.FacetLabel;
import org.apache.lucene.index.IndexWriter;

/**
 * Values indexed whole as one Lucene term (ids) or as a facet value (outlets, gazetteer ids). Lucene
 * refuses a term over 32,766 bytes and a facet path over 8,191 characters, at indexing time, with
 * errors that name neither file nor line; such values are caught while validating instead.
 */
final class Terms {
  /** Room is left for the facet dimension and separators Lucene puts before a value. */
  static final int MAX_BYTES = IndexWriter.MAX_TERM_LENGTH - 256;
  static final int MAX_FACET_CHARS = FacetLabel.MAX_CATEGORY_PATH_LENGTH - 64;

  private Terms() {}

  /** Why {@code value} cannot be one term, or null if it can. */
  static String tooLong(String value) {
    if (value == null || value.length() * 3 <= MAX_BYTES) return null;
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes <= MAX_BYTES) return null;
    return "is " + bytes + " bytes in UTF-8; a value indexed as one term may have at most " + MAX_BYTES
        + " (Lucene's term limit is " + IndexWriter.MAX_TERM_LENGTH + " bytes)";
  }

  /** Why {@code value} cannot be a facet value, or null if it can (the limit implies the term limit). */
  static String tooLongForFacet(String value) {
    if (value == null || value.length() <= MAX_FACET_CHARS) return null;
    return "is " + value.length() + " characters; a facet value may have at most " + MAX_FACET_CHARS
        + " (Lucene's facet path limit is " + FacetLabel.MAX_CATEGORY_PATH_LENGTH + " characters)";
  }
}
