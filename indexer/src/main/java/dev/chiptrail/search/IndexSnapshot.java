package dev.chiptrail.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chiptrail.gazetteer.Entity;
import dev.chiptrail.gazetteer.Gazetteer;
import dev.chiptrail.index.DocumentBuilder;
import dev.chiptrail.index.VerifiedFiles;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;

/**
 * One published index generation, open for searching: reader, searcher, facet state and the
 * gazetteer stored in it. Every response is computed from one snapshot and names its version.
 * Reference-counted through the reader: {@link #tryIncRef}/{@link #decRef}.
 */
public final class IndexSnapshot {
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final SortedSetDocValuesReaderState facetState;
  private final Gazetteer gazetteer;
  private final Map<String, String> commitData;
  private final String version;
  private final Path generation;
  /** Counts over every document, made on first use: see {@link #everything()}. */
  private volatile Everything everything;
  /** Every facet value's documents, built in the background: see {@link #facetCounts}. */
  private volatile FacetDocSets docSets;
  /** The live documents in id order, built in the background after the doc sets. */
  private volatile IdOrder idOrder;
  private final AtomicBoolean docSetsStarted = new AtomicBoolean();

  private IndexSnapshot(Path generation, DirectoryReader reader) throws IOException {
    this.generation = generation;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    this.facetState = new DefaultSortedSetDocValuesReaderState(reader, Schema.facetsConfig());
    this.commitData = reader.getIndexCommit().getUserData();
    this.version = generation.getFileName() + "." + reader.getIndexCommit().getGeneration();
    this.gazetteer = loadGazetteer();
  }

  /** Opens a generation, refusing (with a message saying why) an index that is not chiptrail's current schema. */
  public static IndexSnapshot open(Path generation) throws IndexUnavailableException {
    DirectoryReader reader = null;
    try {
      reader = DirectoryReader.open(FSDirectory.open(generation));
      String schema = reader.getIndexCommit().getUserData().get(Schema.COMMIT_SCHEMA_VERSION);
      if (schema == null) {
        throw new IndexUnavailableException("the index at " + generation + " was not written by chiptrail (no schema version); rebuild it with ./chiptrail index", null);
      }
      if (!schema.equals(Integer.toString(Schema.VERSION))) {
        throw new IndexUnavailableException("the index at " + generation + " has schema version " + schema
            + " but this chiptrail reads version " + Schema.VERSION + "; rebuild it with ./chiptrail index", null);
      }
      verify(generation, reader);
      IndexSnapshot s = new IndexSnapshot(generation, reader);
      reader = null;
      return s;
    } catch (IndexNotFoundException e) {
      throw new IndexUnavailableException("no index in " + generation + ": " + e.getMessage(), e);
    } catch (CorruptIndexException e) {
      throw new IndexUnavailableException("the index at " + generation + " is corrupt (" + e.getMessage()
          + "); rebuild it with ./chiptrail index", e);
    } catch (IOException | RuntimeException e) {
      throw new IndexUnavailableException("the index at " + generation + " cannot be read (" + e + "); rebuild it with ./chiptrail index", e);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (IOException ignored) {
          // Already failing with a clearer message.
        }
      }
    }
  }

  /**
   * Refuses a damaged index before it serves: every file's checksum (Lucene checks most only when
   * merging, so a flipped byte would otherwise surface as a wrong hit or a failed request later) unless
   * the files are exactly those the indexer verified (see {@link VerifiedFiles}), and the document
   * count the build recorded.
   */
  private static void verify(Path generation, DirectoryReader reader) throws IndexUnavailableException, IOException {
    try {
      VerifiedFiles.verify(generation, reader);
    } catch (CorruptIndexException e) {
      throw new IndexUnavailableException("the index at " + generation + " is corrupt (" + e.getMessage()
          + "); rebuild it with ./chiptrail index", e);
    }
    String counts = reader.getIndexCommit().getUserData().get(Schema.COMMIT_COUNTS);
    if (counts == null) {
      throw new IndexUnavailableException("the index at " + generation + " records no document counts; rebuild it with ./chiptrail index", null);
    }
    JsonNode c = Json.OUT.readTree(counts);
    int expected = c.path("record").asInt() + c.path("article").asInt() + c.path("entities").asInt();
    if (expected != reader.numDocs()) {
      throw new IndexUnavailableException("the index at " + generation + " holds " + reader.numDocs()
          + " documents but its build recorded " + expected + "; rebuild it with ./chiptrail index", null);
    }
  }

  private Gazetteer loadGazetteer() throws IOException {
    TermQuery q = new TermQuery(new Term(Schema.DOCTYPE, Schema.DOCTYPE_ENTITY));
    int n = Math.max(1, searcher.count(q));
    ScoreDoc[] docs = searcher.search(q, n).scoreDocs;
    StoredFields stored = searcher.storedFields();
    List<Entity> entities = new ArrayList<>();
    for (ScoreDoc sd : docs) {
      Document d = stored.document(sd.doc);
      entities.add(Json.OUT.readValue(d.get(Schema.SOURCE), Entity.class));
    }
    entities.sort(java.util.Comparator.comparing(Entity::id));
    return new Gazetteer(entities);
  }

  public IndexSearcher searcher() {
    return searcher;
  }

  public DirectoryReader reader() {
    return reader;
  }

  public SortedSetDocValuesReaderState facetState() {
    return facetState;
  }

  /**
   * The facet counts of the whole index and its number of searchable documents, counted once per
   * index version: a search for everything (the UI's first page) and the sideways counts of a
   * one-dimension filter on it read these instead of counting a million documents again.
   */
  public record Everything(int[] counts, int documents, SortedSetDocValuesReaderState state) {
    /**
     * The counts as Facets, a new view per call: Lucene's facet counts read labels through one doc
     * values iterator and cannot be shared by concurrent requests; the counts can.
     */
    public Facets facets() {
      return new DocSetFacetCounts(state, counts);
    }
  }

  /**
   * Facet counts of a search's hits: Lucene's doc-values counting for a small result, each value's
   * document set ({@link FacetDocSets}) for a large one, where reading every hit's ordinals costs
   * hundreds of milliseconds at a million documents. The sets are built in the background when a
   * large result first needs them (seconds at a million documents); until then large results
   * are counted from the doc values too, so no request and no server start waits for them.
   */
  public Facets facetCounts(FacetsCollector hits) throws IOException {
    long total = 0;
    for (FacetsCollector.MatchingDocs m : hits.getMatchingDocs()) total += m.totalHits();
    boolean small = total == 0 || total * SMALL_RESULT < reader.maxDoc();
    FacetDocSets sets = docSets;
    if (small || sets == null) {
      if (!small) buildDocSets();
      return new SortedSetDocValuesFacetCounts(facetState, hits);
    }
    return new DocSetFacetCounts(sets, hits);
  }

  /** The live documents in id order if built; if not, starts building them and returns null. */
  IdOrder readyIdOrder() {
    IdOrder o = idOrder;
    if (o == null) buildDocSets();
    return o;
  }

  /** The facet document sets if they are built; if not, starts building them and returns null. */
  FacetDocSets readyDocSets() {
    FacetDocSets sets = docSets;
    if (sets == null) buildDocSets();
    return sets;
  }

  /**
   * A result under maxDoc/SMALL_RESULT documents is counted from the doc values: a dozen ordinals per
   * hit cost less than a pass over every value's document set.
   */
  static final int SMALL_RESULT = 64;

  private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "chiptrail-facet-doc-sets");
    t.setDaemon(true);
    return t;
  });

  private void buildDocSets() {
    if (!docSetsStarted.compareAndSet(false, true)) return;
    BACKGROUND.execute(() -> {
      // The snapshot may be retired meanwhile: hold its reader open while reading it.
      if (!reader.tryIncRef()) return;
      try {
        docSets = FacetDocSets.build(facetState);
        idOrder = IdOrder.build(reader);
      } catch (IOException | RuntimeException e) {
        Logger.getLogger(IndexSnapshot.class.getName()).warning("facet document sets or id order of " + generation
            + " not built (" + e + "); facets are counted from the doc values, pages collected by queries");
      } finally {
        try {
          reader.decRef();
        } catch (IOException ignored) {
          // Closing the last reference of a retired snapshot; nothing to do about it here.
        }
      }
    });
  }

  public Everything everything() throws IOException {
    Everything e = everything;
    if (e == null) {
      synchronized (this) {
        e = everything;
        if (e == null) {
          // Entities carry no facet values, so counting every document counts the searchable ones.
          e = new Everything(FacetDocSets.ordinalCounts(facetState, MultiBits.getLiveDocs(reader)),
              searcher.count(new TermQuery(new Term(Schema.DOCTYPE, Schema.DOCTYPE_DOC))), facetState);
          everything = e;
        }
      }
    }
    return e;
  }

  public Gazetteer gazetteer() {
    return gazetteer;
  }

  public Map<String, String> commitData() {
    return commitData;
  }

  public String version() {
    return version;
  }

  public Path generation() {
    return generation;
  }

  /** The stored JSON of a document, by id, with its kind; null if there is none. */
  public StoredDoc find(String id) throws IOException {
    ScoreDoc[] hits = searcher.search(new TermQuery(new Term(Schema.ID, id)), 1).scoreDocs;
    return hits.length == 0 ? null : load(hits[0].doc);
  }

  public StoredDoc load(int docId) throws IOException {
    Document d = searcher.storedFields().document(docId);
    return new StoredDoc(d.get(Schema.ID), d.get(Schema.KIND), Json.OUT.readTree(d.get(Schema.SOURCE)),
        Json.OUT.readTree(d.get(DocumentBuilder.MENTIONS_JSON)), d.get(Schema.TEXT_EN));
  }

  /** A document as stored: its source JSON, the mentions found in its text, and that text. */
  public record StoredDoc(String id, String kind, JsonNode source, JsonNode mentions, String text) {}

  boolean tryIncRef() {
    return reader.tryIncRef();
  }

  void decRef() throws IOException {
    reader.decRef();
  }
}
