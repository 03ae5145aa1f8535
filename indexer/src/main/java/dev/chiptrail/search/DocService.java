package dev.chiptrail.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chiptrail.gazetteer.Gazetteer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One whole document with its links: a record's entity, intermediary, providers, chips, models,
 * restriction lists and source articles; an article's mentioned entities, the records citing it and
 * its syndicated copies (other versions of the same story). Knows nothing of HTTP.
 */
public final class DocService {
  private final Searchers searchers;
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
        for (String r : DocumentLinks.citing(snap, d.id())) records.add(DocRef.of(snap.find(r)));
        links.put("records", records);
        List<DocRef> copies = new ArrayList<>();
        for (String other : DocumentLinks.otherVersions(snap, d.id())) copies.add(DocRef.of(snap.find(other)));
        links.put("story", DocumentLinks.storyOf(snap, d.id()));
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
}
