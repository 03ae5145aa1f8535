package dev.chiptrail.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chiptrail.ingest.DataReader;
import dev.chiptrail.ingest.DataSet;
import dev.chiptrail.search.IndexUnavailableException;
import dev.chiptrail.search.Searchers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer as a separate process, killed with SIGKILL ({@link Process#destroyForcibly()}) at
 * random moments: whatever it was doing, the live index must still open, search and pass Lucene's
 * CheckIndex, and the next run must complete.
 */
class IndexDurabilityIT {
  static final Path SHIPPED = IndexFailuresTest.SHIPPED;
  static final int TRIALS = 10;
  static final long SEED = 20261122L;

  @TempDir static Path shared;
  /** Two article sets of different sizes, so a trial that published is told from one that did not. */
  static Path moreArticles;
  static Path fewerArticles;
  static long moreTotal;
  static long fewerTotal;

  @BeforeAll
  static void generateArticles() throws Exception {
    List<String> bodies = new ArrayList<>();
    try (Stream<Path> s = Files.list(SHIPPED.resolve("articles"))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        String t = Files.readString(p, StandardCharsets.UTF_8);
        if (t.startsWith("---\n")) t = t.substring(t.indexOf("\n---", 4) + 4);
        bodies.add(t.strip());
      }
    }
    Random rnd = new Random(SEED);
    moreArticles = Files.createDirectories(shared.resolve("more"));
    fewerArticles = Files.createDirectories(shared.resolve("fewer"));
    for (int i = 0; i < 24; i++) {
      StringBuilder body = new StringBuilder("Generated article " + i + "\n\n");
      for (int k = 0; k < 2; k++) body.append(bodies.get(rnd.nextInt(bodies.size()))).append("\n\n");
      Files.writeString(moreArticles.resolve(String.format(Locale.ROOT, "generated-%03d.md", i)), body);
      if (i < 12) Files.writeString(fewerArticles.resolve(String.format(Locale.ROOT, "generated-%03d.md", i)), body);
    }
    moreTotal = documents(DataReader.read(SHIPPED, List.of(moreArticles)));
    fewerTotal = documents(DataReader.read(SHIPPED, List.of(fewerArticles)));
  }

  static long documents(DataSet ds) {
    return ds.records().size() + ds.articles().size();
  }

  static Process startIndexer(Path articles, Path index, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire may start the test JVM from a manifest-only jar; this property has the real class path.
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return new ProcessBuilder(java, "-Xmx512m", "-cp", cp, "dev.chiptrail.cli.Main", "index",
        "--data", SHIPPED.toString(), "--articles", articles.toString(), "--index", index.toString(), "--threads", "1")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static void assertCheckIndexClean(Path gen) throws IOException {
    try (Directory d = FSDirectory.open(gen); CheckIndex ci = new CheckIndex(d)) {
      CheckIndex.Status status = ci.checkIndex();
      assertTrue(status.clean, "CheckIndex found problems in " + gen);
    }
  }

  static long liveTotal(Path index) throws Exception {
    return IndexFailuresTest.total(index);
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void killNineAtRandomMomentsLeavesTheLiveIndexWholeAndTheNextRunCompletes() throws Exception {
    Path index = shared.resolve("index-kill");
    IndexFailuresTest.build(SHIPPED, index);
    long shippedTotal = liveTotal(index);
    IndexLayout layout = new IndexLayout(index);

    // One uninterrupted run, to learn how long a run takes on this machine.
    long t0 = System.nanoTime();
    Process ref = startIndexer(moreArticles, index, shared.resolve("ref.log"));
    assertTrue(ref.waitFor(120, TimeUnit.SECONDS), "the reference run did not finish");
    long runMillis = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(0, ref.exitValue(), Files.readString(shared.resolve("ref.log")));
    assertEquals(moreTotal, liveTotal(index));
    assertTrue(moreTotal > shippedTotal);

    Random rnd = new Random(SEED);
    int published = 0;
    int killedBeforeIndexing = 0;
    int killedWhileIndexing = 0;
    long before = moreTotal;
    for (int trial = 0; trial < TRIALS; trial++) {
      Path articles = before == moreTotal ? fewerArticles : moreArticles;
      long offered = before == moreTotal ? fewerTotal : moreTotal;
      String liveBefore = layout.current().orElseThrow().getFileName().toString();
      // Stratified over the whole run and 40% past it (runs vary in length), so kills land in every phase: starting up,
      // validating, writing, committing, switching, and after the switch.
      long delay = 50 + (long) ((trial + rnd.nextDouble()) / TRIALS * runMillis * 1.4);
      Path log = shared.resolve("trial-" + trial + ".log");
      Process p = startIndexer(articles, index, log);
      Thread.sleep(delay);
      boolean wasAlive = p.isAlive();
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed indexer did not exit");

      String out = Files.readString(log, StandardCharsets.UTF_8);
      long after = liveTotal(index);
      Path live = layout.current().orElseThrow();
      boolean switched = !live.getFileName().toString().equals(liveBefore);
      assertTrue(after == (switched ? offered : before),
          "trial " + trial + " (killed after " + delay + " ms): " + after + " documents live, expected " + before
              + " (old) or " + offered + " (new, if it switched); switched=" + switched);
      assertCheckIndexClean(live);
      if (switched) published++;
      else if (wasAlive && out.contains("indexing ")) killedWhileIndexing++;
      else if (wasAlive) killedBeforeIndexing++;
      before = after;
    }

    long t1 = System.nanoTime();
    Path finalLog = shared.resolve("final.log");
    Process last = startIndexer(moreArticles, index, finalLog);
    assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the run after the kills did not finish");
    String out = Files.readString(finalLog, StandardCharsets.UTF_8);
    assertEquals(0, last.exitValue(), out);
    assertTrue(out.contains("input documents: " + moreTotal + " = indexed " + moreTotal + " + rejected 0"), out);
    assertEquals(moreTotal, liveTotal(index));
    assertCheckIndexClean(layout.current().orElseThrow());
    // Leftovers of killed runs are gone: the live generation and the one before it remain.
    assertEquals(2, IndexFailuresTest.generations(index).size(), IndexFailuresTest.generations(index).toString());
    assertFalse(Files.exists(index.resolve("CURRENT.tmp")));

    System.out.printf(Locale.ROOT, "kill -9 trials: %d (a whole run took %d ms; kills spread over 50..%d ms): %d killed before indexing, "
            + "%d killed while indexing, %d after the switch; old or new index live and CheckIndex clean after every one; "
            + "the run after took %d ms%n", TRIALS, runMillis, 50 + (long) (runMillis * 1.4), killedBeforeIndexing,
        killedWhileIndexing, published, (System.nanoTime() - t1) / 1_000_000);
    assertTrue(killedWhileIndexing + killedBeforeIndexing > 0, "no trial interrupted a run");
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aCrashBeforeTheFirstCommitLeavesNoIndexToOpenAndTheNextRunBuildsOne() throws Exception {
    Path index = shared.resolve("index-first");
    Path log = shared.resolve("first.log");
    Process p = startIndexer(moreArticles, index, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.isDirectory(index.resolve("gen-000001"))) {
      if (!p.isAlive()) fail("the indexer ended before creating its generation: " + Files.readString(log));
      if (System.nanoTime() > deadline) fail("the indexer never created its generation");
      Thread.sleep(5);
    }
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    Files.writeString(index.resolve("gen-000001/leftover-of-the-killed-run"), "x");

    assertFalse(Files.exists(index.resolve(IndexLayout.CURRENT)), "killed before its commit, yet CURRENT was written");
    try {
      Searchers.open(index).close();
      fail("an index that was never published opened");
    } catch (IndexUnavailableException e) {
      assertEquals("there is no index in " + index.toAbsolutePath().normalize() + "; build one with ./chiptrail index", e.getMessage());
    }

    // The next run removes the unpublished generation and builds afresh (reusing its number).
    IndexFailuresTest.build(SHIPPED, index);
    assertFalse(Files.exists(index.resolve("gen-000001/leftover-of-the-killed-run")));
    assertEquals(List.of("gen-000001"), IndexFailuresTest.generations(index));
    assertEquals("gen-000001", IndexFailuresTest.current(index));
    assertCheckIndexClean(index.resolve("gen-000001"));
    assertEquals(documents(DataReader.read(SHIPPED, List.of())), liveTotal(index));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aSecondIndexerProcessFailsFastWhileAnotherHoldsTheLock() throws Exception {
    Path index = shared.resolve("index-locked");
    IndexFailuresTest.build(SHIPPED, index);
    String live = IndexFailuresTest.current(index);
    IndexLayout layout = new IndexLayout(index);
    Path log = shared.resolve("locked.log");
    try (Lock held = layout.lock()) {
      Process p = startIndexer(moreArticles, index, log);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the second indexer waited instead of failing");
      String out = Files.readString(log, StandardCharsets.UTF_8);
      assertEquals(1, p.exitValue(), out);
      assertTrue(out.contains("chiptrail: another indexer is writing to " + layout.root()
          + " (lock indexer.lock is held); wait for it to finish"), out);
      assertFalse(out.contains("indexing "), "it read the data before checking the lock: " + out);
    }
    assertEquals(live, IndexFailuresTest.current(index));
  }
}
