package dev.chiptrail.http;

import dev.chiptrail.search.BadRequestException;
import dev.chiptrail.search.Suggester;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Set;

/** GET /api/suggest?q=: completions over every name form while typing. */
final class SuggestHandler implements HttpHandler {
  private final Suggester suggester;

  SuggestHandler(Suggester suggester) {
    this.suggester = suggester;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    Params p = Params.of(ex, Set.of("q", "size"));
    String q = p.string("q");
    if (q == null) throw BadRequestException.param("q", "q is required: the text typed so far");
    if (q.length() > 200) throw BadRequestException.param("q", "q is " + q.length() + " characters long; completions take at most 200");
    int size = p.integer("size", Suggester.DEFAULT_SIZE, 1, Suggester.MAX_SIZE);
    Suggester.Suggestions s = suggester.suggest(q, size);
    Responses.ok(ex, s.indexVersion(), s);
  }
}
