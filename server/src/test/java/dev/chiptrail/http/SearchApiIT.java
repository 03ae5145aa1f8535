package dev.chiptrail.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chiptrail.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SearchApiIT {
  static Api api;
  /** The shipped records, read straight from the data file: the expected values of the facet tests. */
  static List<JsonNode> records = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    api = TestServer.api();
    for (String line : Files.readAllLines(TestIndex.DATA.resolve("records/records.jsonl"))) {
      if (!line.isBlank()) records.add(Api.JSON.readTree(line));
    }
  }

  static int count(JsonNode facet, String value) {
    for (JsonNode v : facet) if (v.path("value").asText().equals(value)) return v.path("count").asInt();
    return -1;
  }

  static long recordsWithProvider(String p) {
    return records.stream().filter(r -> r.path("providers").toString().contains("\"" + p + "\"")).count();
  }

  @Test
  void emptyQueryFindsEveryDocumentAndSaysWhichIndexAnswered() {
    JsonNode r = api.ok("/api/search");
    assertEquals(11 + 16, r.path("total").asInt());
    assertTrue(r.path("total_exact").asBoolean());
    assertEquals(10, r.path("hits").size());
    assertTrue(r.path("index_version").asText().startsWith("gen-"));
    assertTrue(r.path("took_ms").isIntegralNumber());
    assertNotNull(r.path("next_cursor").textValue());
    assertEquals(11, count(r.path("facets").path("kind"), "record"));
    assertEquals(16, count(r.path("facets").path("kind"), "article"));
  }

  @Test
  void facetCountsAreMultiSelectAzureStillShowsTwoWithAwsSelected() {
    JsonNode r = api.ok("/api/search?provider=aws&kind=record");
    assertEquals(recordsWithProvider("aws"), r.path("total").asInt());
    assertEquals(4, r.path("total").asInt());
    JsonNode provider = r.path("facets").path("provider");
    assertEquals(2, count(provider, "azure"));
    assertEquals(recordsWithProvider("azure"), count(provider, "azure"));
    assertEquals(4, count(provider, "aws"));
    JsonNode aws = provider.get(0).path("value").asText().equals("aws") ? provider.get(0) : provider.get(1);
    for (JsonNode v : provider) if (v.path("value").asText().equals("aws")) aws = v;
    assertEquals("Amazon Web Services", aws.path("label").asText());
    assertEquals("亚马逊云科技", aws.path("label_zh").asText());
    // kind is drilled sideways too: the article count is what selecting it instead would give.
    int articlesWithAws = api.ok("/api/search?provider=aws&kind=article&size=1").path("total").asInt();
    assertEquals(articlesWithAws, count(r.path("facets").path("kind"), "article"));
    for (JsonNode h : r.path("hits")) {
      assertEquals("record", h.path("kind").asText());
      assertEquals("aws", h.path("provider").get(0).path("value").asText());
    }
  }

  @Test
  void valuesOfOneFacetAreOredAndFacetsAreAnded() {
    JsonNode r = api.ok("/api/search?provider=aws&provider=azure&kind=record&size=100");
    assertEquals(6, r.path("total").asInt());
    assertEquals(6, r.path("hits").size());
    Set<String> ids = new HashSet<>();
    r.path("hits").forEach(h -> ids.add(h.path("id").asText()));
    Set<String> expected = new HashSet<>();
    for (JsonNode rec : records) {
      String p = rec.path("providers").toString();
      if (p.contains("\"aws\"") || p.contains("\"azure\"")) expected.add(rec.path("id").asText());
    }
    assertEquals(expected, ids);
    JsonNode chips = api.ok("/api/search?provider=aws&provider=azure&kind=record&chip=a100");
    assertEquals(2, chips.path("total").asInt(), "AWS or Azure records that name the A100: Shenzhen University and Fujian Chuanzheng");
  }

  @Test
  void aSelectedValueIsListedEvenWithCountZero() {
    JsonNode r = api.ok("/api/search?kind=record&provider=azure&chip=h100");
    assertEquals(0, r.path("total").asInt());
    assertEquals(0, count(r.path("facets").path("chip"), "h100"));
    assertEquals(0, count(r.path("facets").path("provider"), "azure"));
    assertEquals(1, count(r.path("facets").path("chip"), "h100") + 1);
  }

  @Test
  void dateBoundsAreInclusiveAndTakeYearsMonthsAndDays() {
    JsonNode from = api.ok("/api/search?kind=record&from=2024-01&size=100");
    Set<String> ids = new HashSet<>();
    from.path("hits").forEach(h -> ids.add(h.path("id").asText()));
    assertFalse(ids.contains("rec-tsinghua-university-2023-11"));
    assertTrue(ids.contains("rec-shenzhen-university-2024-03"));
    assertFalse(ids.contains("rec-cnki-undated"), "an undated record has no date to be in range");
    long expected = records.stream().filter(r -> r.path("date").isTextual() && r.path("date").asText().compareTo("2024-01") >= 0).count();
    assertEquals(expected, from.path("total").asLong());

    JsonNode month = api.ok("/api/search?kind=record&from=2023-11&to=2023-11");
    assertEquals(1, month.path("total").asInt());
    assertEquals("rec-tsinghua-university-2023-11", month.path("hits").get(0).path("id").asText());
    JsonNode year = api.ok("/api/search?kind=record&from=2023&to=2023");
    assertEquals(3, year.path("total").asInt(), "2023-05, 2023-08 and 2023-11");
    JsonNode day = api.ok("/api/search?kind=record&to=2023-11-01");
    assertEquals(3, day.path("total").asInt(), "2023-11 starts on 2023-11-01");
    JsonNode years = api.ok("/api/search?kind=record").path("facets").path("date").path("years");
    assertEquals(3, count(years, "2023"));
    assertEquals(7, count(years, "2024"));
    assertEquals(4, count(api.ok("/api/search?kind=record").path("facets").path("date").path("months"), "2024-04"));
  }

  @Test
  void sortByAmountAndDate() {
    JsonNode r = api.ok("/api/search?kind=record&sort=-amount&size=3");
    assertEquals(List.of("rec-eda-innovation-center-2024-04", "rec-tsinghua-university-2023-11", "rec-shenzhen-university-2024-03"), ids(r));
    JsonNode cheap = api.ok("/api/search?kind=record&sort=amount&size=1");
    assertEquals("rec-fujian-chuanzheng-2023-08", ids(cheap).get(0));
    JsonNode oldest = api.ok("/api/search?kind=record&sort=date&size=1");
    assertEquals("rec-changan-automobile-2023-05", ids(oldest).get(0));
    JsonNode newest = api.ok("/api/search?kind=record&sort=-date&size=1");
    assertEquals("rec-china-coal-research-institute-2024-06", ids(newest).get(0));
  }

  static List<String> ids(JsonNode r) {
    List<String> out = new ArrayList<>();
    r.path("hits").forEach(h -> out.add(h.path("id").asText()));
    return out;
  }

  @Test
  void aCursorWalkVisitsEveryHitOnce() {
    for (String sort : List.of("relevance", "-date", "amount")) {
      JsonNode r = api.ok("/api/search?size=4&sort=" + sort + "&q=" + Api.enc("AWS OR A100 OR 英伟达"));
      long total = r.path("total").asLong();
      assertTrue(total > 8, "enough hits for several pages: " + total);
      List<String> seen = new ArrayList<>(ids(r));
      int pages = 1;
      while (!r.path("next_cursor").isNull()) {
        r = api.ok("/api/search?size=4&sort=" + sort + "&q=" + Api.enc("AWS OR A100 OR 英伟达") + "&cursor=" + Api.enc(r.path("next_cursor").asText()));
        seen.addAll(ids(r));
        assertTrue(++pages < 100);
      }
      assertEquals(total, seen.size(), sort + ": every hit once");
      assertEquals(total, new HashSet<>(seen).size(), sort + ": no hit twice");
    }
  }

  @Test
  void pagesSplitTheSameOrder() {
    List<String> all = ids(api.ok("/api/search?size=12&sort=date"));
    List<String> paged = new ArrayList<>(ids(api.ok("/api/search?size=6&page=1&sort=date")));
    paged.addAll(ids(api.ok("/api/search?size=6&page=2&sort=date")));
    assertEquals(all, paged);
  }

  @Test
  void hitsCarrySnippetsWithMarksMatchedFormsAndLabelledFacetValues() {
    JsonNode r = api.ok("/api/search?q=" + Api.enc("之江实验室") + "&kind=record");
    assertEquals("rec-zhejiang-lab-2024-04", r.path("hits").get(0).path("id").asText());
    JsonNode hit = r.path("hits").get(0);
    assertEquals("之江实验室拟斥资18.4万元采购AWS云算力，后称未实施", hit.path("title_zh").asText());
    assertEquals("2024-04", hit.path("date").asText());
    assertTrue(hit.path("score").asDouble() > 0);
    assertTrue(hit.path("snippets").toString().contains("<mark>"), hit.path("snippets").toString());
    boolean zh = false;
    for (JsonNode m : hit.path("matched")) {
      assertEquals("zhejiang-lab", m.path("entity").asText());
      zh |= m.path("text").asText().equals("之江实验室");
    }
    assertTrue(zh, "the Chinese form is among the matched forms: " + hit.path("matched"));
    assertEquals("zhejiang-lab", hit.path("entity").get(0).path("value").asText());
    assertEquals("Zhejiang Lab", hit.path("entity").get(0).path("label").asText());
    assertEquals("not_completed", hit.path("status").get(0).path("value").asText());
    assertEquals(184000, hit.path("amount").path("cny").asInt());
  }

  @Test
  void snippetsEscapeEverythingButTheMarks() {
    JsonNode r = api.ok("/api/search?q=" + Api.enc("Anthropic") + "&size=100");
    boolean sawEscapedQuote = false;
    for (JsonNode h : r.path("hits")) {
      for (JsonNode s : h.path("snippets")) {
        String text = s.asText().replace("<mark>", "").replace("</mark>", "");
        assertFalse(text.contains("<") || text.contains(">"), "unescaped markup in " + s);
        sawEscapedQuote |= text.contains("&#x27;");
      }
    }
    assertTrue(sawEscapedQuote, "Anthropic's is written with an escaped apostrophe");
  }

  @Test
  void articleHitsNameTheirSourceFile() {
    JsonNode r = api.ok("/api/search?kind=article&q=" + Api.enc("GeoGPT") + "&language=en");
    assertTrue(r.path("total").asInt() >= 1);
    for (JsonNode h : r.path("hits")) {
      assertEquals("article", h.path("kind").asText());
      assertTrue(h.path("source").asText().endsWith(h.path("id").asText() + ".md") || h.path("source").asText().contains(h.path("id").asText()), h.toString());
      assertNull(h.get("title_zh"));
    }
  }

  @Test
  void facetsParameterLimitsWhatIsCounted() {
    JsonNode f = api.ok("/api/search?facets=provider&facets=date").path("facets");
    assertEquals(List.of("provider", "date"), fieldNames(f));
    JsonNode g = api.ok("/api/search?facets=chip,status").path("facets");
    assertEquals(List.of("chip", "status"), fieldNames(g));
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void apiJsonIsTheJsonOfSearchDashDashJson() throws Exception {
    StringWriter out = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    int rc = cl.execute("search", "--index", TestIndex.shared().toString(), "--json", "--provider", "aws", "--kind", "record", "--size", "3", "A100");
    assertEquals(0, rc);
    ObjectNode cli = (ObjectNode) Api.JSON.readTree(out.toString());
    Api.Response http = api.get("/api/search?provider=aws&kind=record&size=3&q=A100");
    ObjectNode web = (ObjectNode) http.json();
    cli.remove("took_ms");
    web.remove("took_ms");
    assertEquals(Api.JSON.writeValueAsString(cli), Api.JSON.writeValueAsString(web));
    assertEquals(web.path("index_version").asText(), http.header("x-index-version"));
  }

  @Test
  void headRequestsAnswerWithoutABody() throws Exception {
    var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base + "/api/stats")).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build();
    Api.Response r = api.send(req);
    assertEquals(200, r.status());
    assertEquals(0, r.raw().body().length);
  }

  @Test
  void searchRunsConcurrently() throws Exception {
    Map<Integer, Integer> totals = new HashMap<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int n = i;
      Thread t = new Thread(() -> {
        int total = api.ok("/api/search?q=" + Api.enc(n % 2 == 0 ? "AWS" : "英伟达")).path("total").asInt();
        synchronized (totals) {
          totals.put(n, total);
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) t.join();
    assertEquals(8, totals.size());
    assertEquals(totals.get(0), totals.get(2));
    assertEquals(totals.get(1), totals.get(3));
  }

  @Test
  void largeAnswersAreGzippedForClientsThatAskAndIdenticalOnceInflated() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base + "/api/search?size=20&sort=date"))
        .header("Accept-Encoding", "gzip").GET().build();
    var r = client.send(req, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertEquals("gzip", r.headers().firstValue("content-encoding").orElse(null));
    byte[] inflated = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body())).readAllBytes();
    assertTrue(r.body().length * 3 < inflated.length, r.body().length + " gzipped vs " + inflated.length);
    ObjectNode zipped = (ObjectNode) Api.JSON.readTree(inflated);
    ObjectNode plain = (ObjectNode) api.ok("/api/search?size=20&sort=date");
    zipped.remove("took_ms");
    plain.remove("took_ms");
    assertEquals(plain, zipped);
    var csv = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base + "/api/export?format=csv"))
        .header("Accept-Encoding", "gzip").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, csv.statusCode());
    String text = new String(csv.headers().firstValue("content-encoding").isPresent()
        ? new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(csv.body())).readAllBytes() : csv.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(27 + 1, text.lines().count(), "header and every document, compressed or not");
  }
}
