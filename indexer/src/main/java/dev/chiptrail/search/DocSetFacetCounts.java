package dev.chiptrail.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState.OrdRange;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Facet counts of a large result from {@link FacetDocSets}, one dimension at a time and only the
 * dimensions asked for: a drill-sideways dimension's counts are read for that dimension alone; or a
 * view of counts made already (the whole index's, shared by every request of an index version). The
 * results are those of Lucene's {@code SortedSetDocValuesFacetCounts} over the same hits (flat
 * dimensions: ties by label order, a multi-valued dimension's own count -1). Not thread-safe: one
 * instance per request, as Lucene's.
 */
final class DocSetFacetCounts extends Facets {
  private final FacetDocSets sets;
  private final SortedSetDocValuesReaderState state;
  private final FixedBitSet hits;
  private final int[] counts;
  private final boolean[] counted;
  private final boolean noHits;

  DocSetFacetCounts(FacetDocSets sets, FacetsCollector fc) throws IOException {
    this(sets, sets.hits(fc));
  }

  /** Counts of the documents of {@code hits}, a bit set over the whole index. */
  DocSetFacetCounts(FacetDocSets sets, FixedBitSet hits) {
    this.sets = sets;
    this.state = sets.state();
    this.hits = hits;
    this.counts = new int[state.getSize()];
    this.counted = new boolean[state.getSize()];
    this.noHits = hits.length() == 0 || hits.nextSetBit(0) == DocIdSetIterator.NO_MORE_DOCS;
  }

  /** Counts already made, per global ordinal (read, never written: they may be shared). */
  DocSetFacetCounts(SortedSetDocValuesReaderState state, int[] counts) {
    this.sets = null;
    this.state = state;
    this.hits = null;
    this.counts = counts;
    this.counted = null;
    this.noHits = false;
  }

  private OrdRange range(String dim) {
    OrdRange r = state.getOrdRange(dim);
    if (r == null) throw new IllegalArgumentException("dimension \"" + dim + "\" was not indexed");
    if (counted != null && !counted[r.start()]) {
      sets.count(hits, r.start(), r.end() + 1, counts);
      counted[r.start()] = true;
    }
    return r;
  }

  private String label(SortedSetDocValues dv, int ord) throws IOException {
    BytesRef term = dv.lookupOrd(ord);
    String[] path = FacetsConfig.stringToPath(term.utf8ToString());
    return path[path.length - 1];
  }

  @Override
  public FacetResult getTopChildren(int topN, String dim, String... path) throws IOException {
    validateTopN(topN);
    if (path.length > 0) throw new IllegalArgumentException("only flat dimensions are counted here, got path " + String.join("/", path));
    OrdRange r = range(dim);
    List<Integer> ords = new ArrayList<>();
    for (int g = r.start(); g <= r.end(); g++) {
      if (counts[g] > 0) ords.add(g);
    }
    int children = ords.size();
    // Most hits first; among equal counts the lower ordinal, that is the label first in byte order.
    ords.sort((a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a]) : Integer.compare(a, b));
    // As Lucene's: no result for a dimension without hits from getTopChildren, an empty one from getAllChildren.
    return children == 0 ? null : result(dim, ords.subList(0, Math.min(topN, ords.size())), children);
  }

  @Override
  public FacetResult getAllChildren(String dim, String... path) throws IOException {
    if (path.length > 0) throw new IllegalArgumentException("only flat dimensions are counted here, got path " + String.join("/", path));
    OrdRange r = range(dim);
    if (noHits) return null;
    List<Integer> ords = new ArrayList<>();
    for (int g = r.start(); g <= r.end(); g++) {
      if (counts[g] > 0) ords.add(g);
    }
    return result(dim, ords, ords.size());
  }

  private FacetResult result(String dim, List<Integer> ords, int children) throws IOException {
    SortedSetDocValues dv = state.getDocValues();
    LabelAndValue[] lv = new LabelAndValue[ords.size()];
    for (int i = 0; i < lv.length; i++) lv[i] = new LabelAndValue(label(dv, ords.get(i)), counts[ords.get(i)]);
    return new FacetResult(dim, new String[0], -1, lv, children);
  }

  @Override
  public Number getSpecificValue(String dim, String... path) throws IOException {
    if (path.length != 1) throw new IllegalArgumentException("a value of a flat dimension is one label, got " + path.length);
    range(dim);
    long ord = state.getDocValues().lookupTerm(new BytesRef(FacetsConfig.pathToString(dim, path)));
    return ord < 0 ? -1 : counts[(int) ord];
  }

  @Override
  public List<FacetResult> getAllDims(int topN) throws IOException {
    List<FacetResult> out = new ArrayList<>();
    for (String dim : state.getDims()) {
      FacetResult r = getTopChildren(topN, dim);
      if (r != null) out.add(r);
    }
    return out;
  }
}
