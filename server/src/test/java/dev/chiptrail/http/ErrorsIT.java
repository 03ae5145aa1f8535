package dev.chiptrail.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorsIT {
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    api = TestServer.api();
  }

  @Test
  void badParametersAre400NamingTheParameterAndValue() {
    JsonNode e = api.error(400, "/api/search?size=1000");
    assertEquals("bad_parameter", e.path("code").asText());
    assertEquals("size", e.path("param").asText());
    assertEquals("size must be between 1 and 100, got 1000", e.path("message").asText());
    assertEquals("size must be a whole number, got 'abc'", api.error(400, "/api/search?size=abc").path("message").asText());
    assertEquals("size", api.error(400, "/api/search?size=0").path("param").asText());
    assertEquals("page", api.error(400, "/api/search?page=0").path("param").asText());
    assertEquals("page", api.error(400, "/api/search?page=2000&size=10").path("param").asText());
    assertEquals("sort", api.error(400, "/api/search?sort=newest").path("param").asText());
    assertEquals("from", api.error(400, "/api/search?from=2024-13").path("param").asText());
    assertEquals("to", api.error(400, "/api/search?to=24-01").path("param").asText());
    assertEquals("from", api.error(400, "/api/search?from=2025&to=2024").path("param").asText());
    assertEquals("facets", api.error(400, "/api/search?facets=colour").path("param").asText());
    assertEquals("cursor", api.error(400, "/api/search?cursor=bm90LWEtY3Vyc29y").path("param").asText());
    assertEquals("page", api.error(400, "/api/search?page=2&cursor=abc").path("param").asText());
    assertEquals("size", api.error(400, "/api/search?size=1&size=2").path("param").asText());
    assertEquals("exact_script", api.error(400, "/api/search?exact_script=maybe").path("param").asText());
    JsonNode unknown = api.error(400, "/api/search?sizee=5");
    assertEquals("sizee", unknown.path("param").asText());
    assertTrue(unknown.path("message").asText().contains("unknown parameter 'sizee'"));
    assertEquals("q", api.error(400, "/api/suggest").path("param").asText());
    assertEquals("size", api.error(400, "/api/entities?size=-1").path("param").asText());
  }

  @Test
  void cursorOfAnotherSortIsRefused() {
    String cursor = api.ok("/api/search?sort=date&size=2").path("next_cursor").asText();
    JsonNode e = api.error(400, "/api/search?sort=amount&cursor=" + Api.enc(cursor));
    assertEquals("cursor", e.path("param").asText());
  }

  @Test
  void querySyntaxErrorsAre400WithTheirOwnCode() {
    for (String q : List.of("\"unclosed phrase", "(a OR b", "a)", "provider:")) {
      JsonNode e = api.error(400, "/api/search?q=" + Api.enc(q));
      assertEquals("q", e.path("param").asText(), q);
      assertEquals("query_syntax", e.path("code").asText(), q);
    }
  }

  @Test
  void unknownPathsAndIdsAre404() {
    assertEquals("not_found", api.error(404, "/api/nothing").path("code").asText());
    api.error(404, "/api");
    api.error(404, "/api/docs/");
    api.error(404, "/api/search/extra");
    api.error(404, "/missing.js");
  }

  @Test
  void otherMethodsAre405WithAllow() {
    for (String m : List.of("POST", "PUT", "DELETE", "PATCH")) {
      Api.Response r = api.send(HttpRequest.newBuilder(URI.create(api.base + "/api/search")).method(m, HttpRequest.BodyPublishers.ofString("{}")).build());
      assertEquals(405, r.status(), m);
      assertEquals("method_not_allowed", r.json().path("error").path("code").asText());
      assertEquals("GET, HEAD", r.header("allow"));
    }
    Api.Response options = api.send(HttpRequest.newBuilder(URI.create(api.base + "/api/search")).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(405, options.status(), "no CORS preflight when CORS is off");
  }

  @Test
  void aBodyOverOneMebibyteIs413() {
    byte[] big = new byte[(1 << 20) + 1];
    // Expect: 100-continue, as a careful client sends a large body: the server refuses it before the
    // upload, instead of the client racing a connection the server closes after answering.
    Api.Response r = api.send(HttpRequest.newBuilder(URI.create(api.base + "/api/search")).expectContinue(true)
        .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());
    assertEquals(413, r.status());
    assertEquals("payload_too_large", r.json().path("error").path("code").asText());
  }

  @Test
  void aUrlOverEightKibibytesIs414() {
    JsonNode e = api.error(414, "/api/search?q=" + "a".repeat(9000));
    assertEquals("uri_too_long", e.path("code").asText());
    api.ok("/api/search?q=" + "a+".repeat(900));
    assertEquals("uri_too_long", api.error(414, "/api/search?q=" + "b".repeat(100_000)).path("code").asText());
  }

  @Test
  void nothingAClientSendsGetsA500() throws Exception {
    String[] nasty = {
        "/api/search?q=" + Api.enc("(".repeat(500) + "a" + ")".repeat(500)),
        "/api/search?q=" + Api.enc("\"".repeat(301)),
        "/api/search?q=" + Api.enc("-"),
        "/api/search?q=" + Api.enc("NOT"),
        "/api/search?q=" + Api.enc("OR OR OR"),
        "/api/search?q=" + Api.enc("*"),
        "/api/search?q=" + Api.enc("a*b?c~2^3"),
        "/api/search?q=" + Api.enc("provider:aws:azure"),
        "/api/search?q=" + Api.enc("nosuchfield:x"),
        "/api/search?q=" + Api.enc("\uD83D\uDE00 \u0301 \u200B \uFEFF"),
        "/api/search?q=" + Api.enc("\\"),
        "/api/search?q=" + Api.enc("a\u0000b"),
        "/api/search?q=" + Api.enc("x".repeat(2001)),
        "/api/search?provider=" + Api.enc("no such provider") + "&facets=provider",
        "/api/search?kind=",
        "/api/search?from=0000&to=9999",
        "/api/search?from=2024-02-30",
        "/api/search?from=-1",
        "/api/search?size=99999999999999999999",
        "/api/search?page=99999999999",
        "/api/search?page=-5",
        "/api/search?cursor=" + Api.enc("eyJzIjoicmVsZXZhbmNlIiwidiI6W251bGwsbnVsbF19"),
        "/api/search?cursor=" + Api.enc("eyJzIjoiZGF0ZSIsInYiOlsiYSIsMV19") + "&sort=date",
        "/api/search?cursor=" + Api.enc("eyJzIjoiZGF0ZSIsInYiOlsxZTk5LCJ4Il19") + "&sort=date",
        "/api/search?cursor=%E2%82%AC",
        "/api/search?facets=",
        "/api/search?facets=,,,",
        "/api/docs/" + Api.enc("../../etc/passwd"),
        "/api/docs/" + Api.enc("\u4e2d\u6587"),
        "/api/docs/%20",
        "/api/entities/" + Api.enc("' OR 1=1 --"),
        "/api/entities?q=" + Api.enc("\uD83D\uDE00"),
        "/api/suggest?q=" + Api.enc(" "),
        "/api/suggest?q=" + Api.enc("\u0000"),
        "/api/suggest?q=" + Api.enc("x".repeat(300)),
        "/api/suggest?q=a&size=0",
        "/api/export?format=",
        "/api/export?sort=-amount&format=jsonl&q=" + Api.enc("((("),
        "/api/stats?x=1",
        "/health?verbose=true",
    };
    for (String path : nasty) {
      Api.Response r = api.get(path);
      assertTrue(r.status() < 500, path + " -> " + r.status() + " " + r.text());
      if (r.status() >= 400) assertTrue(r.json().path("error").path("message").isTextual(), path);
    }
    // Undertow's request parser refuses a malformed escape itself (a bare 400, before any handler).
    for (String target : List.of("/api/search?q=%zz", "/api/search?q=%", "/api/docs/%zz")) {
      assertEquals(400, api.raw(target), target);
    }
    // Escapes of bytes that are not UTF-8 decode to replacement characters: a normal answer.
    for (String target : List.of("/api/suggest?q=%E4%B9", "/api/entities/%ff%fe", "/api/search?q=%C0%AF")) {
      String response = api.rawResponse(target);
      int status = Integer.parseInt(response.substring(9, 12));
      assertTrue(status == 404 || status == 200, target + " -> " + response);
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      if (status != 200) assertTrue(Api.JSON.readTree(body).path("error").path("message").isTextual(), target + " -> " + response);
    }
  }

  @Test
  void pathTraversalIs404() throws Exception {
    for (String target : List.of("/../pom.xml", "/%2e%2e/pom.xml", "/..%2fpom.xml", "/%2e%2e%2fpom.xml", "/%252e%252e/pom.xml",
        "/index.html%00.js", "/%00", "/chiptrail-ui/index.html", "/.%2e/.%2e/etc/passwd", "/..\\pom.xml", "/dev/chiptrail/http/ServerMain.class",
        "/openapi.json", "/META-INF/MANIFEST.MF", "/..;/pom.xml")) {
      int status = api.raw(target);
      assertTrue(status == 404 || status == 400, target + " -> " + status);
    }
    Api.Response r = api.get("/%2e%2e/pom.xml");
    assertEquals(404, r.status());
  }

  @Test
  void theUiIsServedWithSecurityHeadersAndNoDirectoryListing() {
    Api.Response r = api.get("/");
    assertEquals(200, r.status());
    assertTrue(r.header("content-type").startsWith("text/html"), r.header("content-type"));
    String csp = r.header("content-security-policy");
    assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
    assertEquals("nosniff", r.header("x-content-type-options"));
    assertEquals("no-referrer", r.header("referrer-policy"));
    assertEquals(200, api.get("/index.html").status());
    Api.Response apiResponse = api.get("/api/stats");
    assertEquals("nosniff", apiResponse.header("x-content-type-options"));
    assertNull(apiResponse.header("access-control-allow-origin"), "CORS is off by default");
  }

  @Test
  void corsAllowsOnlyTheNamedOrigins() throws Exception {
    ServerConfig c = new ServerConfig("127.0.0.1", 0, TestIndex.shared(), TestIndex.DATA, List.of("https://notebook.example.org"), false);
    try (ChiptrailServer s = ChiptrailServer.start(c)) {
      Api cors = new Api(s.port());
      Api.Response allowed = cors.send(HttpRequest.newBuilder(URI.create(cors.base + "/api/stats")).header("Origin", "https://notebook.example.org").GET().build());
      assertEquals("https://notebook.example.org", allowed.header("access-control-allow-origin"));
      Api.Response other = cors.send(HttpRequest.newBuilder(URI.create(cors.base + "/api/stats")).header("Origin", "https://evil.example").GET().build());
      assertNull(other.header("access-control-allow-origin"));
      Api.Response preflight = cors.send(HttpRequest.newBuilder(URI.create(cors.base + "/api/search"))
          .header("Origin", "https://notebook.example.org").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
      assertEquals(204, preflight.status());
      assertTrue(preflight.header("access-control-allow-methods").contains("GET"));
    }
  }

  @Test
  void aNonLoopbackHostIsRefusedUnlessAllowed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ServerConfig("0.0.0.0", 0, Path.of("index"), Path.of("data"), List.of(), false));
    assertTrue(e.getMessage().contains("--allow-remote"), e.getMessage());
    new ServerConfig("0.0.0.0", 0, Path.of("index"), Path.of("data"), List.of(), true);
    new ServerConfig("localhost", 0, Path.of("index"), Path.of("data"), List.of(), false);
    assertThrows(IllegalArgumentException.class, () -> new ServerConfig("127.0.0.1", 70000, Path.of("index"), Path.of("data"), List.of(), false));
    assertThrows(IllegalArgumentException.class, () -> new ServerConfig("127.0.0.1", 0, Path.of("index"), Path.of("data"), List.of("*"), false));
  }
}
