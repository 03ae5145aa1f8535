package dev.chiptrail.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client of a running server over real HTTP. Every JSON response it receives is checked against
 * the OpenAPI document ({@link OpenApiCheck}): the path and status are described, and the top-level
 * properties are declared.
 */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  final String base;
  final int port;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Api(int port) {
    this.port = port;
    this.base = "http://127.0.0.1:" + port;
  }

  record Response(int status, HttpResponse<byte[]> raw) {
    String text() {
      return new String(raw.body(), StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + text(), e);
      }
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  Response get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build());
  }

  Response send(HttpRequest req) {
    try {
      HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
      Response resp = new Response(r.statusCode(), r);
      OpenApiCheck.verify(req.method(), req.uri().getRawPath(), resp);
      return resp;
    } catch (IOException e) {
      throw new AssertionError(req.method() + " " + req.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** GET that must answer 200 with JSON. */
  JsonNode ok(String pathAndQuery) {
    Response r = get(pathAndQuery);
    assertEquals(200, r.status(), () -> pathAndQuery + " -> " + r.text());
    assertTrue(r.header("content-type").startsWith("application/json"), r.header("content-type"));
    return r.json();
  }

  /** GET that must answer {@code status} with the JSON error shape; returns the error object. */
  JsonNode error(int status, String pathAndQuery) {
    Response r = get(pathAndQuery);
    assertEquals(status, r.status(), () -> pathAndQuery + " -> " + r.text());
    JsonNode e = r.json().path("error");
    assertEquals(status, e.path("status").asInt(), r.text());
    assertTrue(e.path("code").isTextual() && e.path("message").isTextual(), r.text());
    assertTrue(!r.text().contains("Exception") && !r.text().contains("\tat "), "leaks internals: " + r.text());
    return e;
  }

  /** Sends a request line exactly as written (no client normalisation); returns the status code. */
  int raw(String requestTarget) throws IOException {
    String response = rawResponse(requestTarget);
    return Integer.parseInt(response.substring(9, 12));
  }

  /** The whole response (status line, headers, body) to a request line sent exactly as written. */
  String rawResponse(String requestTarget) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + requestTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
