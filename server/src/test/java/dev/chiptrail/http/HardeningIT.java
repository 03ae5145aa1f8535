package dev.chiptrail.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chiptrail.search.Searchers;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile queries, the per-request time limit, the bounded queue and HTTP-level refusals. */
class HardeningIT {
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    api = TestServer.api();
  }

  /**
   * The request answers below 500, and within a second the second time (the first may load classes
   * and caches on a shared machine).
   */
  static Api.Response quick(String pathAndQuery) {
    String shown = pathAndQuery.substring(0, Math.min(120, pathAndQuery.length()));
    Api.Response first = api.get(pathAndQuery);
    assertTrue(first.status() < 500, shown + " -> " + first.status());
    long t0 = System.nanoTime();
    Api.Response r = api.get(pathAndQuery);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(first.status(), r.status(), shown);
    assertTrue(ms < 1000, shown + " took " + ms + " ms");
    return r;
  }

  @Test
  void regexWildcardAndFuzzySyntaxIsPlainTextAndAnsweredQuickly() {
    api.ok("/api/search?q=A100");
    for (String q : List.of("/a{1,100000}/", "*foo", "?oo", "foo~5", "foo~2", "a*", "/" + "(a|b)*c{2,}".repeat(200) + "/",
        "/" + "[a-z]".repeat(400) + "/", "((a+)+)+$")) {
      Api.Response r = quick("/api/search?q=" + Api.enc(q));
      assertTrue(r.status() == 200 || r.status() == 400, q + " -> " + r.status());
    }
    // The characters are text: `*foo` finds what `foo` finds, not every word ending in foo.
    assertEquals(api.ok("/api/search?q=A100").path("total").asLong(), api.ok("/api/search?q=" + Api.enc("*A100")).path("total").asLong());
  }

  @Test
  void moreThan1024WordsIs400NamingQ() {
    // Over HTTP q is capped at 2,000 characters, so 1,025 words hit that limit first (the parser's
    // own 1,024-clause limit is tested in QueryParserFuzzTest).
    String q = IntStream.range(0, 1025).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    JsonNode e = api.error(400, "/api/search?q=" + Api.enc(q));
    assertEquals("q", e.path("param").asText());
  }

  @Test
  void aQueryThatExpandsPastLucenesClauseLimitIs400NotA500() {
    // 400 words are under the parser's limit, but each becomes a clause per field and name form.
    String q = IntStream.range(0, 600).mapToObj(i -> "" + (char) ('b' + i / 24) + (char) ('b' + i % 24)).collect(Collectors.joining(" "));
    Api.Response r = quick("/api/search?q=" + Api.enc(q));
    assertEquals(400, r.status(), () -> r.text().substring(0, Math.min(300, r.text().length())));
    assertEquals("q", r.json().path("error").path("param").asText());
    assertEquals("too_many_clauses", r.json().path("error").path("code").asText());
  }

  @Test
  void deepPagingPastTenThousandAndPagesOver100AreRefused() {
    assertEquals("page", api.error(400, "/api/search?size=100&page=101").path("param").asText());
    assertEquals("size", api.error(400, "/api/search?size=101").path("param").asText());
    assertEquals("from", api.error(400, "/api/search?from=2024-02-31").path("param").asText());
  }

  @Test
  void aSearchPastTheTimeLimitAnswersPartialResultsFlagged() throws Exception {
    try (Searchers searchers = Searchers.open(TestIndex.shared());
         ChiptrailServer s = ChiptrailServer.start(ServerConfig.local(TestIndex.shared(), TestIndex.DATA),
             Services.over(searchers, Duration.ofNanos(1)))) {
      Api limited = new Api(s.port());
      JsonNode r = limited.ok("/api/search?q=A100");
      assertTrue(r.path("timed_out").asBoolean(), r.toString());
      assertFalse(r.path("total_exact").asBoolean(), r.toString());
      // An export is never cut short: every document, as without a limit.
      long all = api.ok("/api/search").path("total").asLong();
      Api.Response export = limited.get("/api/export?format=jsonl");
      assertEquals(200, export.status());
      assertEquals(all, export.text().lines().count());
      // A search with facet filters (drill sideways) is limited too.
      JsonNode filtered = limited.ok("/api/search?q=A100&provider=aws&chip=a100");
      assertTrue(filtered.path("timed_out").asBoolean(), filtered.toString());
      assertFalse(filtered.path("total_exact").asBoolean(), filtered.toString());
    }
    JsonNode normal = api.ok("/api/search?q=A100");
    assertFalse(normal.path("timed_out").asBoolean(), normal.toString());
    assertTrue(normal.path("total").asLong() > 0);
  }

  @Test
  void aFullQueueAnswers503WithRetryAfterAndTheServerRecovers() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ServerConfig c = ServerConfig.local(TestIndex.shared(), TestIndex.DATA).withLimits(0, 1, 1);
    try (Searchers searchers = Searchers.open(TestIndex.shared());
         ChiptrailServer s = ChiptrailServer.start(c, Services.over(searchers), routes -> ex -> {
           // Holds the one allowed request in flight until the test has seen the 503.
           if (ex.getQueryString().equals("hold")) {
             entered.countDown();
             ex.dispatch(() -> {
               try {
                 release.await(30, TimeUnit.SECONDS);
                 ex.getResponseSender().send("held");
               } catch (InterruptedException e) {
                 Thread.currentThread().interrupt();
               }
             });
             return;
           }
           routes.handleRequest(ex);
         })) {
      Api limited = new Api(s.port());
      CompletableFuture<Api.Response> held = CompletableFuture.supplyAsync(() -> limited.get("/health?hold"));
      assertTrue(entered.await(30, TimeUnit.SECONDS), "the held request never arrived");
      // One request running, room for one waiting: of two more, one waits and the other is refused.
      // Nothing can finish with 200 while the held one runs, so the first to finish is the refused one.
      CompletableFuture<Api.Response> second = CompletableFuture.supplyAsync(() -> limited.get("/api/search?q=A100"));
      CompletableFuture<Api.Response> third = CompletableFuture.supplyAsync(() -> limited.get("/api/search?q=H100"));
      Api.Response busy = (Api.Response) CompletableFuture.anyOf(second, third).get(30, TimeUnit.SECONDS);
      assertEquals(503, busy.status(), () -> busy.text().substring(0, Math.min(300, busy.text().length())));
      assertEquals("1", busy.header("retry-after"));
      assertEquals("overloaded", busy.json().path("error").path("code").asText());
      release.countDown();
      assertEquals(200, held.get(30, TimeUnit.SECONDS).status());
      Api.Response waited = second.get(30, TimeUnit.SECONDS) == busy ? third.get(30, TimeUnit.SECONDS) : second.get(30, TimeUnit.SECONDS);
      assertEquals(200, waited.status(), "the waiting request is served once the running one ends");
      assertEquals(200, limited.get("/api/search?q=A100").status());
    }
  }

  /** Sends {@code bytes} and returns what the server answers before it closes (or "" when it does not answer). */
  static String exchange(byte[] bytes) throws Exception {
    try (Socket sock = new Socket("127.0.0.1", api.port)) {
      sock.setSoTimeout(10_000);
      sock.getOutputStream().write(bytes);
      sock.getOutputStream().flush();
      return new String(sock.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void conflictingContentLengthAndTransferEncodingIs400() throws Exception {
    String req = "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n";
    String resp = exchange(req.getBytes(StandardCharsets.ISO_8859_1));
    assertTrue(resp.startsWith("HTTP/1.1 400"), resp);
  }

  @Test
  void aMalformedHostIs400() throws Exception {
    for (String host : List.of("exa mple.org", "a/b", "[::1", "x:99999x", "a\u0001b")) {
      String req = "GET /api/stats HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
      String resp = exchange(req.getBytes(StandardCharsets.ISO_8859_1));
      assertTrue(resp.startsWith("HTTP/1.1 400"), host + " -> " + resp);
    }
    String twoHosts = "GET /api/stats HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n";
    assertTrue(exchange(twoHosts.getBytes(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 400"));
  }

  @Test
  void aClientThatStopsMidRequestIsDroppedWithinSeconds() throws Exception {
    try (Socket sock = new Socket("127.0.0.1", api.port)) {
      sock.setSoTimeout(ChiptrailServer.PARSE_TIMEOUT_MILLIS + 10_000);
      OutputStream out = sock.getOutputStream();
      out.write("GET /api/sea".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      long t0 = System.nanoTime();
      InputStream in = sock.getInputStream();
      try {
        while (in.read() != -1) {
          // Whatever the server says before closing (a 408 or nothing) is fine.
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server kept a half-sent request open for " + (ChiptrailServer.PARSE_TIMEOUT_MILLIS + 10_000) + " ms");
      } catch (java.net.SocketException reset) {
        // A reset is a close too.
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < ChiptrailServer.PARSE_TIMEOUT_MILLIS + 5_000, "closed after " + ms + " ms");
    }
  }

  static String serveNoReindex(Path index) {
    StringWriter out = new StringWriter();
    var cl = ServerMain.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    int rc = cl.execute("serve", "--no-reindex", "--port", "0", "--index", index.toString(), "--data", TestIndex.DATA.toString());
    assertEquals(1, rc, out.toString());
    return out.toString();
  }

  @Test
  void theServerRefusesAMissingCorruptOrOtherSchemaIndex(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    assertTrue(serveNoReindex(tmp.resolve("none")).contains("there is no index in"));

    Path corrupt = TestIndex.build(tmp.resolve("corrupt"));
    Path gen = new dev.chiptrail.index.IndexLayout(corrupt).current().orElseThrow();
    Path victim;
    try (var files = Files.list(gen)) {
      victim = files.filter(p -> !p.getFileName().toString().equals("write.lock"))
          .max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
    }
    byte[] b = Files.readAllBytes(victim);
    b[b.length / 2] ^= 0x5A;
    Files.write(victim, b);
    String said = serveNoReindex(corrupt);
    assertTrue(said.contains("is corrupt") && said.contains("rebuild it with ./chiptrail index"), said);

    Path other = TestIndex.build(tmp.resolve("other"));
    Path otherGen = new dev.chiptrail.index.IndexLayout(other).current().orElseThrow();
    try (var d = org.apache.lucene.store.FSDirectory.open(otherGen);
         var w = new org.apache.lucene.index.IndexWriter(d, new org.apache.lucene.index.IndexWriterConfig()
             .setOpenMode(org.apache.lucene.index.IndexWriterConfig.OpenMode.APPEND))) {
      java.util.Map<String, String> data = new java.util.HashMap<>();
      w.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
      data.put(dev.chiptrail.schema.Schema.COMMIT_SCHEMA_VERSION, "999");
      w.setLiveCommitData(data.entrySet());
      w.commit();
    }
    assertTrue(serveNoReindex(other).contains("has schema version 999"), "other schema");
  }
}
