package dev.chiptrail.index;

import dev.chiptrail.gazetteer.Entity;
import dev.chiptrail.ingest.Article;
import dev.chiptrail.ingest.DataSet;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.ingest.Record;
import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;

/**
 * Writes a validated {@link DataSet} into a fresh index generation and publishes it. On any failure
 * the writer is rolled back (never closed: close commits) and the generation discarded, so the live
 * index is untouched.
 */
public final class IndexBuilder {
  private final IndexerConfig config;

  public IndexBuilder(IndexerConfig config) {
    this.config = config;
  }

  /** Progress while documents are added: (done, total). */
  public interface Progress {
    void advance(long done, long total);

    Progress NONE = (d, t) -> {};
  }

  public BuildSummary build(DataSet data, Progress progress) throws IOException {
    long start = System.nanoTime();
    IndexLayout layout = new IndexLayout(config.indexDir());
    try (Lock lock = layout.lock()) {
      // A crashed run may have left a half-written generation: it was never live, so it goes now.
      try {
        layout.prune();
      } catch (IOException damagedCurrent) {
        // CURRENT names nothing usable: this build replaces it, and prunes once it has.
      }
      Path gen = layout.newGeneration();
      Map<String, Integer> byKind = new LinkedHashMap<>();
      boolean published = false;
      try (Directory dir = FSDirectory.open(gen)) {
        IndexWriterConfig iwc = new IndexWriterConfig(Schema.indexAnalyzer())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(256)
            .setCommitOnClose(false);
        IndexWriter writer = new IndexWriter(dir, iwc);
        try {
          write(writer, data, byKind, progress);
          lock.ensureValid();
          writer.setLiveCommitData(commitData(data, byKind).entrySet());
          writer.commit();
          writer.close();
        } catch (Throwable t) {
          writer.rollback();
          throw t;
        }
        layout.publish(gen);
        published = true;
      } finally {
        if (!published) layout.discard(gen);
      }
      layout.prune();
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new BuildSummary(gen, data.inputFiles(), inputDocuments(data), byKind, data.gazetteer().size(), 0,
          facetValueCounts(gen), millis, sizeOf(gen), data.checksum());
    }
  }

  private void write(IndexWriter writer, DataSet data, Map<String, Integer> byKind, Progress progress) throws IOException {
    DocumentBuilder builder = new DocumentBuilder(data.gazetteer());
    long total = data.records().size() + data.articles().size() + data.gazetteer().size();
    long[] done = {0};
    // Lucene's "immense term" and facet "path length" errors name a field but not the document.
    BiConsumer<String, Supplier<Document>> add = (id, make) -> {
      try {
        writer.addDocument(make.get());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (IllegalArgumentException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        int cut = msg.indexOf(". Please correct");
        if (cut > 0) msg = msg.substring(0, cut);
        if (msg.length() > 300) msg = msg.substring(0, 300) + "...";
        throw new IllegalArgumentException("document '" + id + "' cannot be indexed: " + msg
            + "; nothing was published, the previous index (if any) still serves", e);
      }
    };
    // Entities first, then records and articles, each in input order: one thread gives the same
    // index for the same data; more threads give the same documents in another order.
    List<Runnable> tasks = new ArrayList<>();
    for (Entity e : data.gazetteer().entities()) tasks.add(() -> add.accept(e.id(), () -> builder.entity(e)));
    for (Record r : data.records()) tasks.add(() -> add.accept(r.id(), () -> builder.record(r)));
    for (Article a : data.articles()) tasks.add(() -> add.accept(a.id(), () -> builder.article(a)));
    byKind.put("record", data.records().size());
    byKind.put("article", data.articles().size());
    if (config.threads() == 1) {
      for (Runnable t : tasks) {
        t.run();
        progress.advance(++done[0], total);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(config.threads());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable t : tasks) futures.add(pool.submit(t));
      for (Future<?> f : futures) {
        f.get();
        progress.advance(++done[0], total);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("indexing interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof java.io.UncheckedIOException u) throw u.getCause();
      if (c instanceof RuntimeException r) throw r;
      throw new IOException(c);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Records and articles read: each is either indexed or rejected. */
  private static int inputDocuments(DataSet data) {
    return data.records().size() + data.articles().size();
  }

  private static Map<String, String> commitData(DataSet data, Map<String, Integer> byKind) throws IOException {
    Map<String, Object> counts = new LinkedHashMap<>(byKind);
    counts.put("input_documents", inputDocuments(data));
    counts.put("entities", data.gazetteer().size());
    counts.put("rejected", 0);
    counts.put("input_files", data.inputFiles());
    Map<String, String> m = new LinkedHashMap<>();
    m.put(Schema.COMMIT_SCHEMA_VERSION, Integer.toString(Schema.VERSION));
    m.put(Schema.COMMIT_DATA_CHECKSUM, data.checksum());
    m.put(Schema.COMMIT_BUILT_AT, Instant.now().toString());
    m.put(Schema.COMMIT_COUNTS, Json.OUT.writeValueAsString(counts));
    return m;
  }

  private static Map<String, Integer> facetValueCounts(Path gen) throws IOException {
    Map<String, Integer> out = new LinkedHashMap<>();
    try (Directory dir = FSDirectory.open(gen); DirectoryReader reader = DirectoryReader.open(dir)) {
      SortedSetDocValuesReaderState state = new DefaultSortedSetDocValuesReaderState(reader, Schema.facetsConfig());
      for (String dim : Schema.FILTER_DIMS) {
        SortedSetDocValuesReaderState.OrdRange r = state.getOrdRange(dim);
        out.put(dim, r == null ? 0 : r.end() - r.start() + 1);
      }
    }
    return out;
  }

  static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
