package dev.chiptrail.http;

import dev.chiptrail.search.SearchRequest;
import dev.chiptrail.search.SearchResult;
import dev.chiptrail.search.SearchService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** GET /api/search: parameters → {@link SearchRequest} → {@link SearchResult}, the same JSON as {@code search --json}. */
final class SearchHandler implements HttpHandler {
  private final SearchService search;

  SearchHandler(SearchService search) {
    this.search = search;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    SearchRequest req = SearchParams.read(Params.of(ex, SearchParams.SEARCH), true);
    SearchResult r = search.search(req);
    Responses.ok(ex, r.indexVersion(), r);
  }
}
