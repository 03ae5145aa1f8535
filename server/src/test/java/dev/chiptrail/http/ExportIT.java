package dev.chiptrail.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.chiptrail.search.Exporter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExportIT {
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    api = TestServer.api();
  }

  static List<Map<String, String>> csv(byte[] body) throws Exception {
    String text = new String(body, StandardCharsets.UTF_8).substring(1);
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
      while (it.hasNext()) rows.add(it.next());
    }
    return rows;
  }

  @Test
  void csvStartsWithABomHasTheDocumentedColumnsAndOneRowPerMatch() throws Exception {
    String filters = "provider=aws&provider=azure&kind=record";
    int total = api.ok("/api/search?" + filters).path("total").asInt();
    Api.Response r = api.get("/api/export?format=csv&" + filters);
    assertEquals(200, r.status());
    assertTrue(r.header("content-type").startsWith("text/csv"));
    assertTrue(r.header("content-disposition").contains("chiptrail-export.csv"));
    byte[] b = r.raw().body();
    assertEquals(0xEF, b[0] & 0xFF);
    assertEquals(0xBB, b[1] & 0xFF);
    assertEquals(0xBF, b[2] & 0xFF);
    String header = new String(b, StandardCharsets.UTF_8).substring(1).lines().findFirst().orElseThrow();
    assertEquals(String.join(",", Exporter.CSV_COLUMNS), header);
    List<Map<String, String>> rows = csv(b);
    assertEquals(6, total);
    assertEquals(total, rows.size());
    assertEquals(Integer.toString(total), r.header("x-total-count"));
    Map<String, String> shenzhen = rows.stream().filter(m -> m.get("id").equals("rec-shenzhen-university-2024-03")).findFirst().orElseThrow();
    assertEquals("a100|h100", shenzhen.get("chip"));
    assertEquals("200000", shenzhen.get("amount_cny"));
    assertEquals("深圳大学经成都运达科技购买AWS账号，使用英伟达A100与H100服务器", shenzhen.get("title_zh"));
  }

  @Test
  void exportIsEveryMatchNotOnePage() throws Exception {
    int total = api.ok("/api/search").path("total").asInt();
    assertTrue(total > SearchDefaults.PAGE);
    List<Map<String, String>> rows = csv(api.get("/api/export").raw().body());
    assertEquals(total, rows.size());
    assertEquals(total, new HashSet<>(rows.stream().map(m -> m.get("id")).toList()).size());
  }

  @Test
  void jsonLinesHoldOneHitPerLineWithTheSameFilters() throws Exception {
    String q = "q=" + Api.enc("A100") + "&from=2024-01";
    JsonNode search = api.ok("/api/search?size=100&" + q);
    Api.Response r = api.get("/api/export?format=jsonl&" + q);
    assertEquals(200, r.status());
    assertTrue(r.header("content-type").startsWith("application/x-ndjson"));
    List<String> lines = new String(r.raw().body(), StandardCharsets.UTF_8).lines().toList();
    assertEquals(search.path("total").asInt(), lines.size());
    List<String> ids = new ArrayList<>();
    for (String l : lines) ids.add(Api.JSON.readTree(l).path("id").asText());
    List<String> expected = new ArrayList<>();
    search.path("hits").forEach(h -> expected.add(h.path("id").asText()));
    assertEquals(expected, ids, "same order as the search");
    assertEquals(search.path("index_version").asText(), r.header("x-index-version"));
  }

  @Test
  void badExportParametersAreJsonErrorsBeforeAnyRowIsWritten() {
    assertEquals("format", api.error(400, "/api/export?format=xlsx").path("param").asText());
    assertEquals("q", api.error(400, "/api/export?q=" + Api.enc("\"open")).path("param").asText());
    assertEquals("size", api.error(400, "/api/export?size=5").path("param").asText(), "export has no pages");
    assertEquals("from", api.error(400, "/api/export?from=yesterday").path("param").asText());
  }

  /** Default page size of /api/search. */
  static final class SearchDefaults {
    static final int PAGE = 10;
  }
}
