package dev.chiptrail.http;

import dev.chiptrail.search.EntityService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Set;

/** GET /api/entities?q=: entities by any name form (exact first, then by prefix); no q lists them all. */
final class EntitiesHandler implements HttpHandler {
  static final int DEFAULT_SIZE = 20;
  static final int MAX_SIZE = 500;
  private final EntityService entities;

  EntitiesHandler(EntityService entities) {
    this.entities = entities;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    Params p = Params.of(ex, Set.of("q", "size"));
    int size = p.integer("size", DEFAULT_SIZE, 1, MAX_SIZE);
    EntityService.Matches m = entities.find(p.string("q"), size);
    Responses.ok(ex, m.indexVersion(), m);
  }
}
