package dev.chiptrail.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.predicate.Predicates;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.RequestLimit;
import io.undertow.server.handlers.RequestLimitingHandler;
import io.undertow.util.Headers;
import io.undertow.server.handlers.encoding.ContentEncodingRepository;
import io.undertow.server.handlers.encoding.EncodingHandler;
import io.undertow.server.handlers.encoding.GzipEncodingProvider;
import io.undertow.util.Methods;

/** Which handler answers which path. Search work runs on worker threads, never the I/O threads. */
final class Routes {
  private Routes() {}

  static HttpHandler of(Services s, ServerConfig config, java.util.function.UnaryOperator<HttpHandler> inner) {
    RoutingHandler r = new RoutingHandler(false);
    get(r, "/api/search", new SearchHandler(s.search()));
    get(r, "/api/docs/{id}", new DocHandler(s.docs()));
    get(r, "/api/entities", new EntitiesHandler(s.entities()));
    get(r, "/api/entities/{id}", new EntityHandler(s.entities()));
    get(r, "/api/suggest", new SuggestHandler(s.suggester()));
    get(r, "/api/export", new ExportHandler(s.exporter()));
    get(r, "/api/stats", new StatsHandler(s.searchers()));
    get(r, "/api/openapi.json", new OpenApiHandler());
    get(r, "/health", new HealthHandler(s.searchers()));
    HttpHandler ui = new UiHandler();
    r.setFallbackHandler(ApiErrors.catching(ex -> {
      String p = ex.getRequestPath();
      if (p.equals("/api") || p.startsWith("/api/") || p.equals("/health")) UiHandler.notFound(ex);
      else ui.handleRequest(ex);
    }));
    // JSON compresses five- to tenfold; small answers are not worth the CPU.
    ContentEncodingRepository gzip = new ContentEncodingRepository()
        .addEncodingHandler("gzip", new GzipEncodingProvider(), 50, Predicates.maxContentSize(1024));
    // At most maxConcurrent requests at once and queueSize waiting; past that a 503 the client can retry.
    RequestLimit limit = new RequestLimit(config.maxConcurrent(), config.queueSize());
    limit.setFailureHandler(ex -> {
      ex.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
      ApiErrors.send(ex, 503, "overloaded", "the server is busy (" + config.maxConcurrent() + " requests running, "
          + config.queueSize() + " waiting); retry after a second");
    });
    HttpHandler limited = new RequestLimitingHandler(limit, inner.apply(r));
    return new EncodingHandler(new Guard(limited, config.corsOrigins()), gzip);
  }

  private static void get(RoutingHandler r, String path, HttpHandler h) {
    HttpHandler blocking = new BlockingHandler(ApiErrors.catching(h));
    r.add(Methods.GET, path, blocking);
    r.add(Methods.HEAD, path, blocking);
  }
}
