package dev.chiptrail.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.List;

/**
 * What every request passes first: security headers on every response, the URL and body size limits
 * (414, 413), CORS for the configured origins only, and the methods the API answers (GET and HEAD;
 * anything else is 405 with Allow).
 */
final class Guard implements HttpHandler {
  static final int MAX_URL = 8 * 1024;
  static final long MAX_BODY = 1 << 20;
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private final HttpHandler next;
  private final List<String> corsOrigins;

  Guard(HttpHandler next, List<String> corsOrigins) {
    this.next = next;
    this.corsOrigins = corsOrigins;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    HeaderMap h = ex.getResponseHeaders();
    h.put(new HttpString("Content-Security-Policy"), CSP);
    h.put(new HttpString("X-Content-Type-Options"), "nosniff");
    h.put(new HttpString("Referrer-Policy"), "no-referrer");
    h.put(new HttpString("X-Frame-Options"), "DENY");
    int urlLength = ex.getRequestURI().length() + (ex.getQueryString().isEmpty() ? 0 : ex.getQueryString().length() + 1);
    if (urlLength > MAX_URL) {
      ApiErrors.send(ex, 414, "uri_too_long", "the URL is " + urlLength + " characters long; at most " + MAX_URL + " are accepted");
      return;
    }
    long length = ex.getRequestContentLength();
    if (length > MAX_BODY) {
      // The body is not read, so the connection cannot carry another request: say so to the client.
      ex.setPersistent(false);
      ApiErrors.send(ex, 413, "payload_too_large", "the request body is " + length + " bytes; at most " + MAX_BODY + " are accepted (and the API needs none)");
      return;
    }
    String origin = ex.getRequestHeaders().getFirst(Headers.ORIGIN);
    boolean corsAllowed = origin != null && corsOrigins.contains(origin);
    if (corsAllowed) {
      h.put(new HttpString("Access-Control-Allow-Origin"), origin);
      h.add(Headers.VARY, "Origin");
      h.put(new HttpString("Access-Control-Expose-Headers"), "X-Index-Version, X-Total-Count");
    }
    if (ex.getRequestMethod().equals(Methods.OPTIONS) && corsAllowed) {
      h.put(new HttpString("Access-Control-Allow-Methods"), "GET, HEAD");
      h.put(new HttpString("Access-Control-Max-Age"), "600");
      ex.setStatusCode(204);
      ex.endExchange();
      return;
    }
    if (!ex.getRequestMethod().equals(Methods.GET) && !ex.getRequestMethod().equals(Methods.HEAD)) {
      h.put(Headers.ALLOW, "GET, HEAD");
      ApiErrors.send(ex, 405, "method_not_allowed", ex.getRequestMethod() + " is not allowed; the API is read-only (GET)");
      return;
    }
    next.handleRequest(ex);
  }
}
