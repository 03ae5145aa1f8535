package dev.chiptrail.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chiptrail.search.FacetValue;
import dev.chiptrail.search.Hit;
import dev.chiptrail.search.SearchRequest;
import dev.chiptrail.search.SearchResult;
import dev.chiptrail.search.SearchService;
import dev.chiptrail.search.Searchers;
import dev.chiptrail.testing.TestIndexes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The facts of the Reuters review, as the shipped data and the index must hold them. */
class ShippedFactsIT {
  private static Searchers searchers;
  private static SearchService service;

  @BeforeAll
  static void open() throws Exception {
    searchers = Searchers.open(TestIndexes.shipped());
    service = new SearchService(searchers);
  }

  @AfterAll
  static void close() throws Exception {
    searchers.close();
  }

  private static SearchResult records(Map<String, List<String>> filters) throws Exception {
    Map<String, List<String>> f = new java.util.HashMap<>(filters);
    f.put("kind", List.of("record"));
    return service.search(SearchRequest.of("").withFilters(f).withSize(100));
  }

  private static int count(SearchResult r, String dim, String value) {
    @SuppressWarnings("unchecked")
    List<FacetValue> values = (List<FacetValue>) r.facets().get(dim);
    return values.stream().filter(v -> v.value().equals(value)).mapToInt(FacetValue::count).sum();
  }

  @Test
  void elevenRecordsOneForEachEntityOfTheReutersList() throws Exception {
    SearchResult r = records(Map.of());
    assertEquals(11, r.total());
    assertEquals(11, r.hits().stream().map(h -> h.values().get("entity").get(0).value()).distinct().count());
  }

  @Test
  void providerCountsAreFourAwsTwoAzureFiveUnspecified() throws Exception {
    SearchResult r = records(Map.of());
    assertEquals(4, count(r, "provider", "aws"));
    assertEquals(2, count(r, "provider", "azure"));
    assertEquals(5, count(r, "provider", "unspecified"));
    assertEquals(4, records(Map.of("provider", List.of("aws"))).total());
  }

  @Test
  void chipCountsAreSevenA100OneH100() throws Exception {
    SearchResult r = records(Map.of());
    assertEquals(7, count(r, "chip", "a100"));
    assertEquals(1, count(r, "chip", "h100"));
    assertEquals(List.of("rec-shenzhen-university-2024-03"),
        records(Map.of("chip", List.of("h100"))).hits().stream().map(Hit::id).toList());
  }

  @Test
  void tsinghuaIsDatedNovember2023AndCnkiIsUndated() throws Exception {
    Hit tsinghua = records(Map.of("entity", List.of("tsinghua-university"))).hits().get(0);
    assertEquals("2023-11", tsinghua.date());
    Hit cnki = records(Map.of("entity", List.of("cnki"))).hits().get(0);
    assertNull(cnki.date());
  }

  @Test
  void dateHistogramCountsSevenRecordsIn2024AndFourInApril() throws Exception {
    SearchResult r = records(Map.of());
    @SuppressWarnings("unchecked")
    Map<String, List<FacetValue>> date = (Map<String, List<FacetValue>>) r.facets().get("date");
    assertEquals(7, date.get("years").stream().filter(v -> v.value().equals("2024")).findFirst().orElseThrow().count());
    assertEquals(4, date.get("months").stream().filter(v -> v.value().equals("2024-04")).findFirst().orElseThrow().count());
  }

  @Test
  void multiSelectKeepsOtherProviderCountsAndNarrowsOtherDimensions() throws Exception {
    SearchResult r = records(Map.of("provider", List.of("aws")));
    assertEquals(2, count(r, "provider", "azure"), "azure keeps its count with aws selected");
    assertEquals(6, records(Map.of("provider", List.of("aws", "azure"))).total());
    assertEquals(2, count(r, "chip", "a100"), "chips count the narrowed set: Shenzhen and Fujian");
  }

  @Test
  void dateRangeFrom2024ExcludesTsinghua() throws Exception {
    SearchResult r = service.search(SearchRequest.of("").withFilters(Map.of("kind", List.of("record")))
        .withDates("2024-01", null).withSize(100));
    assertEquals(7, r.total());
    assertEquals(0, r.hits().stream().filter(h -> h.id().contains("tsinghua")).count());
  }

  @Test
  void sortingByDateNewestFirstPutsUndatedLast() throws Exception {
    SearchResult r = service.search(SearchRequest.of("").withFilters(Map.of("kind", List.of("record")))
        .withSort("-date").withSize(100));
    List<String> ids = r.hits().stream().map(Hit::id).toList();
    assertEquals("rec-china-coal-research-institute-2024-06", ids.get(0));
    assertEquals("rec-cnki-undated", ids.get(ids.size() - 1));
  }

  @Test
  void cursorWalkVisitsEveryHitOnce() throws Exception {
    SearchRequest req = SearchRequest.of("").withSize(4).withSort("date");
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    String cursor = null;
    long total;
    int pages = 0;
    do {
      SearchResult r = service.search(req.withCursor(cursor));
      total = r.total();
      for (Hit h : r.hits()) assertEquals(true, seen.add(h.id()), "seen twice: " + h.id());
      cursor = r.nextCursor();
      pages++;
    } while (cursor != null && pages < 100);
    assertEquals(total, seen.size());
  }
}
