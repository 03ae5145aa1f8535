package dev.chiptrail.http;

import dev.chiptrail.search.EntityService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Set;

/** GET /api/entities/{id}: an entity's profile. */
final class EntityHandler implements HttpHandler {
  private final EntityService entities;

  EntityHandler(EntityService entities) {
    this.entities = entities;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    Params.of(ex, Set.of());
    EntityService.Profile p = entities.profile(DocHandler.pathParam(ex, "id"));
    Responses.ok(ex, p.indexVersion(), p);
  }
}
