package dev.chiptrail.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chiptrail.schema.Schema;
import dev.chiptrail.testing.TestIndexes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.junit.jupiter.api.Test;

/**
 * Facet filters on everything, answered from the facet values' document sets, give Lucene's drill
 * sideways answer: the same total, the same page of hits, the same counts in every dimension (a
 * filtered dimension's counts ignoring its own filter) and the same date buckets.
 */
class FacetFiltersOfEverythingTest {
  static final List<Map<String, List<String>>> FILTERS = List.of(
      Map.of("provider", List.of("aws")),
      Map.of("provider", List.of("aws", "azure")),
      Map.of("provider", List.of("aws"), "chip", List.of("a100", "h100")),
      Map.of("kind", List.of("record"), "status", List.of("purchased", "planned"), "entity_type", List.of("university")),
      Map.of("language", List.of("zh-Hans", "zh-Hant"), "kind", List.of("article")),
      Map.of("provider", List.of("no-such-provider")),
      Map.of("chip", List.of("h100"), "provider", List.of("no-such-provider", "azure")));

  @Test
  void documentSetsAnswerAsLuceneDrillSideways() throws Exception {
    try (Searchers s = Searchers.open(TestIndexes.shipped())) {
      SearchService service = new SearchService(s);
      IndexSnapshot snap = s.acquire();
      try {
        service.search(SearchRequest.of("").withFilters(FILTERS.get(0)));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (snap.readyDocSets() == null && System.nanoTime() < deadline) Thread.sleep(10);
        assertNotNull(snap.readyDocSets(), "the document sets were built in the background");
        int nonEmpty = 0;
        for (var f : FILTERS) {
          SearchResult ours = service.search(SearchRequest.of("").withFilters(f).withCollapse(false).withSort("-date"));
          DrillDownQuery ddq = new DrillDownQuery(Schema.facetsConfig(), new TermQuery(new Term(Schema.DOCTYPE, Schema.DOCTYPE_DOC)));
          f.forEach((dim, values) -> values.forEach(v -> ddq.add(dim, v)));
          DrillSideways.DrillSidewaysResult lucene = new DrillSideways(snap.searcher(), Schema.facetsConfig(), snap.facetState())
              .search(ddq, null, null, SearchRequest.DEFAULT_SIZE, new org.apache.lucene.search.Sort(
                  SearchService.dateField(true), new org.apache.lucene.search.SortField(Schema.SORT_ID, org.apache.lucene.search.SortField.Type.STRING)), false);
          assertEquals(lucene.hits.totalHits.value(), ours.total(), f.toString());
          assertEquals(ids(snap, lucene.hits), ours.hits().stream().map(Hit::id).toList(), f + " page");
          for (String dim : Schema.FILTER_DIMS) {
            assertEquals(counts(lucene.facets.getTopChildren(SearchService.FACET_SIZE, dim)), counts(ours, dim, f), f + " " + dim);
          }
          for (String dim : Schema.DATE_DIMS) {
            FacetResult all = lucene.facets.getAllChildren(dim);
            Map<String, Integer> expected = new java.util.TreeMap<>(counts(all));
            Map<String, Integer> got = new java.util.TreeMap<>();
            @SuppressWarnings("unchecked")
            Map<String, List<FacetValue>> date = (Map<String, List<FacetValue>>) ours.facets().get("date");
            date.get(dim.equals(Schema.DIM_YEAR) ? "years" : "months").forEach(v -> got.put(v.value(), v.count()));
            assertEquals(expected, got, f + " " + dim);
          }
          if (ours.total() > 0) nonEmpty++;
        }
        assertTrue(nonEmpty >= 4, "most filters find documents: " + nonEmpty);
        assertNotNull(snap.readyIdOrder(), "the id order is built with the document sets");
        for (String q : List.of("AWS", "A100", "Amazon")) {
          for (var f : List.of(FILTERS.get(0), FILTERS.get(2), FILTERS.get(4))) queryWithFilters(snap, service, q, f);
        }
        for (var f : List.of(Map.<String, List<String>>of(), FILTERS.get(1), FILTERS.get(4))) {
          assertEquals(luceneWalk(snap, f), ourWalk(service, f), "pages of 4 in relevance order, by cursor, " + f);
        }
      } finally {
        s.release(snap);
      }
    }
  }

  @Test
  void concurrentSearchesAnswerAsOneAtATime() throws Exception {
    // Shared per-version state (the whole index's counts, the document sets, the id order) must not
    // mix up labels or counts between requests: a shared doc values iterator once did.
    // A generated corpus: its facet values fill many blocks of the doc values' terms dictionary, where
    // a label read through a shared iterator comes back garbled (the shipped data's few do not).
    Path corpus = TestIndexes.tempDir("chiptrail-concurrent-corpus");
    Path index = TestIndexes.tempDir("chiptrail-concurrent-index");
    new dev.chiptrail.bench.CorpusGenerator(TestIndexes.dataDir().resolve("gazetteer")).generate(1500, 7, corpus.resolve("c"));
    TestIndexes.build(corpus.resolve("c"), index);
    try (Searchers s = Searchers.open(index)) {
      SearchService service = new SearchService(s);
      List<SearchRequest> requests = new ArrayList<>();
      requests.add(SearchRequest.of(""));
      requests.add(SearchRequest.of("AWS"));
      for (var f : FILTERS) {
        requests.add(SearchRequest.of("").withFilters(f));
        requests.add(SearchRequest.of("A100").withFilters(f).withSort("-date"));
        // Everything's counts are what concurrent requests share most: ask for them most often.
        requests.add(SearchRequest.of("").withSize(1));
      }
      service.search(requests.get(2));
      IndexSnapshot snap = s.acquire();
      try {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (snap.readyIdOrder() == null && System.nanoTime() < deadline) Thread.sleep(10);
      } finally {
        s.release(snap);
      }
      List<String> expected = new ArrayList<>();
      for (SearchRequest r : requests) expected.add(withoutTime(service.search(r)));
      var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int offset = t;
          futures.add(pool.submit(() -> {
            for (int i = 0; i < 1500; i++) {
              int k = (i + offset) % requests.size();
              assertEquals(expected.get(k), withoutTime(service.search(requests.get(k))), requests.get(k).toString());
            }
            return null;
          }));
        }
        for (var f : futures) f.get();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static String withoutTime(SearchResult r) throws Exception {
    return dev.chiptrail.ingest.Json.OUT.writeValueAsString(r).replaceAll("\"took_ms\":\\d+", "");
  }

  /**
   * A query with filters: Lucene's drill sideways over the query's matches (as a set of ids) gives the
   * same total, the same hits and the same counts.
   */
  private static void queryWithFilters(IndexSnapshot snap, SearchService service, String q, Map<String, List<String>> f)
      throws Exception {
    SearchResult all = service.search(SearchRequest.of(q).withCollapse(false).withSize(SearchRequest.MAX_SIZE).withFacets(List.of()));
    List<org.apache.lucene.util.BytesRef> ids = all.hits().stream().map(h -> new org.apache.lucene.util.BytesRef(h.id())).toList();
    DrillDownQuery ddq = new DrillDownQuery(Schema.facetsConfig(), new org.apache.lucene.search.TermInSetQuery(Schema.ID, ids));
    f.forEach((dim, values) -> values.forEach(v -> ddq.add(dim, v)));
    DrillSideways.DrillSidewaysResult lucene = new DrillSideways(snap.searcher(), Schema.facetsConfig(), snap.facetState())
        .search(ddq, SearchRequest.MAX_SIZE);
    SearchResult ours = service.search(SearchRequest.of(q).withFilters(f).withCollapse(false).withSize(SearchRequest.MAX_SIZE));
    String what = q + " " + f;
    assertEquals(lucene.hits.totalHits.value(), ours.total(), what);
    assertEquals(new java.util.TreeSet<>(ids(snap, lucene.hits)), new java.util.TreeSet<>(ours.hits().stream().map(Hit::id).toList()), what);
    for (String dim : Schema.FILTER_DIMS) {
      assertEquals(counts(lucene.facets.getTopChildren(SearchService.FACET_SIZE, dim)), counts(ours, dim, f), what + " " + dim);
    }
  }

  /** Every hit, four at a time, by cursor, in relevance order (all hits score the same: id order). */
  private static List<String> ourWalk(SearchService service, Map<String, List<String>> f) throws Exception {
    List<String> out = new ArrayList<>();
    SearchRequest r = SearchRequest.of("").withFilters(f).withCollapse(false).withSize(4);
    SearchResult page = service.search(r);
    while (true) {
      page.hits().forEach(h -> out.add(h.id()));
      if (page.nextCursor() == null) return out;
      page = service.search(r.withCursor(page.nextCursor()));
    }
  }

  private static List<String> luceneWalk(IndexSnapshot snap, Map<String, List<String>> f) throws Exception {
    DrillDownQuery ddq = new DrillDownQuery(Schema.facetsConfig(), new org.apache.lucene.search.BooleanQuery.Builder()
        .add(org.apache.lucene.search.MatchAllDocsQuery.INSTANCE, org.apache.lucene.search.BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(Schema.DOCTYPE, Schema.DOCTYPE_DOC)), org.apache.lucene.search.BooleanClause.Occur.FILTER).build());
    f.forEach((dim, values) -> values.forEach(v -> ddq.add(dim, v)));
    var sort = new org.apache.lucene.search.Sort(org.apache.lucene.search.SortField.FIELD_SCORE,
        new org.apache.lucene.search.SortField(Schema.SORT_ID, org.apache.lucene.search.SortField.Type.STRING));
    List<String> out = new ArrayList<>();
    org.apache.lucene.search.ScoreDoc last = null;
    while (true) {
      TopDocs td = snap.searcher().searchAfter(last, ddq, 4, sort, true);
      if (td.scoreDocs.length == 0) return out;
      out.addAll(ids(snap, td));
      last = td.scoreDocs[td.scoreDocs.length - 1];
    }
  }

  private static List<String> ids(IndexSnapshot snap, TopDocs td) throws Exception {
    List<String> out = new ArrayList<>();
    for (var sd : td.scoreDocs) out.add(snap.searcher().storedFields().document(sd.doc).get(Schema.ID));
    return out;
  }

  private static Map<String, Integer> counts(FacetResult r) {
    Map<String, Integer> out = new LinkedHashMap<>();
    if (r != null) for (var lv : r.labelValues) out.put(lv.label, lv.value.intValue());
    return out;
  }

  /** Our counts of a dimension, without the zero-count entries the API adds for selected values. */
  private static Map<String, Integer> counts(SearchResult r, String dim, Map<String, List<String>> filters) {
    Map<String, Integer> out = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    List<FacetValue> values = (List<FacetValue>) r.facets().get(dim);
    for (FacetValue v : values) if (v.count() > 0) out.put(v.value(), v.count());
    return out;
  }
}
