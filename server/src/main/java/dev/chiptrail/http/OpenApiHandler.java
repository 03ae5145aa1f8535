package dev.chiptrail.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** GET /api/openapi.json: the OpenAPI 3.1 description, kept as the resource openapi.json. */
final class OpenApiHandler implements HttpHandler {
  static final String RESOURCE = "/openapi.json";
  private final byte[] doc;

  OpenApiHandler() {
    try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      doc = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void handleRequest(HttpServerExchange ex) {
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, Responses.JSON);
    ex.setResponseContentLength(doc.length);
    ex.getResponseSender().send(ByteBuffer.wrap(doc));
  }
}
