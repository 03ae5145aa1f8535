package dev.chiptrail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.testing.TestIndexes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as a user runs it: index, search, search --json, and a failed run. */
class SearchCommandIT {
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void searchJsonPrintsHitsWithFacetValuesAndFacetCounts() throws Exception {
    Run r = run("search", "--index", TestIndexes.shipped().toString(), "--json", "--kind", "record", "--provider", "aws", "--size", "10");
    assertEquals(0, r.code(), r.err());
    JsonNode json = Json.OUT.readTree(r.out());
    assertEquals(4, json.get("total").asInt());
    assertTrue(json.get("total_exact").asBoolean());
    for (String field : new String[] {"took_ms", "index_version", "hits", "facets", "next_cursor"}) {
      assertTrue(json.has(field), "missing " + field);
    }
    JsonNode hit = json.get("hits").get(0);
    assertEquals("aws", hit.get("provider").get(0).get("value").asText());
    assertEquals("Amazon Web Services", hit.get("provider").get(0).get("label").asText());
    JsonNode azure = null;
    for (JsonNode v : json.get("facets").get("provider")) if (v.get("value").asText().equals("azure")) azure = v;
    assertEquals(2, azure.get("count").asInt());
  }

  @Test
  void traditionalQueryOnTheShellFindsTheZhejiangLabRecordAndMarksIt() throws Exception {
    Run r = run("search", "--index", TestIndexes.shipped().toString(), "--json", "--kind", "record", "之江實驗室");
    assertEquals(0, r.code(), r.err());
    JsonNode hit = Json.OUT.readTree(r.out()).get("hits").get(0);
    assertEquals("rec-zhejiang-lab-2024-04", hit.get("id").asText());
    assertTrue(hit.get("snippets").toString().contains("<mark>之江实验室</mark>"), hit.get("snippets").toString());
  }

  @Test
  void badParameterIsAClearErrorNotAStackTrace() {
    Run r = run("search", "--index", TestIndexes.shipped().toString(), "--size", "1000", "x");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("size must be between 1 and 100, got 1000"), r.err());
    Run syntax = run("search", "--index", TestIndexes.shipped().toString(), "(aws");
    assertTrue(syntax.err().contains("position 0") && syntax.err().contains("never closed"), syntax.err());
  }

  @Test
  void failedIndexRunLeavesThePreviousIndexServing() throws Exception {
    Path index = TestIndexes.tempDir("chiptrail-failed-run");
    assertEquals(0, run("index", "--data", TestIndexes.dataDir().toString(), "--index", index.toString()).code());
    String before = Json.OUT.readTree(run("search", "--index", index.toString(), "--json", "").out()).get("index_version").asText();

    Path broken = TestIndexes.tempDir("chiptrail-broken-data");
    copyTree(TestIndexes.dataDir(), broken);
    Path records = broken.resolve("records/records.jsonl");
    Files.writeString(records, Files.readString(records).replaceFirst("\"entity\":\\s*\"zhejiang-lab\"", "\"entity\": \"zhejiang-labs\""));
    Run failed = run("index", "--data", broken.toString(), "--index", index.toString());
    assertEquals(1, failed.code());
    assertTrue(failed.err().contains("records.jsonl:1: field 'entity': unknown gazetteer id 'zhejiang-labs'"), failed.err());

    Run after = run("search", "--index", index.toString(), "--json", "--kind", "record", "");
    assertEquals(0, after.code());
    JsonNode json = Json.OUT.readTree(after.out());
    assertEquals(before, json.get("index_version").asText());
    assertEquals(11, json.get("total").asInt());
  }

  @Test
  void searchWithoutAnIndexSaysHowToBuildOne() {
    Run r = run("search", "--index", TestIndexes.tempDir("chiptrail-empty").toString(), "aws");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("there is no index") && r.err().contains("./chiptrail index"), r.err());
  }

  static void copyTree(Path from, Path to) throws Exception {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
  }
}
