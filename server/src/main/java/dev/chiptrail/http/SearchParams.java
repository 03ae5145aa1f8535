package dev.chiptrail.http;

import dev.chiptrail.schema.Schema;
import dev.chiptrail.search.BadRequestException;
import dev.chiptrail.search.SearchRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a {@link SearchRequest} from query parameters: the same names in /api/search and /api/export. */
final class SearchParams {
  static final Set<String> FILTERS = Set.copyOf(Schema.FILTER_DIMS);
  /** Parameters both endpoints share: the query, facet filters, dates, sort. */
  static final Set<String> COMMON = common();
  static final Set<String> SEARCH = with(COMMON, "size", "page", "cursor", "facets", "collapse");
  static final Set<String> EXPORT = with(COMMON, "format");

  private SearchParams() {}

  private static Set<String> common() {
    Set<String> s = new LinkedHashSet<>(Schema.FILTER_DIMS);
    s.addAll(List.of("q", "from", "to", "sort", "exact_script"));
    return Set.copyOf(s);
  }

  private static Set<String> with(Set<String> base, String... more) {
    Set<String> s = new LinkedHashSet<>(base);
    s.addAll(List.of(more));
    return Set.copyOf(s);
  }

  static SearchRequest read(Params p, boolean paging) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (String dim : Schema.FILTER_DIMS) {
      List<String> v = p.list(dim);
      if (!v.isEmpty()) filters.put(dim, v);
    }
    String q = p.string("q");
    String sort = p.choice("sort", SearchRequest.SORTS, "relevance");
    int size = SearchRequest.DEFAULT_SIZE;
    int page = 1;
    String cursor = null;
    List<String> facets = null;
    if (paging) {
      size = p.integer("size", SearchRequest.DEFAULT_SIZE, 1, SearchRequest.MAX_SIZE);
      page = p.integer("page", 1);
      cursor = p.string("cursor");
      if (cursor != null && cursor.isBlank()) cursor = null;
      if (cursor != null && p.has("page")) {
        throw BadRequestException.param("page", "give either page or cursor, not both");
      }
      if (p.has("facets")) {
        facets = new ArrayList<>();
        for (String v : p.list("facets")) {
          for (String d : v.split(",")) if (!d.isBlank()) facets.add(d.strip());
        }
      }
    }
    boolean collapse = !paging || !p.has("collapse") || p.bool("collapse");
    return new SearchRequest(q, filters, blank(p.string("from")), blank(p.string("to")), sort, size, page, cursor, facets,
        p.bool("exact_script"), collapse);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
