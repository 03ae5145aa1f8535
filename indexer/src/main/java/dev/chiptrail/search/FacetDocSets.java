package dev.chiptrail.search;

import java.io.IOException;
import java.util.Collection;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * For every facet value of one index version, the documents that have it, over the whole index: a
 * bit set for a value held by more than 1/{@value #DENSE} of the documents, a sorted array of doc ids
 * for the others. Counting a result of half a million documents value by value (a popcount of two bit
 * sets, or a probe per document of a small value) costs a few milliseconds, where reading the dozen
 * facet ordinals of each matching document from the doc values costs hundreds.
 */
final class FacetDocSets {
  /** A value is kept as a bit set above maxDoc/DENSE documents: there the bit set is the faster one to intersect. */
  static final int DENSE = 128;

  private final SortedSetDocValuesReaderState state;
  private final int maxDoc;
  private final FixedBitSet[] dense;
  private final int[][] sparse;
  /** Live documents, or null when none is deleted (the sets hold deleted documents too). */
  private final FixedBitSet live;

  private FacetDocSets(SortedSetDocValuesReaderState state, int maxDoc, FixedBitSet[] dense, int[][] sparse, FixedBitSet live) {
    this.state = state;
    this.maxDoc = maxDoc;
    this.dense = dense;
    this.sparse = sparse;
    this.live = live;
  }

  /**
   * Documents per facet ordinal over the whole index, counting only those {@code live} holds (null:
   * all, deleted ones too).
   */
  static int[] ordinalCounts(SortedSetDocValuesReaderState state, Bits live) throws IOException {
    int[] counts = new int[state.getSize()];
    SortedSetDocValues dv = state.getDocValues();
    for (int d = dv.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = dv.nextDoc()) {
      if (live != null && !live.get(d)) continue;
      for (int i = 0, c = dv.docValueCount(); i < c; i++) counts[(int) dv.nextOrd()]++;
    }
    return counts;
  }

  /** Two passes over the facet doc values of the whole index: document frequencies, then the sets. */
  static FacetDocSets build(SortedSetDocValuesReaderState state) throws IOException {
    int maxDoc = state.getReader().maxDoc();
    int n = state.getSize();
    // The sets hold deleted documents too (they are masked by the live documents when used).
    int[] df = ordinalCounts(state, null);
    FixedBitSet[] dense = new FixedBitSet[n];
    int[][] sparse = new int[n][];
    for (int g = 0; g < n; g++) {
      if ((long) df[g] * DENSE > maxDoc) dense[g] = new FixedBitSet(maxDoc);
      else sparse[g] = new int[df[g]];
    }
    int[] filled = new int[n];
    SortedSetDocValues dv = state.getDocValues();
    for (int d = dv.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = dv.nextDoc()) {
      for (int i = 0, c = dv.docValueCount(); i < c; i++) {
        int g = (int) dv.nextOrd();
        if (dense[g] != null) dense[g].set(d);
        else sparse[g][filled[g]++] = d;
      }
    }
    Bits liveDocs = MultiBits.getLiveDocs(state.getReader());
    return new FacetDocSets(state, maxDoc, dense, sparse, liveDocs == null ? null : FixedBitSet.copyOf(liveDocs));
  }

  /**
   * The live documents with any of {@code values} of {@code dim}: a filter of a search for
   * everything, without running a query. Unknown values add nothing.
   */
  FixedBitSet anyOf(String dim, Collection<String> values) throws IOException {
    FixedBitSet out = new FixedBitSet(maxDoc);
    SortedSetDocValues dv = state.getDocValues();
    for (String v : values) {
      long ord = dv.lookupTerm(new BytesRef(FacetsConfig.pathToString(dim, v)));
      if (ord < 0) continue;
      int g = (int) ord;
      if (dense[g] != null) {
        out.or(dense[g]);
      } else {
        for (int d : sparse[g]) out.set(d);
      }
    }
    if (live != null) out.and(live);
    return out;
  }

  SortedSetDocValuesReaderState state() {
    return state;
  }

  /** The matching documents of a collector as one bit set over the whole index. */
  FixedBitSet hits(FacetsCollector fc) throws IOException {
    FixedBitSet out = new FixedBitSet(maxDoc);
    for (FacetsCollector.MatchingDocs m : fc.getMatchingDocs()) {
      if (m.totalHits() == 0) continue;
      DocIdSetIterator it = m.bits().iterator();
      if (it.nextDoc() == DocIdSetIterator.NO_MORE_DOCS) continue;
      // intoBitSet sets doc - offset: a negative offset moves the segment's docs to its place in the index.
      it.intoBitSet(m.context().reader().maxDoc(), out, -m.context().docBase);
    }
    return out;
  }

  /** Counts, into {@code counts}, the hits that have each value of the ordinals [start, end). */
  void count(FixedBitSet hits, int start, int end, int[] counts) {
    for (int g = start; g < end; g++) {
      FixedBitSet d = dense[g];
      if (d != null) {
        counts[g] = (int) FixedBitSet.intersectionCount(hits, d);
      } else {
        int c = 0;
        for (int doc : sparse[g]) {
          if (hits.get(doc)) c++;
        }
        counts[g] = c;
      }
    }
  }
}
