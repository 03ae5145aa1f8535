package dev.chiptrail.search;

import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The live documents of one index version in the order of their ids. A search whose every hit scores
 * the same (everything, or only facet filters) ranks its hits by id; a top-N collector would compare
 * the id of each of a million hits to fill a page of ten, where walking this order takes about as
 * many steps as the page has hits (divided by the share of documents that match).
 */
final class IdOrder {
  private final int[] docs;
  private final SortedDocValues ids;

  private IdOrder(int[] docs, SortedDocValues ids) {
    this.docs = docs;
    this.ids = ids;
  }

  static IdOrder build(IndexReader reader) throws IOException {
    SortedDocValues ids = MultiDocValues.getSortedValues(reader, Schema.SORT_ID);
    if (ids == null) return new IdOrder(new int[0], null);
    int[] byOrd = new int[ids.getValueCount()];
    Arrays.fill(byOrd, -1);
    Bits live = MultiBits.getLiveDocs(reader);
    for (int d = ids.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = ids.nextDoc()) {
      // An updated document leaves a deleted copy with the same id: the live one takes its place.
      if (live == null || live.get(d)) byOrd[ids.ordValue()] = d;
    }
    // Look-ups by ordinal and term do not depend on the iterator's position: the same instance (and
    // its ordinal map over a million ids, costly to build) serves the pages.
    return new IdOrder(byOrd, ids);
  }

  /** A hit of a page: its doc id over the whole index and its id. */
  record Entry(int doc, BytesRef id) {}

  /**
   * Up to {@code n} documents of {@code hits} (null: every live document with an id) in id order,
   * after the id {@code after} (null: from the first).
   */
  synchronized List<Entry> page(FixedBitSet hits, BytesRef after, int n) throws IOException {
    List<Entry> out = new ArrayList<>();
    if (ids == null) return out;
    int from = 0;
    if (after != null) {
      int ord = ids.lookupTerm(after);
      from = ord >= 0 ? ord + 1 : -ord - 1;
    }
    for (int ord = from; ord < docs.length && out.size() < n; ord++) {
      int d = docs[ord];
      if (d < 0 || (hits != null && !hits.get(d))) continue;
      out.add(new Entry(d, BytesRef.deepCopyOf(ids.lookupOrd(ord))));
    }
    return out;
  }
}
