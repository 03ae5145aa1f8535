package dev.chiptrail.search;

import java.util.List;
import java.util.Map;

/**
 * One search, as the command line and the HTTP API both express it. Validated by {@link #validate}
 * (errors name the parameter and the value) before anything touches the index.
 *
 * @param q the query (see {@link QueryParser}); blank means everything
 * @param filters facet filters: dimension → values (OR within a dimension, AND across)
 * @param from inclusive lower date bound (yyyy, yyyy-MM or yyyy-MM-dd), or null
 * @param to inclusive upper date bound, or null
 * @param sort relevance, date, -date, amount or -amount
 * @param size hits per page, 1 to {@link #MAX_SIZE}
 * @param page 1-based page (ignored when a cursor is given)
 * @param cursor opaque position from a previous result's next_cursor, or null
 * @param facets dimensions to count; null means all
 * @param exactScript match Han text only in the script typed (no simplified/traditional folding)
 * @param collapse return the versions of one story (syndicated copies) as one hit; false returns
 *     every document (the export does)
 */
public record SearchRequest(
    String q,
    Map<String, List<String>> filters,
    String from,
    String to,
    String sort,
    int size,
    int page,
    String cursor,
    List<String> facets,
    boolean exactScript,
    boolean collapse) {

  public static final int DEFAULT_SIZE = 10;
  public static final int MAX_SIZE = 100;
  /** Page-based paging stops here; deeper results are reached with the cursor. */
  public static final int MAX_WINDOW = 10_000;
  public static final List<String> SORTS = List.of("relevance", "date", "-date", "amount", "-amount");

  public SearchRequest {
    q = q == null ? "" : q;
    filters = filters == null ? Map.of() : Map.copyOf(filters);
    sort = sort == null || sort.isBlank() ? "relevance" : sort;
    facets = facets == null ? null : List.copyOf(facets);
  }

  /** A request that collapses syndicated copies (the default). */
  public SearchRequest(String q, Map<String, List<String>> filters, String from, String to, String sort, int size,
      int page, String cursor, List<String> facets, boolean exactScript) {
    this(q, filters, from, to, sort, size, page, cursor, facets, exactScript, true);
  }

  /** Everything, first page, all facets. */
  public static SearchRequest of(String q) {
    return new SearchRequest(q, Map.of(), null, null, "relevance", DEFAULT_SIZE, 1, null, null, false);
  }

  public SearchRequest withFilters(Map<String, List<String>> f) {
    return new SearchRequest(q, f, from, to, sort, size, page, cursor, facets, exactScript, collapse);
  }

  public SearchRequest withCursor(String c) {
    return new SearchRequest(q, filters, from, to, sort, size, page, c, facets, exactScript, collapse);
  }

  public SearchRequest withSize(int s) {
    return new SearchRequest(q, filters, from, to, sort, s, page, cursor, facets, exactScript, collapse);
  }

  public SearchRequest withDates(String f, String t) {
    return new SearchRequest(q, filters, f, t, sort, size, page, cursor, facets, exactScript, collapse);
  }

  public SearchRequest withCollapse(boolean c) {
    return new SearchRequest(q, filters, from, to, sort, size, page, cursor, facets, exactScript, c);
  }

  public SearchRequest withSort(String s) {
    return new SearchRequest(q, filters, from, to, s, size, page, cursor, facets, exactScript, collapse);
  }

  /** The dimensions to count (and "date"); an empty list counts none, null all. */
  public SearchRequest withFacets(List<String> f) {
    return new SearchRequest(q, filters, from, to, sort, size, page, cursor, f, exactScript, collapse);
  }
}
