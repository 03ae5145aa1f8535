package dev.chiptrail.http;

import dev.chiptrail.search.IndexStats;
import dev.chiptrail.search.Searchers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Set;

/** GET /api/stats: counts, index version, build time, schema version. */
final class StatsHandler implements HttpHandler {
  private final Searchers searchers;

  StatsHandler(Searchers searchers) {
    this.searchers = searchers;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    Params.of(ex, Set.of());
    IndexStats s = IndexStats.of(searchers);
    Responses.ok(ex, s.indexVersion(), s);
  }
}
