package dev.chiptrail.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.chiptrail.ingest.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Writes response records as JSON, with the same mapper {@code search --json} uses. */
final class Responses {
  static final String JSON = "application/json; charset=utf-8";
  static final HttpString INDEX_VERSION = new HttpString("X-Index-Version");

  private Responses() {}

  static byte[] bytes(Object body) {
    try {
      return Json.OUT.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void json(HttpServerExchange ex, int status, Object body) {
    byte[] b = bytes(body);
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    ex.setResponseContentLength(b.length);
    ex.getResponseSender().send(ByteBuffer.wrap(b));
  }

  static void ok(HttpServerExchange ex, String indexVersion, Object body) {
    if (indexVersion != null) ex.getResponseHeaders().put(INDEX_VERSION, indexVersion);
    json(ex, 200, body);
  }
}
