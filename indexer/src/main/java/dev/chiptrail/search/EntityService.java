package dev.chiptrail.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chiptrail.gazetteer.Entity;
import dev.chiptrail.gazetteer.Gazetteer;
import dev.chiptrail.gazetteer.Listing;
import dev.chiptrail.gazetteer.NameForm;
import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;

/**
 * Entity profiles (every name by form, type, parent, restriction-list status, counts by facet of the
 * documents that mention it, its records and articles) and the look-up of entities by any name form.
 */
public final class EntityService {
  private final Searchers searchers;
  private final Suggester suggester;

  public EntityService(Searchers searchers, Suggester suggester) {
    this.searchers = searchers;
    this.suggester = suggester;
  }

  /** A restriction-list membership with the list's labels. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ListStatus(EntityRef list, String since, String scope) {}

  public record Profile(
      @JsonProperty("index_version") String indexVersion,
      String id,
      String type,
      String label,
      @JsonProperty("label_zh") String labelZh,
      String description,
      /** Form (en, alias, acronym, old_romanization, zh-Hans, zh-Hant, zh-alias, pinyin) → names. */
      Map<String, List<String>> names,
      EntityRef parent,
      List<EntityRef> children,
      boolean restricted,
      List<ListStatus> lists,
      Map<String, List<FacetValue>> counts,
      List<DocRef> records,
      List<DocRef> articles) {}

  /** An entity found by a name form, with the form that matched. */
  public record Match(EntityRef entity, String form, String text, boolean exact) {}

  public record Matches(@JsonProperty("index_version") String indexVersion, String q, List<Match> entities) {}

  public Profile profile(String id) throws IOException {
    IndexSnapshot snap = searchers.acquire();
    try {
      Gazetteer g = snap.gazetteer();
      Entity e = g.get(id).orElseThrow(() -> new NotFoundException("entity", id));
      Map<String, List<String>> names = new LinkedHashMap<>();
      for (NameForm f : e.nameForms()) names.computeIfAbsent(f.form(), k -> new ArrayList<>()).add(f.text());
      List<EntityRef> children = g.entities().stream().filter(c -> id.equals(c.parent())).map(c -> EntityRef.of(g, c.id())).toList();
      List<ListStatus> lists = new ArrayList<>();
      for (Listing l : e.lists()) lists.add(new ListStatus(EntityRef.of(g, l.list()), l.since(), l.scope()));

      Query mentions = new BooleanQuery.Builder()
          .add(new TermQuery(new Term(Schema.MENTIONS, id)), Occur.FILTER)
          .add(new TermQuery(new Term(Schema.DOCTYPE, Schema.DOCTYPE_DOC)), Occur.FILTER)
          .build();
      int n = Math.max(1, snap.searcher().count(mentions));
      Sort byDate = new Sort(dateDesc(), new SortField(Schema.SORT_ID, SortField.Type.STRING));
      FacetsCollectorManager.FacetsResult fr = FacetsCollectorManager.search(snap.searcher(), mentions, n, byDate, new FacetsCollectorManager());
      Map<String, List<FacetValue>> counts = counts(snap, fr.facetsCollector());
      List<DocRef> records = new ArrayList<>();
      List<DocRef> articles = new ArrayList<>();
      for (ScoreDoc sd : fr.topDocs().scoreDocs) {
        IndexSnapshot.StoredDoc d = snap.load(sd.doc);
        ("record".equals(d.kind()) ? records : articles).add(DocRef.of(d));
      }
      return new Profile(snap.version(), e.id(), e.type(), e.en(), e.labelZh(), e.description(), names,
          EntityRef.of(g, e.parent()), children, !lists.isEmpty(), lists, counts, records, articles);
    } finally {
      searchers.release(snap);
    }
  }

  private static SortField dateDesc() {
    return SearchService.dateField(true);
  }

  private static Map<String, List<FacetValue>> counts(IndexSnapshot snap, FacetsCollector fc) throws IOException {
    SortedSetDocValuesFacetCounts facets = new SortedSetDocValuesFacetCounts(snap.facetState(), fc);
    FacetLabels labels = new FacetLabels(snap.gazetteer());
    Map<String, List<FacetValue>> out = new LinkedHashMap<>();
    for (String dim : Schema.FILTER_DIMS) {
      FacetResult r;
      try {
        r = facets.getTopChildren(SearchService.FACET_SIZE, dim);
      } catch (IllegalArgumentException e) {
        r = null; // the dimension has no value in this index
      }
      List<FacetValue> values = new ArrayList<>();
      if (r != null) for (LabelAndValue lv : r.labelValues) values.add(labels.label(dim, lv.label).withCount(lv.value.intValue()));
      out.put(dim, values);
    }
    return out;
  }

  /**
   * Entities with a name form written like {@code q} (exact, after normalisation), then those with a
   * form that begins with it. A blank q lists every entity.
   */
  public Matches find(String q, int size) throws IOException {
    IndexSnapshot snap = searchers.acquire();
    try {
      Gazetteer g = snap.gazetteer();
      List<Match> out = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      if (q == null || q.isBlank()) {
        for (Entity e : g.entities()) {
          if (out.size() >= size) break;
          out.add(new Match(EntityRef.of(g, e.id()), NameForm.EN, e.en(), false));
        }
        return new Matches(snap.version(), "", out);
      }
      for (NameForm f : g.lookup(q)) {
        if (out.size() < size && seen.add(f.entityId())) out.add(new Match(EntityRef.of(g, f.entityId()), f.form(), f.text(), true));
      }
      for (Suggester.Suggestion s : suggester.suggest(snap, q, size)) {
        if (out.size() < size && seen.add(s.entity())) out.add(new Match(EntityRef.of(g, s.entity()), s.form(), s.text(), false));
      }
      return new Matches(snap.version(), q, out);
    } finally {
      searchers.release(snap);
    }
  }
}
