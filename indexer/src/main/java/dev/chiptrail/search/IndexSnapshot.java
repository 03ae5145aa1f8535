package dev.chiptrail.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chiptrail.gazetteer.Entity;
import dev.chiptrail.gazetteer.Gazetteer;
import dev.chiptrail.index.DocumentBuilder;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.IndexNotFoundException;
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
   * merging, so a flipped byte would otherwise surface as a wrong hit or a failed request later), and
   * the document count the build recorded.
   */
  private static void verify(Path generation, DirectoryReader reader) throws IndexUnavailableException, IOException {
    try {
      for (LeafReaderContext leaf : reader.leaves()) leaf.reader().checkIntegrity();
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
