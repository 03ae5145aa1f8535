package dev.chiptrail.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chiptrail.cli.IndexCommand;
import dev.chiptrail.ingest.Article;
import dev.chiptrail.ingest.DataReader;
import dev.chiptrail.ingest.DataSet;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.ingest.Record;
import dev.chiptrail.schema.Schema;
import dev.chiptrail.search.IndexUnavailableException;
import dev.chiptrail.search.SearchRequest;
import dev.chiptrail.search.SearchService;
import dev.chiptrail.search.Searchers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an indexing run leaves behind when it fails, and what the searchers refuse to open. */
class IndexFailuresTest {
  static Path resource(String name) {
    try {
      return Path.of(IndexFailuresTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static final Path MINIMAL = resource("valid-minimal");
  static final Path SHIPPED = Path.of(System.getProperty("user.dir")).resolve("../data").normalize();

  static BuildSummary build(Path data, Path index) throws Exception {
    return new IndexBuilder(new IndexerConfig(data, List.of(), index, 1, false))
        .build(DataReader.read(data, List.of()), IndexBuilder.Progress.NONE);
  }

  static long total(Path index) throws Exception {
    try (Searchers s = Searchers.open(index)) {
      return new SearchService(s).search(SearchRequest.of("")).total();
    }
  }

  static List<String> generations(Path index) throws IOException {
    try (Stream<Path> s = Files.list(index)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("gen-")).sorted().toList();
    }
  }

  static String current(Path index) throws IOException {
    return Files.readString(index.resolve(IndexLayout.CURRENT)).strip();
  }

  @Test
  void aSecondIndexerFailsFastNamingTheLock(@TempDir Path tmp) throws Exception {
    Path index = tmp.resolve("index");
    IndexLayout layout = new IndexLayout(index);
    try (Lock held = layout.lock()) {
      long start = System.nanoTime();
      IOException e = assertThrows(IOException.class, () -> IndexCommand.run(
          new IndexerConfig(SHIPPED, List.of(), index, 1, false), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals("another indexer is writing to " + layout.root() + " (lock indexer.lock is held); wait for it to finish", e.getMessage());
      assertTrue(millis < 2000, "took " + millis + " ms; the lock is checked before the data is read");
    }
  }

  @Test
  void aRunWithInvalidDataLeavesThePreviousIndexServingAndPublishesNothing(@TempDir Path tmp) throws Exception {
    Path index = tmp.resolve("index");
    build(MINIMAL, index);
    String live = current(index);
    List<String> gens = generations(index);
    assertEquals(2, total(index));

    StringWriter err = new StringWriter();
    int code = IndexCommand.run(new IndexerConfig(resource("broken/unknown-gazetteer-id"), List.of(), index, 1, false),
        new PrintWriter(new StringWriter()), new PrintWriter(err));

    assertEquals(1, code);
    assertEquals(String.join("\n",
            "error: unknown-gazetteer-id/records/records.jsonl:1: field 'entity': unknown gazetteer id 'shenzhen-univ'",
            "1 error(s)",
            "nothing was indexed; the previous index (if any) is unchanged", ""),
        err.toString().replace(System.lineSeparator(), "\n"));
    assertEquals(live, current(index));
    assertEquals(gens, generations(index));
    assertEquals(2, total(index));
  }

  /** Builds {@code bad} over a live index: the failure must name the document and leave the index as it was. */
  static void assertRefusedNamingDocument(Path index, DataSet bad, String id, String reason) throws Exception {
    String live = current(index);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new IndexBuilder(new IndexerConfig(MINIMAL, List.of(), index, 1, false)).build(bad, IndexBuilder.Progress.NONE));
    assertTrue(e.getMessage().startsWith("document '" + id + "' cannot be indexed: "), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertTrue(e.getMessage().endsWith("; nothing was published, the previous index (if any) still serves"), e.getMessage());
    assertEquals(live, current(index));
    assertEquals(List.of(live), generations(index));
    assertEquals(2, total(index));
  }

  @Test
  void anImmenseTermThatSlipsPastValidationNamesTheDocumentAndPublishesNothing(@TempDir Path tmp) throws Exception {
    Path index = tmp.resolve("index");
    build(MINIMAL, index);
    DataSet ok = DataReader.read(MINIMAL, List.of());
    Map<String, Object> fields = Json.OUT.convertValue(ok.records().get(0), Map.class);
    String id = "r".repeat(40_000);
    fields.put("id", id);
    Record immense = Json.OUT.convertValue(fields, Record.class);
    DataSet bad = new DataSet(ok.gazetteer(), List.of(immense), ok.articles(), ok.checksum(), ok.inputFiles());
    assertRefusedNamingDocument(index, bad, id, "immense term");
  }

  @Test
  void aFacetValueOverLucenesPathLimitThatSlipsPastValidationNamesTheDocument(@TempDir Path tmp) throws Exception {
    Path index = tmp.resolve("index");
    build(MINIMAL, index);
    DataSet ok = DataReader.read(MINIMAL, List.of());
    Article a = ok.articles().get(0);
    Article longOutlet = new Article(a.id(), a.title(), "o".repeat(40_000), a.date(), a.language(), a.url(), a.body(), a.source());
    DataSet bad = new DataSet(ok.gazetteer(), ok.records(), List.of(longOutlet), ok.checksum(), ok.inputFiles());
    assertRefusedNamingDocument(index, bad, "shenzhen-aws", "category path exceeds maximum allowed path length: max=8191");
  }

  @Test
  void theCommitRecordsSchemaChecksumAndCountsAndInputEqualsIndexedPlusRejected(@TempDir Path tmp) throws Exception {
    Path index = tmp.resolve("index");
    DataSet ds = DataReader.read(SHIPPED, List.of());
    BuildSummary s = new IndexBuilder(new IndexerConfig(SHIPPED, List.of(), index, 2, false)).build(ds, IndexBuilder.Progress.NONE);

    // Counted from the files, not from the reader: one record a non-blank line, one article a file.
    long recordLines;
    try (Stream<String> lines = Files.lines(SHIPPED.resolve("records/records.jsonl"))) {
      recordLines = lines.filter(l -> !l.isBlank()).count();
    }
    long articleFiles;
    try (Stream<Path> files = Files.list(SHIPPED.resolve("articles"))) {
      articleFiles = files.count();
    }
    long entityLines = 0;
    try (Stream<Path> files = Files.list(SHIPPED.resolve("gazetteer"))) {
      for (Path f : files.toList()) entityLines += Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
    }
    assertEquals(recordLines + articleFiles, s.inputDocuments());
    assertEquals(s.inputDocuments(), s.indexed() + s.rejected());
    assertEquals(recordLines + articleFiles, total(index));

    try (Directory d = FSDirectory.open(s.generation()); DirectoryReader r = DirectoryReader.open(d)) {
      Map<String, String> data = r.getIndexCommit().getUserData();
      assertEquals(Integer.toString(Schema.VERSION), data.get(Schema.COMMIT_SCHEMA_VERSION));
      assertEquals(ds.checksum(), data.get(Schema.COMMIT_DATA_CHECKSUM));
      assertTrue(ds.checksum().matches("[0-9a-f]{64}"), ds.checksum());
      JsonNode counts = Json.OUT.readTree(data.get(Schema.COMMIT_COUNTS));
      assertEquals(recordLines, counts.get("record").asLong());
      assertEquals(articleFiles, counts.get("article").asLong());
      assertEquals(entityLines, counts.get("entities").asLong());
      assertEquals(recordLines + articleFiles, counts.get("input_documents").asLong());
      assertEquals(0, counts.get("rejected").asLong());
      assertEquals(counts.get("input_documents").asLong(),
          counts.get("record").asLong() + counts.get("article").asLong() + counts.get("rejected").asLong());
      assertEquals(recordLines + articleFiles + entityLines, r.numDocs());
    }
  }

  @Test
  void anIndexOfAnotherSchemaIsRefusedWithAClearMessage(@TempDir Path tmp) throws Exception {
    Path index = tmp.resolve("index");
    Path gen = build(MINIMAL, index).generation();
    try (Directory d = FSDirectory.open(gen);
         IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
      Map<String, String> data = new HashMap<>();
      w.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
      data.put(Schema.COMMIT_SCHEMA_VERSION, "999");
      w.setLiveCommitData(data.entrySet());
      w.commit();
    }
    IndexUnavailableException e = assertThrows(IndexUnavailableException.class, () -> Searchers.open(index));
    assertEquals("the index at " + gen + " has schema version 999 but this chiptrail reads version " + Schema.VERSION
        + "; rebuild it with ./chiptrail index", e.getMessage());
  }

  /** The biggest file of the live generation: the one holding the postings and stored text. */
  static Path biggestFile(Path gen) throws IOException {
    try (Stream<Path> s = Files.list(gen)) {
      return s.filter(p -> !p.getFileName().toString().equals("write.lock"))
          .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
    }
  }

  @Test
  void anIndexWithAFlippedByteIsRefusedAsCorrupt(@TempDir Path tmp) throws Exception {
    Path index = tmp.resolve("index");
    Path gen = build(MINIMAL, index).generation();
    Path victim = biggestFile(gen);
    try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
      long at = f.length() / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x5A);
    }
    IndexUnavailableException e = assertThrows(IndexUnavailableException.class, () -> Searchers.open(index));
    assertTrue(e.getMessage().startsWith("the index at " + gen + " is corrupt ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("; rebuild it with ./chiptrail index"), e.getMessage());
  }

  @Test
  void aPublishedGenerationIsVerifiedAgainOnlyWhenOneOfItsFilesChanged(@TempDir Path tmp) throws Exception {
    Path index = tmp.resolve("index");
    Path gen = build(MINIMAL, index).generation();
    assertTrue(VerifiedFiles.unchanged(gen), "the indexer records the files it verified");
    Path victim = biggestFile(gen);
    Files.setLastModifiedTime(victim, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(victim).toMillis() + 1000));
    assertFalse(VerifiedFiles.unchanged(gen), "a rewritten file is verified again");
    Files.writeString(gen.resolve("_extra.bin"), "not part of the verified index");
    assertFalse(VerifiedFiles.unchanged(gen), "an added file");
    Files.delete(gen.resolve(VerifiedFiles.FILE));
    assertFalse(VerifiedFiles.unchanged(gen), "no record: everything is verified");
  }

  @Test
  void anIndexWithATruncatedFileIsRefused(@TempDir Path tmp) throws Exception {
    Path index = tmp.resolve("index");
    Path gen = build(MINIMAL, index).generation();
    Path victim = biggestFile(gen);
    try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    IndexUnavailableException e = assertThrows(IndexUnavailableException.class, () -> Searchers.open(index));
    assertTrue(e.getMessage().startsWith("the index at " + gen + " is corrupt (")
        || e.getMessage().startsWith("the index at " + gen + " cannot be read ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("; rebuild it with ./chiptrail index"), e.getMessage());
  }

  @Test
  void aMissingIndexIsRefusedWithWhatToDo(@TempDir Path tmp) throws Exception {
    Path index = tmp.resolve("index");
    Files.createDirectories(index);
    IndexUnavailableException none = assertThrows(IndexUnavailableException.class, () -> Searchers.open(index));
    assertEquals("there is no index in " + index.toAbsolutePath().normalize() + "; build one with ./chiptrail index", none.getMessage());

    Files.writeString(index.resolve(IndexLayout.CURRENT), "gen-000009\n");
    IndexUnavailableException dangling = assertThrows(IndexUnavailableException.class, () -> Searchers.open(index));
    assertEquals("the index folder " + index + " is damaged: " + index.toAbsolutePath().normalize().resolve("CURRENT")
        + " names gen-000009, which does not exist", dangling.getMessage());
  }

  @Test
  void aRunRepairsACurrentFileThatNamesNothing(@TempDir Path tmp) throws Exception {
    Path index = tmp.resolve("index");
    build(MINIMAL, index);
    Files.writeString(index.resolve(IndexLayout.CURRENT), "gen-000042\n");
    assertThrows(IndexUnavailableException.class, () -> Searchers.open(index));

    build(MINIMAL, index);
    assertEquals("gen-000002", current(index));
    assertEquals(2, total(index));
  }

  @Test
  void leftoversOfCrashedRunsAreRemovedByTheNextRun(@TempDir Path tmp) throws Exception {
    Path index = tmp.resolve("index");
    build(MINIMAL, index);
    assertEquals("gen-000001", current(index));
    // What a run killed after creating its generation (or mid-publish) leaves: a newer unpublished
    // generation with a partial segment, and a CURRENT.tmp never renamed.
    Files.createDirectories(index.resolve("gen-000007"));
    Files.writeString(index.resolve("gen-000007/_0.fdt"), "partial", StandardCharsets.UTF_8);
    Files.writeString(index.resolve("CURRENT.tmp"), "gen-000007\n");

    build(MINIMAL, index);
    assertEquals("gen-000002", current(index));
    assertEquals(List.of("gen-000001", "gen-000002"), generations(index));
    assertFalse(Files.exists(index.resolve("CURRENT.tmp")));

    build(MINIMAL, index);
    // The live generation and the one before it (a server may still be reading it) are kept.
    assertEquals(List.of("gen-000002", "gen-000003"), generations(index));
    assertEquals(2, total(index));
  }
}
