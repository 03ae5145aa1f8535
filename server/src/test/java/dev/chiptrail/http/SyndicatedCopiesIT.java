package dev.chiptrail.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chiptrail.index.IndexBuilder;
import dev.chiptrail.index.IndexerConfig;
import dev.chiptrail.ingest.DataReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The five seed articles (one Reuters report as five outlets ran it) indexed beside the shipped data:
 * over HTTP they come back as one hit with four other versions, and the document view links them.
 * Skipped, saying why, where ../shared/seeds does not exist.
 */
class SyndicatedCopiesIT {
  private static final Path SEEDS = Path.of("..", "..", "shared", "seeds").toAbsolutePath().normalize();
  private static ChiptrailServer server;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isDirectory(SEEDS), "no seed articles at " + SEEDS + "; the syndication test needs them");
    Path index = Files.createTempDirectory("chiptrail-seeds-index");
    IndexerConfig cfg = new IndexerConfig(TestIndex.DATA, List.of(SEEDS), index, 2, false);
    new IndexBuilder(cfg).build(DataReader.read(TestIndex.DATA, List.of(SEEDS)), IndexBuilder.Progress.NONE);
    server = ChiptrailServer.start(ServerConfig.local(index, TestIndex.DATA));
    api = new Api(server.port());
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  private static JsonNode seedHit(JsonNode hits) {
    for (JsonNode h : hits) if (h.path("id").asText().matches("00[0-4]-.*")) return h;
    return null;
  }

  @Test
  void amazonReturnsTheWireStoryOnceWithItsFourOtherVersions() {
    JsonNode r = api.ok("/api/search?q=Amazon&kind=article&size=100");
    List<JsonNode> seedHits = new ArrayList<>();
    for (JsonNode h : r.path("hits")) if (h.path("id").asText().matches("00[0-4]-.*")) seedHits.add(h);
    assertEquals(1, seedHits.size(), "one hit for the five versions: " + r.path("hits"));
    assertEquals(4, seedHits.get(0).path("other_versions").size());
  }

  @Test
  void theDocumentViewListsTheSyndicatedCopies() {
    JsonNode hit = seedHit(api.ok("/api/search?q=Amazon&kind=article&size=100").path("hits"));
    assertNotNull(hit);
    JsonNode links = api.ok("/api/docs/" + hit.path("id").asText()).path("links");
    assertEquals(4, links.path("syndicated").size());
    assertEquals(hit.path("story").asText(), links.path("story").asText());
  }
}
