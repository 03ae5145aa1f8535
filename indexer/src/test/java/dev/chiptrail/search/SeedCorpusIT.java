package dev.chiptrail.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chiptrail.index.IndexBuilder;
import dev.chiptrail.index.IndexerConfig;
import dev.chiptrail.ingest.DataReader;
import dev.chiptrail.ingest.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the five seed files (one Reuters report as five outlets published it) indexed beside
 * the shipped data. Skipped, saying why, where ../shared/seeds does not exist.
 */
class SeedCorpusIT {
  /** ../shared/seeds from the project root; CHIPTRAIL_SEEDS names another place (a git worktree elsewhere). */
  static final Path SEEDS = System.getenv("CHIPTRAIL_SEEDS") != null
      ? Path.of(System.getenv("CHIPTRAIL_SEEDS")) : Path.of("..", "..", "shared", "seeds");
  static final List<String> SEED_IDS = List.of("000-5c585bd2917468fe", "001-896b9edb545b1bf5",
      "002-983fdb7caee8c48c", "003-6cbdf09228cbf2bf", "004-af06547a6ecfdb40");

  @TempDir static Path tmp;
  static Searchers searchers;
  static SearchService service;

  @BeforeAll
  static void build() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(SEEDS), "skipped: no seed corpus at " + SEEDS.toAbsolutePath().normalize());
    IndexerConfig config = new IndexerConfig(Path.of("..", "data"), List.of(SEEDS), tmp.resolve("index"), 2, false);
    new IndexBuilder(config).build(DataReader.read(config.dataDir(), config.articleDirs()), IndexBuilder.Progress.NONE);
    searchers = Searchers.open(config.indexDir());
    service = new SearchService(searchers);
  }

  @AfterAll
  static void close() throws Exception {
    if (searchers != null) searchers.close();
  }

  private static SearchResult search(String q) throws Exception {
    return service.search(SearchRequest.of(q).withSize(50));
  }

  private static JsonNode json(Object o) {
    return Json.OUT.valueToTree(o);
  }

  @Test
  void everySeedIsTaggedAwsA100AndH100() throws Exception {
    for (String id : SEED_IDS) {
      SearchResult r = search("id:" + id);
      assertEquals(1, r.hits().size(), id);
      JsonNode hit = json(r.hits().get(0));
      Set<String> providers = new TreeSet<>();
      hit.path("provider").forEach(v -> providers.add(v.path("value").asText()));
      Set<String> chips = new TreeSet<>();
      hit.path("chip").forEach(v -> chips.add(v.path("value").asText()));
      assertTrue(providers.contains("aws"), id + " providers " + providers);
      assertTrue(chips.containsAll(Set.of("a100", "h100")), id + " chips " + chips);
      assertTrue(hit.path("source").asText().endsWith(".txt"), hit.toString());
    }
  }

  @Test
  void theFiveSeedsAreOneHitForAmazonWithFourOtherVersions() throws Exception {
    SearchResult r = search("Amazon");
    List<Hit> seedHits = r.hits().stream().filter(h -> SEED_IDS.contains(h.id())).toList();
    assertEquals(1, seedHits.size(), "one hit for the story: " + r.hits().stream().map(Hit::id).toList());
    Hit h = seedHits.get(0);
    assertEquals(SEED_IDS.get(0), h.story());
    List<String> all = new ArrayList<>(h.otherVersions());
    all.add(h.id());
    assertEquals(new TreeSet<>(SEED_IDS), new TreeSet<>(all));
    assertEquals(4, h.otherVersions().size());
    // No shipped article, however close in topic, joins the story; the hit ids are distinct.
    assertEquals(r.hits().size(), r.hits().stream().map(Hit::id).distinct().count());
    for (Hit other : r.hits()) {
      if (other != h && other.kind().equals("article")) assertEquals(List.of(), other.otherVersions(), other.id());
    }
    // The total counts documents: every version of the story is counted.
    assertTrue(r.total() >= r.hits().size() + 4, "total " + r.total());
    String json = Json.OUT.writeValueAsString(r);
    assertTrue(json.contains("\"other_versions\""), json);
  }

  @Test
  void pagingByCursorAndByPageShowsEachStoryOnceAndLosesNothing() throws Exception {
    List<String> all = search("Amazon").hits().stream().map(Hit::id).toList();
    List<String> byCursor = new ArrayList<>();
    SearchRequest req = SearchRequest.of("Amazon").withSize(2);
    for (int i = 0; i < 50; i++) {
      SearchResult r = service.search(req);
      r.hits().forEach(h -> byCursor.add(h.id()));
      if (r.nextCursor() == null) break;
      req = req.withCursor(r.nextCursor());
    }
    assertEquals(all, byCursor);
    List<String> byPage = new ArrayList<>();
    for (int p = 1; p <= 50; p++) {
      SearchRequest pr = new SearchRequest("Amazon", Map.of(), null, null, "relevance", 3, p, null, null, false);
      List<Hit> hits = service.search(pr).hits();
      if (hits.isEmpty()) break;
      hits.forEach(h -> byPage.add(h.id()));
    }
    assertEquals(all, byPage);
    assertEquals(1, all.stream().filter(SEED_IDS::contains).count());
  }

  @Test
  void theTraditionalChineseSeedIsFoundBySimplifiedNames() throws Exception {
    for (String q : List.of("之江实验室", "运达科技")) {
      SearchResult r = search(q);
      Hit h = r.hits().stream().filter(x -> SEED_IDS.contains(x.id())).findFirst().orElseThrow(() -> new AssertionError(q));
      assertEquals("002-983fdb7caee8c48c", h.id(), q + " should rank the version that names it first");
      assertTrue(h.snippets().stream().anyMatch(s -> s.contains("<mark>")), q + " " + h.snippets());
    }
  }

  @Test
  void recordsAndArticlesLinkBothWays() throws Exception {
    SearchResult r = search("id:rec-zhejiang-lab-2024-04");
    Hit rec = r.hits().get(0);
    assertTrue(rec.sources() != null && !rec.sources().isEmpty(), "record sources");
    String article = rec.sources().get(0);
    Hit a = search("id:" + article).hits().get(0);
    assertTrue(a.records().contains("rec-zhejiang-lab-2024-04"), a.records().toString());
    assertTrue(a.entities().contains("zhejiang-lab"), a.entities().toString());
    Hit seed = search("id:002-983fdb7caee8c48c").hits().get(0);
    assertTrue(seed.entities().containsAll(List.of("aws", "zhejiang-lab", "yunda-technology")), seed.entities().toString());
  }
}
