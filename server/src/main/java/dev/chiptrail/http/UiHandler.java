package dev.chiptrail.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.Resource;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.server.handlers.resource.ResourceManager;
import io.undertow.util.MimeMappings;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The UI module's files (classpath chiptrail-ui/) at /. Only plain paths reach the resource handler:
 * a segment that starts with a dot (.., .git), any backslash, NUL or percent sign left after
 * decoding (double encoding), or an encoded dot, slash or NUL in the raw URI is a 404, and so is a
 * folder without an index.html (there is no directory listing).
 */
final class UiHandler implements HttpHandler {
  static final String ROOT = "chiptrail-ui";
  private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*)*/?");
  private static final Pattern RAW_BAD = Pattern.compile("%(2e|2f|5c|00|25)|\\.\\.|\\\\", Pattern.CASE_INSENSITIVE);

  private final ResourceManager resources = new ClassPathResourceManager(UiHandler.class.getClassLoader(), ROOT);
  private final ResourceHandler files;

  UiHandler() {
    HttpHandler notFound = ex -> notFound(ex);
    MimeMappings mime = MimeMappings.builder(true)
        .addMapping("html", "text/html; charset=utf-8")
        .addMapping("js", "text/javascript; charset=utf-8")
        .addMapping("mjs", "text/javascript; charset=utf-8")
        .addMapping("css", "text/css; charset=utf-8")
        .addMapping("json", "application/json; charset=utf-8")
        .addMapping("svg", "image/svg+xml")
        .addMapping("txt", "text/plain; charset=utf-8")
        .build();
    files = new ResourceHandler(resources, notFound).setDirectoryListingEnabled(false).setWelcomeFiles("index.html").setMimeMappings(mime);
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    String path = ex.getRelativePath();
    String raw = ex.getRequestURI();
    if (path == null || !SAFE.matcher(path).matches() || RAW_BAD.matcher(raw).find()) {
      notFound(ex);
      return;
    }
    Resource r = resources.getResource(path);
    if (r != null && r.isDirectory() && resources.getResource(path.endsWith("/") ? path + "index.html" : path + "/index.html") == null) {
      notFound(ex);
      return;
    }
    if (path.toLowerCase(Locale.ROOT).endsWith(".html") || path.endsWith("/")) {
      ex.getResponseHeaders().put(io.undertow.util.Headers.CACHE_CONTROL, "no-cache");
    }
    files.handleRequest(ex);
  }

  static void notFound(HttpServerExchange ex) {
    ApiErrors.send(ex, 404, "not_found", "nothing at " + Params.shorten(ex.getRequestURI()));
  }
}
