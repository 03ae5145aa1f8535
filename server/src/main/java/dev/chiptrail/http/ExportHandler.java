package dev.chiptrail.http;

import dev.chiptrail.search.Exporter;
import dev.chiptrail.search.SearchRequest;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.List;

/** GET /api/export?format=csv|jsonl&…filters: every matching document, streamed. */
final class ExportHandler implements HttpHandler {
  static final HttpString TOTAL = new HttpString("X-Total-Count");
  private final Exporter exporter;

  ExportHandler(Exporter exporter) {
    this.exporter = exporter;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    Params p = Params.of(ex, SearchParams.EXPORT);
    String format = p.choice("format", List.of("csv", "jsonl"), "csv");
    SearchRequest req = SearchParams.read(p, false);
    Exporter.Format f = format.equals("csv") ? Exporter.Format.CSV : Exporter.Format.JSONL;
    exporter.export(req, f, (total, version) -> {
      ex.setStatusCode(200);
      ex.getResponseHeaders().put(Headers.CONTENT_TYPE, f == Exporter.Format.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
      ex.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"chiptrail-export." + format + "\"");
      ex.getResponseHeaders().put(TOTAL, Long.toString(total));
      ex.getResponseHeaders().put(Responses.INDEX_VERSION, version);
      ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
      return ex.getOutputStream();
    });
    ex.getOutputStream().close();
  }
}
