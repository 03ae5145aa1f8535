package dev.chiptrail.search;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * The links of a document, in both directions: an article's story and its other versions, the records
 * that cite it and the entities it mentions; a record's source articles and its entities. Computed
 * from the live snapshot (stories from its commit data, citing records from the records' {@code cites}
 * terms) so that they are right after an incremental build that changed only the other side.
 */
public final class DocumentLinks {
  /** A document's links; {@code story} and {@code otherVersions} are null for records. */
  public record Links(String story, List<String> otherVersions, List<String> records, List<String> sources,
      List<String> entities) {}

  private static final Map<String, Map<String, List<String>>> STORIES = java.util.Collections.synchronizedMap(
      new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, List<String>>> eldest) {
          return size() > 4;
        }
      });

  private DocumentLinks() {}

  /** Article id → every version of its story (itself included), for stories of several versions. */
  static Map<String, List<String>> versionsByArticle(IndexSnapshot snap) {
    return STORIES.computeIfAbsent(snap.generation() + "#" + snap.version(), k -> {
      String json = snap.commitData().get(Schema.COMMIT_STORIES);
      Map<String, List<String>> byArticle = new HashMap<>();
      if (json == null) return byArticle;
      try {
        Map<String, List<String>> stories = Json.OUT.readValue(json, new TypeReference<Map<String, List<String>>>() {});
        stories.values().forEach(v -> v.forEach(id -> byArticle.put(id, List.copyOf(v))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return byArticle;
    });
  }

  /** The story of an article: the smallest id among its versions (its own id when it has none). */
  public static String storyOf(IndexSnapshot snap, String articleId) {
    List<String> v = versionsByArticle(snap).get(articleId);
    return v == null ? articleId : v.get(0);
  }

  /** The other versions of an article's story, sorted by id; empty when it has none. */
  public static List<String> otherVersions(IndexSnapshot snap, String articleId) {
    List<String> v = versionsByArticle(snap).get(articleId);
    if (v == null) return List.of();
    List<String> out = new ArrayList<>(v);
    out.remove(articleId);
    return out;
  }

  public static Links of(IndexSnapshot snap, IndexSnapshot.StoredDoc d) throws IOException {
    Set<String> entities = new LinkedHashSet<>();
    for (JsonNode m : d.mentions()) entities.add(m.path("entity").asText());
    if ("record".equals(d.kind())) {
      List<String> sources = new ArrayList<>();
      for (JsonNode s : d.source().path("sources")) sources.add(s.asText());
      return new Links(null, null, null, sources, List.copyOf(entities));
    }
    return new Links(storyOf(snap, d.id()), otherVersions(snap, d.id()), citing(snap, d.id()), null, List.copyOf(entities));
  }

  /** Ids of the records that cite an article, sorted. */
  public static List<String> citing(IndexSnapshot snap, String articleId) throws IOException {
    BooleanQuery q = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(Schema.CITES, articleId)), Occur.FILTER)
        .add(new TermQuery(new Term(Schema.DOCTYPE, Schema.DOCTYPE_DOC)), Occur.FILTER)
        .build();
    int n = snap.searcher().count(q);
    if (n == 0) return List.of();
    StoredFields stored = snap.searcher().storedFields();
    List<String> out = new ArrayList<>();
    for (ScoreDoc sd : snap.searcher().search(q, n).scoreDocs) out.add(stored.document(sd.doc, Set.of(Schema.ID)).get(Schema.ID));
    out.sort(null);
    return out;
  }
}
