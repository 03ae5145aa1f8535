package dev.chiptrail.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chiptrail.cli.Main;
import dev.chiptrail.gazetteer.Entity;
import dev.chiptrail.ingest.DataReader;
import dev.chiptrail.ingest.DataSet;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.search.SearchRequest;
import dev.chiptrail.search.SearchService;
import dev.chiptrail.search.Searchers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark at a tiny size, as CI runs it: the generated corpus validates, and the report has
 * every figure. No timing is asserted: CI machines differ.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchSmokeIT {
  static final int DOCS = 300;
  @TempDir static Path tmp;
  Path gazetteer;
  JsonNode report;
  Path reportFile;
  String console;

  @BeforeAll
  void runBenchOnce() throws Exception {
    gazetteer = shippedGazetteer();
    reportFile = tmp.resolve("out/report.json");
    StringWriter out = new StringWriter();
    int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute(
        "bench", "--docs", Integer.toString(DOCS), "--seed", "5", "--work", tmp.resolve("work").toString(),
        "--out", reportFile.toString(), "--seconds-per-class", "0.05", "--concurrency-seconds", "0.05",
        "--gazetteer", gazetteer.toString(), "--single-thread-sample", "200");
    console = out.toString();
    assertEquals(0, code, console);
    report = Json.STRICT.readTree(Files.readString(reportFile));
  }

  static Path shippedGazetteer() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("data/gazetteer"))) return p.resolve("data/gazetteer");
    }
    throw new IllegalStateException("data/gazetteer not found above " + Path.of("").toAbsolutePath());
  }

  @Test
  void generatedCorpusValidatesWithEveryNameFormOfGeneratedEntities() throws Exception {
    Path out = tmp.resolve("gen");
    CorpusGenerator.Summary s = new CorpusGenerator(gazetteer).generate(DOCS, 11, out);
    DataSet ds = DataReader.read(out, List.of());
    assertEquals(DOCS, ds.records().size() + ds.articles().size());
    assertEquals(s.records(), ds.records().size());
    assertTrue(s.generatedEntities() > 0);
    List<Entity> generated = ds.gazetteer().entities().stream()
        .filter(e -> e.description().startsWith("Generated benchmark entity")).toList();
    assertEquals(s.generatedEntities(), generated.size());
    for (Entity e : generated) {
      assertTrue(e.zhHans() != null && e.zhHant() != null && e.pinyin() != null, e.id());
      assertTrue(e.pinyin().matches("[a-z]+( [a-z]+)+"), e.pinyin());
    }
    assertTrue(generated.stream().anyMatch(e -> !e.acronyms().isEmpty()), "some generated buyers have acronyms");
    assertTrue(generated.stream().anyMatch(e -> !e.zhHant().equals(e.zhHans())), "traditional forms differ from simplified");
    List<String> languages = ds.articles().stream().map(a -> a.language()).distinct().sorted().toList();
    assertTrue(languages.containsAll(List.of("en", "zh-Hans", "zh-Hant")), languages.toString());
    for (var a : ds.articles()) assertTrue(a.body().length() >= 250 && a.body().length() <= 3000, a.id() + ": " + a.body().length());
    for (var r : ds.records()) {
      if (r.date() != null) {
        int year = Integer.parseInt(r.date().substring(0, 4));
        assertTrue(year >= 2015 && year <= 2026, r.date());
      }
    }
  }

  @Test
  void generatedArticlesAreNotAllOneStory() throws Exception {
    // Story grouping joins near-duplicate articles; template text alone made the whole corpus one story.
    try (Searchers s = Searchers.open(Path.of(report.path("index_path").asText()))) {
      var snap = s.acquire();
      try {
        String json = snap.commitData().get(dev.chiptrail.schema.Schema.COMMIT_STORIES);
        Map<String, List<String>> stories = json == null ? Map.of()
            : Json.OUT.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, List<String>>>() {});
        int articles = report.path("corpus").path("articles").asInt();
        int largest = stories.values().stream().mapToInt(List::size).max().orElse(0);
        assertTrue(largest <= articles / 10, "largest story " + largest + " of " + articles + " articles");
      } finally {
        s.release(snap);
      }
    }
  }

  @Test
  void sameSeedGivesSameFilesAndAnotherSeedDifferentOnes() throws Exception {
    new CorpusGenerator(gazetteer).generate(50, 3, tmp.resolve("a"));
    new CorpusGenerator(gazetteer).generate(50, 3, tmp.resolve("b"));
    new CorpusGenerator(gazetteer).generate(50, 4, tmp.resolve("c"));
    for (String f : List.of("records/records-0000.jsonl", "articles/articles-0000.jsonl", "gazetteer/generated-buyers.jsonl")) {
      assertEquals(Files.readString(tmp.resolve("a").resolve(f)), Files.readString(tmp.resolve("b").resolve(f)), f);
    }
    assertNotEquals(Files.readString(tmp.resolve("a/articles/articles-0000.jsonl")), Files.readString(tmp.resolve("c/articles/articles-0000.jsonl")));
  }

  @Test
  void generateRefusesANonEmptyFolder() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("full"));
    Files.writeString(out.resolve("keep.txt"), "x");
    StringWriter err = new StringWriter();
    int code = Main.commandLine().setErr(new PrintWriter(err)).execute("generate", "--docs", "10", "--out", out.toString(),
        "--gazetteer", gazetteer.toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("is not empty"), err.toString());
  }

  @Test
  void benchRefusesToEmptyAFolderItDidNotMake() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("mine"));
    Path precious = Files.writeString(work.resolve("notes.txt"), "keep me");
    StringWriter err = new StringWriter();
    int code = Main.commandLine().setErr(new PrintWriter(err)).execute("bench", "--docs", "10", "--work", work.toString(),
        "--gazetteer", gazetteer.toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("was not made by bench"), err.toString());
    assertEquals("keep me", Files.readString(precious));
  }

  @Test
  void reportHasEveryFigure() throws Exception {
    JsonNode m = report.path("machine");
    assertTrue(m.path("cores").asInt() >= 1);
    assertTrue(m.path("memory_bytes").asLong() > 0);
    assertFalse(m.path("jvm").asText().isBlank());
    assertTrue(m.path("lucene").asText().startsWith("10."));
    assertEquals(DOCS, report.path("corpus").path("documents").asInt());
    assertTrue(report.path("corpus").path("text_bytes").asLong() > 0);
    for (String k : List.of("threads_1", "threads_all")) {
      assertTrue(report.path("analysis").path(k).path("docs_per_s").asDouble() > 0, k);
      assertTrue(report.path("analysis").path(k).path("mb_per_s").asDouble() > 0, k);
      JsonNode ix = report.path("indexing").path(k);
      assertTrue(ix.path("docs_per_s").asDouble() > 0, k);
      assertTrue(ix.path("mb_per_s").asDouble() > 0, k);
      assertTrue(ix.path("peak_heap_bytes").asLong() > 0, k);
    }
    assertEquals(200, report.path("indexing").path("threads_1").path("documents").asInt());
    assertEquals(DOCS, report.path("indexing").path("threads_all").path("documents").asInt());
    JsonNode ix = report.path("indexing");
    assertTrue(ix.path("time_to_first_searchable_ms").asLong() > 0);
    assertTrue(ix.path("index_bytes_per_doc").asDouble() > 0);
    assertTrue(ix.path("ratio_to_analysis_all_cores").asDouble() > 0);
    assertEquals("queries-v1", report.path("search").path("query_set").asText());
    JsonNode classes = report.path("search").path("classes");
    for (Benchmark.Query q : Benchmark.loadQueries(null)) {
      JsonNode c = classes.path(q.cls());
      assertFalse(c.isMissingNode(), q.cls());
      if (q.request() != null) {
        for (String f : List.of("p50_ms", "p95_ms", "p99_ms", "qps")) assertTrue(c.path(f).asDouble() > 0, q.cls() + " " + f);
      }
    }
    for (String c : List.of("1", "8", "64")) {
      JsonNode x = report.path("search").path("concurrency").path(c);
      assertTrue(x.path("requests").asLong() > 0, c);
      assertEquals(0, x.path("errors").asLong(), c);
    }
    JsonNode suggest = classes.path("suggest");
    assertTrue(suggest.has("p99_ms") || suggest.path("status").asText().contains("/api/suggest"), suggest.toString());
    assertEquals(suggest.has("p99_ms") ? 5 : 4, report.path("targets").size());
    for (JsonNode t : report.path("targets")) {
      assertTrue(t.path("met").isBoolean(), t.toString());
      assertTrue(t.path("note").asText().contains("1000000"), t.toString());
    }
  }

  @Test
  void tableAndHttpUrlsAreWrittenBesideTheReport() throws Exception {
    String md = Files.readString(reportFile.resolveSibling("report.md"));
    for (String cls : List.of("facet_drilldown", "match_all", "deep_paging", "name_zh_hant", "indexing / analysis")) {
      assertTrue(md.contains(cls), cls);
    }
    assertTrue(console.contains("| target | measured | met | missed by |"));
    List<String> urls = Files.readAllLines(Path.of(report.path("http_urls").asText()));
    assertEquals(Benchmark.loadQueries(null).stream().filter(q -> q.request() != null).count(), urls.size());
    assertTrue(urls.stream().allMatch(u -> u.startsWith("/api/search?q=")));
    assertTrue(urls.contains("/api/search?q=&provider=aws&provider=azure"), urls.toString());
    try (Stream<String> s = Files.lines(Path.of(report.path("http_urls").asText()).resolveSibling("http-suggest-urls.txt"))) {
      assertTrue(s.allMatch(u -> u.startsWith("/api/suggest?q=")));
    }
  }

  @Test
  void searchOnlyRunMeasuresTheMixOnTheExistingIndexAndKeepsIt() throws Exception {
    Path index = Path.of(report.path("index_path").asText());
    Path work = tmp.resolve("search-only");
    Path out = work.resolve("report.json");
    StringWriter console = new StringWriter();
    int code = Main.commandLine().setOut(new PrintWriter(console)).setErr(new PrintWriter(console)).execute(
        "bench", "--index", index.toString(), "--work", work.toString(), "--out", out.toString(),
        "--seconds-per-class", "0.05", "--concurrency-seconds", "0.05");
    assertEquals(0, code, console.toString());
    JsonNode r = Json.STRICT.readTree(Files.readString(out));
    assertEquals(DOCS, r.path("corpus").path("documents").asInt());
    assertTrue(r.path("indexing").path("status").asText().startsWith("not measured"), r.path("indexing").toString());
    assertTrue(r.path("search").path("classes").path("facet_drilldown").path("p50_ms").asDouble() > 0);
    assertEquals(index.toAbsolutePath().toString(), r.path("index_path").asText());
    assertTrue(r.path("targets").findValuesAsText("target").stream().noneMatch(t -> t.startsWith("indexing")), r.path("targets").toString());
    // A second run into the same work folder, with the index inside it, must not delete the index.
    Path inside = work.resolve("kept-index");
    copyTree(index, inside);
    assertEquals(0, Main.commandLine().setOut(new PrintWriter(new StringWriter())).execute("bench", "--index", inside.toString(),
        "--work", work.toString(), "--out", out.toString(), "--seconds-per-class", "0.01", "--concurrency-seconds", "0.01"));
    try (Searchers s = Searchers.open(inside)) {
      assertEquals(DOCS, new SearchService(s).search(SearchRequest.of("")).total());
    }
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
  }

  @Test
  void multiSelectFacetFindsTheUnionOfItsValues() throws Exception {
    try (Searchers s = Searchers.open(Path.of(report.path("index_path").asText()))) {
      SearchService svc = new SearchService(s);
      long aws = svc.search(SearchRequest.of("").withFilters(Map.of("provider", List.of("aws")))).total();
      long azure = svc.search(SearchRequest.of("").withFilters(Map.of("provider", List.of("azure")))).total();
      long either = svc.search(SearchRequest.of("").withFilters(Map.of("provider", List.of("aws", "azure")))).total();
      assertTrue(aws > 0 && azure > 0, aws + " " + azure);
      assertTrue(either >= Math.max(aws, azure) && either <= aws + azure, aws + " " + azure + " " + either);
    }
    assertTrue(report.path("search").path("classes").path("facet_drilldown").path("mean_total_hits").asDouble() > 0);
  }

  @Test
  void sortByDateAndDeepPagingWithTheCursorWork() throws Exception {
    try (Searchers s = Searchers.open(Path.of(report.path("index_path").asText()))) {
      SearchService svc = new SearchService(s);
      SearchRequest r = SearchRequest.of("").withSort("-date").withSize(50);
      var first = svc.search(r);
      var second = svc.search(r.withCursor(first.nextCursor()));
      assertEquals(50, second.hits().size());
      int last = dev.chiptrail.ingest.PartialDate.parse(first.hits().get(49).date()).firstDay();
      int next = dev.chiptrail.ingest.PartialDate.parse(second.hits().get(0).date()).firstDay();
      assertTrue(last >= next,
          first.hits().get(49).date() + " before " + second.hits().get(0).date());
    }
  }
}
