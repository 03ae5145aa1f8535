package dev.chiptrail.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * Counting from each value's document set gives exactly Lucene's doc-values counts: same labels, same
 * counts, same order (ties by label), on a multi-segment index with deleted documents, for results
 * from a handful of documents to all of them.
 */
class DocSetFacetCountsTest {
  static final List<String> DIMS = List.of("provider", "entity", "year");

  @Test
  void countsEqualLuceneDocValuesCountsForAnyResult() throws Exception {
    FacetsConfig config = new FacetsConfig();
    config.setMultiValued("provider", true);
    config.setMultiValued("entity", true);
    Random random = new Random(42);
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setMaxBufferedDocs(700))) {
        for (int i = 0; i < 5000; i++) {
          Document d = new Document();
          d.add(new StringField("id", "d" + i, Field.Store.NO));
          d.add(new StringField("bucket", "b" + (i % 7), Field.Store.NO));
          // Zipf-like: value 0 in most documents (dense), a long tail in few (sparse).
          for (int k = 0, n = random.nextInt(3); k < n; k++) d.add(new SortedSetDocValuesFacetField("provider", "p" + zipf(random, 6)));
          for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) d.add(new SortedSetDocValuesFacetField("entity", "e" + zipf(random, 400)));
          if (random.nextInt(10) > 0) d.add(new SortedSetDocValuesFacetField("year", Integer.toString(2015 + random.nextInt(12))));
          w.addDocument(config.build(d));
        }
        for (int i = 0; i < 5000; i += 37) w.deleteDocuments(new Term("id", "d" + i));
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertEquals(true, reader.leaves().size() > 3, "several segments");
        IndexSearcher searcher = new IndexSearcher(reader);
        SortedSetDocValuesReaderState state = new DefaultSortedSetDocValuesReaderState(reader, config);
        FacetDocSets sets = FacetDocSets.build(state);
        List<Query> results = List.of(
            MatchAllDocsQuery.INSTANCE,
            new TermQuery(new Term("bucket", "b3")),
            new BooleanQuery.Builder().add(new TermQuery(new Term("bucket", "b1")), Occur.SHOULD)
                .add(new TermQuery(new Term("bucket", "b2")), Occur.SHOULD).build(),
            new TermQuery(new Term("id", "d12")),
            new TermQuery(new Term("id", "none")));
        for (Query q : results) {
          FacetsCollector fc = searcher.search(q, new FacetsCollectorManager());
          Facets lucene = new SortedSetDocValuesFacetCounts(state, fc);
          Facets ours = new DocSetFacetCounts(sets, fc);
          for (String dim : DIMS) {
            for (int topN : new int[] {1, 5, 1000}) {
              assertEquals(text(lucene.getTopChildren(topN, dim)), text(ours.getTopChildren(topN, dim)), q + " " + dim + " top " + topN);
            }
            assertEquals(text(lucene.getAllChildren(dim)), text(ours.getAllChildren(dim)), q + " " + dim + " all");
            assertEquals(lucene.getSpecificValue(dim, dim.equals("year") ? "2020" : dim.charAt(0) + "0").intValue(),
                ours.getSpecificValue(dim, dim.equals("year") ? "2020" : dim.charAt(0) + "0").intValue(), q + " " + dim);
          }
        }
        FacetsCollector none = searcher.search(new TermQuery(new Term("id", "none")), new FacetsCollectorManager());
        assertNull(new DocSetFacetCounts(sets, none).getTopChildren(10, "entity"), "no hits: no result, as Lucene");
        assertThrows(IllegalArgumentException.class, () -> new DocSetFacetCounts(sets, none).getTopChildren(10, "outlet"));
      }
    }
  }

  private static int zipf(Random r, int n) {
    return (int) Math.min(n - 1, Math.floor(Math.pow(n, r.nextDouble() * r.nextDouble())) - 1);
  }

  /** Labels and counts in order, and the number of children; null stays null. */
  private static String text(FacetResult r) {
    if (r == null) return null;
    StringBuilder sb = new StringBuilder(r.dim).append(" children=").append(r.childCount).append(':');
    for (var lv : r.labelValues) sb.append(' ').append(lv.label).append('=').append(lv.value);
    return sb.toString();
  }
}
