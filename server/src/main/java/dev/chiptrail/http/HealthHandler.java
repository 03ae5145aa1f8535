package dev.chiptrail.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chiptrail.search.IndexSnapshot;
import dev.chiptrail.search.Searchers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** GET /health: 200 when an index is open and answering, 503 otherwise. */
final class HealthHandler implements HttpHandler {
  record Health(String status, @JsonProperty("index_version") String indexVersion) {}

  private final Searchers searchers;

  HealthHandler(Searchers searchers) {
    this.searchers = searchers;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) {
    IndexSnapshot s;
    try {
      s = searchers.acquire();
    } catch (IllegalStateException closed) {
      ApiErrors.send(ex, 503, "unavailable", "the server is shutting down");
      return;
    }
    try {
      Responses.ok(ex, s.version(), new Health("ok", s.version()));
    } finally {
      searchers.release(s);
    }
  }
}
