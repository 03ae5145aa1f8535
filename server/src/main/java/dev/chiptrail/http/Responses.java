package dev.chiptrail.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectWriter;
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

  /**
   * Errors quote what the client sent; with {@code < > & '} written as {@code \u003c}… a value such as
   * {@code <script>} never appears verbatim in the response, whatever reads it.
   */
  private static final ObjectWriter ERROR_WRITER = Json.OUT.writer().with(new HtmlSafeEscapes());

  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private final int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();

    HtmlSafeEscapes() {
      for (char c : new char[] {'<', '>', '&', '\''}) escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }

  static void json(HttpServerExchange ex, int status, Object body) {
    byte[] b;
    try {
      b = status >= 400 ? ERROR_WRITER.writeValueAsBytes(body) : Json.OUT.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
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
