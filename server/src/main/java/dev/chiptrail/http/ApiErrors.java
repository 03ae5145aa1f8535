package dev.chiptrail.http;

import dev.chiptrail.search.BadRequestException;
import dev.chiptrail.search.NotFoundException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single place that maps an exception to a status and a JSON error: a client's mistake
 * ({@link BadRequestException}) is 400 with its code and parameter, an unknown id 404, an HTTP-level
 * refusal its own status; anything else is a bug, logged, and answered 500 with a generic message
 * (no stack trace ever reaches a client).
 */
public final class ApiErrors {
  private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());

  private ApiErrors() {}

  /** Runs {@code h}, answering any exception it throws as JSON. */
  public static HttpHandler catching(HttpHandler h) {
    return ex -> {
      try {
        h.handleRequest(ex);
      } catch (Throwable t) {
        send(ex, t);
      }
    };
  }

  public static ApiError toError(Throwable t) {
    if (t instanceof BadRequestException b) return ApiError.of(400, b.code(), b.param(), b.getMessage());
    if (t instanceof NotFoundException n) return ApiError.of(404, "not_found", null, n.getMessage());
    if (t instanceof HttpError h) return ApiError.of(h.status, h.code, null, h.getMessage());
    return ApiError.of(500, "internal_error", null, "the server failed to answer this request; the error is logged");
  }

  public static void send(HttpServerExchange ex, Throwable t) {
    ApiError e = toError(t);
    if (e.error().status() == 500) LOG.log(Level.SEVERE, "request " + ex.getRequestMethod() + " " + ex.getRequestURI() + " failed", t);
    if (ex.isResponseStarted()) {
      // Part of a streamed body is already out: all that is left is to cut the connection.
      org.xnio.IoUtils.safeClose(ex.getConnection());
      return;
    }
    Responses.json(ex, e.error().status(), e);
  }

  static void send(HttpServerExchange ex, int status, String code, String message) {
    Responses.json(ex, status, ApiError.of(status, code, null, message));
  }
}
