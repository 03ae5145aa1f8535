package dev.chiptrail.http;

import dev.chiptrail.search.DocService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.util.Set;

/** GET /api/docs/{id}: a whole record or article with its links. */
final class DocHandler implements HttpHandler {
  private final DocService docs;

  DocHandler(DocService docs) {
    this.docs = docs;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    Params.of(ex, Set.of());
    DocService.DocResult r = docs.get(pathParam(ex, "id"));
    Responses.ok(ex, r.indexVersion(), r);
  }

  static String pathParam(HttpServerExchange ex, String name) {
    PathTemplateMatch m = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
    String raw = m.getParameters().get(name);
    String id = Params.decode(name, "the " + name + " in the path", raw);
    if (id.indexOf('\0') >= 0 || id.length() > Params.MAX_VALUE) throw new dev.chiptrail.search.NotFoundException("document or entity", Params.shorten(id.replace('\0', ' ')));
    return id;
  }
}
