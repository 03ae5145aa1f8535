package dev.chiptrail.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chiptrail.gazetteer.Gazetteer;
import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * One whole document with its links: a record's entity, intermediary, providers, chips, models,
 * restriction lists and source articles; an article's mentioned entities, the records citing it and
 * its syndicated copies (other versions of the same story). Knows nothing of HTTP.
 */
public final class DocService {
  private final Searchers searchers;
  /** Article → citing records and story → versions, computed once per index version. */
  private volatile Backlinks backlinks;

  public DocService(Searchers searchers) {
    this.searchers = searchers;
  }

  /** A document and its links, as {@code /api/docs/{id}} returns it. */
  public record DocResult(
      @JsonProperty("index_version") String indexVersion,
      String id,
      String kind,
      JsonNode document,
      Map<String, Object> links) {}

  /** A mentioned entity: who, how often, and the forms the text uses. */
  public record Mentioned(EntityRef entity, int count, List<String> forms) {}

  public DocResult get(String id) throws IOException {
    IndexSnapshot snap = searchers.acquire();
    try {
      IndexSnapshot.StoredDoc d = snap.find(id);
      if (d == null) throw new NotFoundException("document", id);
      Gazetteer g = snap.gazetteer();
      JsonNode src = d.source();
      Map<String, Object> links = new LinkedHashMap<>();
      Backlinks b = backlinks(snap);
      if ("record".equals(d.kind())) {
        links.put("entity", EntityRef.of(g, DocRef.text(src, "entity")));
        Map<String, Object> inter = null;
        if (src.hasNonNull("intermediary")) {
          inter = new LinkedHashMap<>();
          inter.put("entity", EntityRef.of(g, src.get("intermediary").asText()));
          inter.put("role", DocRef.text(src, "intermediary_role"));
        }
        links.put("intermediary", inter);
        links.put("providers", refs(g, src.path("providers")));
        links.put("chips", refs(g, src.path("chips")));
        links.put("models", refs(g, src.path("models")));
        List<Map<String, Object>> lists = new ArrayList<>();
        for (JsonNode l : src.path("restrictions")) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("list", EntityRef.of(g, l.path("list").asText()));
          m.put("since", DocRef.text(l, "since"));
          m.put("scope", DocRef.text(l, "scope"));
          lists.add(m);
        }
        links.put("restrictions", lists);
        List<DocRef> sources = new ArrayList<>();
        for (JsonNode s : src.path("sources")) {
          IndexSnapshot.StoredDoc a = snap.find(s.asText());
          sources.add(a == null ? new DocRef(s.asText(), null, null, null, null, null, null) : DocRef.of(a));
        }
        links.put("sources", sources);
      } else {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, List<String>> forms = new HashMap<>();
        for (JsonNode m : d.mentions()) {
          String e = m.path("entity").asText();
          counts.computeIfAbsent(e, k -> new int[1])[0]++;
          List<String> fs = forms.computeIfAbsent(e, k -> new ArrayList<>());
          String t = m.path("text").asText();
          if (!fs.contains(t)) fs.add(t);
        }
        List<Mentioned> entities = new ArrayList<>();
        counts.forEach((e, n) -> entities.add(new Mentioned(EntityRef.of(g, e), n[0], forms.get(e))));
        links.put("entities", entities);
        List<DocRef> records = new ArrayList<>();
        for (String r : b.recordsCiting.getOrDefault(id, List.of())) records.add(DocRef.of(snap.find(r)));
        links.put("records", records);
        List<DocRef> copies = new ArrayList<>();
        String story = b.storyOf.get(id);
        if (story != null) {
          for (String other : b.versions.getOrDefault(story, List.of())) {
            if (!other.equals(id)) copies.add(DocRef.of(snap.find(other)));
          }
        }
        links.put("story", story);
        links.put("syndicated", copies);
      }
      return new DocResult(snap.version(), d.id(), d.kind(), src, links);
    } finally {
      searchers.release(snap);
    }
  }

  private static List<EntityRef> refs(Gazetteer g, JsonNode ids) {
    List<EntityRef> out = new ArrayList<>();
    for (JsonNode id : ids) out.add(EntityRef.of(g, id.asText()));
    return out;
  }

  private record Backlinks(String version, Map<String, List<String>> recordsCiting,
      Map<String, String> storyOf, Map<String, List<String>> versions) {}

  private Backlinks backlinks(IndexSnapshot snap) throws IOException {
    Backlinks b = backlinks;
    if (b != null && b.version.equals(snap.version())) return b;
    Map<String, List<String>> citing = new HashMap<>();
    Map<String, String> storyOf = new HashMap<>();
    Map<String, List<String>> versions = new HashMap<>();
    TermQuery all = new TermQuery(new Term(Schema.DOCTYPE, Schema.DOCTYPE_DOC));
    int n = Math.max(1, snap.searcher().count(all));
    for (ScoreDoc sd : snap.searcher().search(all, n).scoreDocs) {
      IndexSnapshot.StoredDoc d = snap.load(sd.doc);
      if ("record".equals(d.kind())) {
        for (JsonNode s : d.source().path("sources")) citing.computeIfAbsent(s.asText(), k -> new ArrayList<>()).add(d.id());
      } else {
        String story = DocRef.text(d.source(), "story");
        if (story != null) {
          storyOf.put(d.id(), story);
          versions.computeIfAbsent(story, k -> new ArrayList<>()).add(d.id());
        }
      }
    }
    citing.values().forEach(l -> l.sort(null));
    versions.values().forEach(l -> l.sort(null));
    b = new Backlinks(snap.version(), citing, storyOf, versions);
    backlinks = b;
    return b;
  }
}
