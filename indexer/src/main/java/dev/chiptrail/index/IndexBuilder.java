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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.Bits;
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
      String gazetteerHash = gazetteerHash(data);
      Path previous = config.full() ? null : liveOrNull(layout);
      Map<String, String> previousHashes = previous == null ? null : previousHashes(previous, gazetteerHash);
      Path gen = layout.newGeneration();
      Map<String, Integer> byKind = new LinkedHashMap<>();
      Changes changes = new Changes();
      Map<String, List<String>> stories = Stories.multiVersion(Stories.group(data.articles(), data.gazetteer()));
      boolean published = false;
      try (Directory dir = FSDirectory.open(gen)) {
        IndexWriterConfig iwc = new IndexWriterConfig(Schema.indexAnalyzer())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(ramBufferMb())
            // A compound file is a second copy of each flushed segment, written while both cores are
            // needed for analysis; its one benefit, fewer open files, matters little with ~20 segments.
            .setUseCompoundFile(false)
            .setCommitOnClose(false);
        IndexWriter writer = new IndexWriter(dir, iwc);
        try {
          if (previousHashes != null) {
            // Start from a copy of the live generation's segments; only changed documents are
            // analysed again, and the live generation itself is never written to.
            try (Directory prev = FSDirectory.open(previous)) {
              writer.addIndexes(prev);
            }
          }
          write(writer, data, byKind, progress, previousHashes, changes);
          lock.ensureValid();
          writer.setLiveCommitData(commitData(data, byKind, gazetteerHash, stories).entrySet());
          writer.commit();
          writer.close();
        } catch (Throwable t) {
          writer.rollback();
          throw t;
        }
        // Every checksum once, now, so that a reader opening this generation later need not read it all.
        try (DirectoryReader written = DirectoryReader.open(dir)) {
          VerifiedFiles.verifyAndRecord(gen, written);
        }
        layout.publish(gen);
        published = true;
      } finally {
        if (!published) layout.discard(gen);
      }
      layout.prune();
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new BuildSummary(gen, data.inputFiles(), inputDocuments(data), byKind, data.gazetteer().size(), 0,
          facetValueCounts(gen), millis, sizeOf(gen), data.checksum(),
          previousHashes != null, changes.added, changes.updated, changes.deleted, changes.unchanged, stories.size());
    }
  }

  /**
   * An eighth of the heap, 64 MB to 1 GB, for the in-memory segments: each flush is a segment that
   * merges write again, and at a million documents 256 MB meant ~150 flushed segments merged two or
   * three times over while both cores were needed for analysis.
   */
  private static double ramBufferMb() {
    return Math.max(64, Math.min(1024, Runtime.getRuntime().maxMemory() / 8 / (1 << 20)));
  }

  /** The live generation to build upon, or null when there is none or CURRENT is damaged (then all is built). */
  private static Path liveOrNull(IndexLayout layout) {
    try {
      return layout.current().orElse(null);
    } catch (IOException damagedCurrent) {
      return null;
    }
  }

  /** What an incremental build did to the documents (records and articles) of the previous one. */
  private static final class Changes {
    int added, updated, deleted, unchanged;
  }

  /**
   * Id → content hash of every record and article in the live generation, or null when it cannot be
   * the base of an incremental build (another schema or gazetteer, or unreadable): then all is built.
   */
  private static Map<String, String> previousHashes(Path previous, String gazetteerHash) {
    try (Directory dir = FSDirectory.open(previous); DirectoryReader reader = DirectoryReader.open(dir)) {
      Map<String, String> user = reader.getIndexCommit().getUserData();
      if (!Integer.toString(Schema.VERSION).equals(user.get(Schema.COMMIT_SCHEMA_VERSION))) return null;
      if (!gazetteerHash.equals(user.get(Schema.COMMIT_GAZETTEER))) return null;
      Map<String, String> out = new HashMap<>();
      for (LeafReaderContext leaf : reader.leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        StoredFields stored = leaf.reader().storedFields();
        for (int d = 0; d < leaf.reader().maxDoc(); d++) {
          if (live != null && !live.get(d)) continue;
          Document doc = stored.document(d, Set.of(Schema.ID, Schema.CONTENT_HASH));
          String id = doc.get(Schema.ID);
          if (id == null) continue; // a gazetteer entity
          String hash = doc.get(Schema.CONTENT_HASH);
          if (hash == null) return null;
          out.put(id, hash);
        }
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String gazetteerHash(DataSet data) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Entity e : data.gazetteer().entities()) sb.append(Json.OUT.writeValueAsString(e)).append('\n');
    return DocumentBuilder.sha256(sb.toString());
  }

  private void write(IndexWriter writer, DataSet data, Map<String, Integer> byKind, Progress progress,
      Map<String, String> previous, Changes changes) throws IOException {
    DocumentBuilder builder = new DocumentBuilder(data.gazetteer());
    long[] done = {0};
    BiConsumer<String, Supplier<Document>> add = (id, make) -> index(writer, id, make, false);
    BiConsumer<String, Supplier<Document>> update = (id, make) -> index(writer, id, make, true);
    // Entities first, then records and articles, each in input order: one thread gives the same
    // index for the same data; more threads give the same documents in another order.
    List<Runnable> tasks = new ArrayList<>();
    if (previous == null) {
      for (Entity e : data.gazetteer().entities()) tasks.add(() -> add.accept(e.id(), () -> builder.entity(e)));
      for (Record r : data.records()) tasks.add(() -> add.accept(r.id(), () -> builder.record(r)));
      for (Article a : data.articles()) tasks.add(() -> add.accept(a.id(), () -> builder.article(a)));
      changes.added = data.records().size() + data.articles().size();
    } else {
      Set<String> present = new HashSet<>();
      for (Record r : data.records()) {
        present.add(r.id());
        schedule(tasks, changes, previous.get(r.id()), DocumentBuilder.contentHash(r),
            () -> add.accept(r.id(), () -> builder.record(r)), () -> update.accept(r.id(), () -> builder.record(r)));
      }
      for (Article a : data.articles()) {
        present.add(a.id());
        schedule(tasks, changes, previous.get(a.id()), DocumentBuilder.contentHash(a),
            () -> add.accept(a.id(), () -> builder.article(a)), () -> update.accept(a.id(), () -> builder.article(a)));
      }
      for (String id : new java.util.TreeSet<>(previous.keySet())) {
        if (present.contains(id)) continue;
        writer.deleteDocuments(new Term(Schema.ID, id));
        changes.deleted++;
      }
    }
    byKind.put("record", data.records().size());
    byKind.put("article", data.articles().size());
    long total = tasks.size();
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
      // Each thread writes one in-memory segment to disk now; left to commit, they would all be
      // flushed one after another on the calling thread while the others idle.
      List<Future<?>> flushes = new ArrayList<>();
      for (int i = 0; i < config.threads(); i++) {
        flushes.add(pool.submit(() -> {
          while (writer.flushNextBuffer()) {
            // until no buffer is left that another thread is not already writing
          }
          return null;
        }));
      }
      for (Future<?> f : flushes) f.get();
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

  /** Adds or replaces one document; Lucene's "immense term" and facet "path length" errors name a field but not the document. */
  private static void index(IndexWriter writer, String id, Supplier<Document> make, boolean replace) {
    try {
      if (replace) writer.updateDocument(new Term(Schema.ID, id), make.get());
      else writer.addDocument(make.get());
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
  }

  private static void schedule(List<Runnable> tasks, Changes changes, String previousHash, String hash,
      Runnable add, Runnable update) {
    if (previousHash == null) {
      tasks.add(add);
      changes.added++;
    } else if (!previousHash.equals(hash)) {
      tasks.add(update);
      changes.updated++;
    } else {
      changes.unchanged++;
    }
  }

  /** Records and articles read: each is either indexed or rejected. */
  private static int inputDocuments(DataSet data) {
    return data.records().size() + data.articles().size();
  }

  private static Map<String, String> commitData(DataSet data, Map<String, Integer> byKind, String gazetteerHash,
      Map<String, List<String>> stories) throws IOException {
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
    m.put(Schema.COMMIT_GAZETTEER, gazetteerHash);
    m.put(Schema.COMMIT_STORIES, Json.OUT.writeValueAsString(stories));
    return m;
  }

  /**
   * Distinct values per dimension among live documents: after an incremental build a value may remain
   * in the doc-values dictionary of a deleted document until its segment is merged away.
   */
  private static Map<String, Integer> facetValueCounts(Path gen) throws IOException {
    Map<String, Integer> out = new LinkedHashMap<>();
    try (Directory dir = FSDirectory.open(gen); DirectoryReader reader = DirectoryReader.open(dir)) {
      SortedSetDocValuesReaderState state = new DefaultSortedSetDocValuesReaderState(reader, Schema.facetsConfig());
      org.apache.lucene.search.IndexSearcher searcher = new org.apache.lucene.search.IndexSearcher(reader);
      org.apache.lucene.facet.FacetsCollector fc = searcher.search(new org.apache.lucene.search.MatchAllDocsQuery(),
          new org.apache.lucene.facet.FacetsCollectorManager());
      org.apache.lucene.facet.Facets facets = new org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts(state, fc);
      for (String dim : Schema.FILTER_DIMS) {
        org.apache.lucene.facet.FacetResult r;
        try {
          r = state.getOrdRange(dim) == null ? null : facets.getAllChildren(dim);
        } catch (IllegalArgumentException e) {
          r = null;
        }
        out.put(dim, r == null ? 0 : r.childCount);
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
