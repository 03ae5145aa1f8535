package dev.chiptrail.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chiptrail.gazetteer.Entity;
import dev.chiptrail.gazetteer.Gazetteer;
import dev.chiptrail.gazetteer.NameForm;
import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.suggest.InputIterator;
import org.apache.lucene.search.suggest.Lookup;
import org.apache.lucene.search.suggest.fst.WFSTCompletionLookup;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Completions while typing, over every name form of every entity: English, aliases, acronyms, old
 * romanizations, simplified, traditional and other Chinese forms, and pinyin both spaced and joined
 * (之 → 之江实验室, zhij → 之江实验室, Shenz → Shenzhen University, USTC). A weighted FST
 * ({@link WFSTCompletionLookup}) over the normalised forms, weighted by how many documents mention
 * the entity, built once per index version and cached.
 */
public final class Suggester {
  public static final int DEFAULT_SIZE = 8;
  public static final int MAX_SIZE = 50;

  private final Searchers searchers;
  private volatile Built built;

  public Suggester(Searchers searchers) {
    this.searchers = searchers;
  }

  /** One completion: the entity, its labels, and the name form that matched the typed prefix. */
  public record Suggestion(
      String entity, String type, String label, @JsonProperty("label_zh") String labelZh, String form, String text) {}

  public record Suggestions(@JsonProperty("index_version") String indexVersion, String q, List<Suggestion> suggestions) {}

  public Suggestions suggest(String q, int size) throws IOException {
    IndexSnapshot snap = searchers.acquire();
    try {
      return new Suggestions(snap.version(), q, suggest(snap, q, size));
    } finally {
      searchers.release(snap);
    }
  }

  /** Up to {@code size} entities (each once, best first) with a name form starting with {@code q}. */
  public List<Suggestion> suggest(IndexSnapshot snap, String q, int size) throws IOException {
    String key = Gazetteer.key(q == null ? "" : q);
    if (key.isEmpty()) return List.of();
    Built b = built(snap);
    Gazetteer g = snap.gazetteer();
    // Best entity first (by weight); for each, the most readable of its forms that match the prefix.
    Map<String, NameForm> best = new LinkedHashMap<>();
    for (Lookup.LookupResult r : b.lookup.lookup(key, false, Math.max(size * 8, 32))) {
      for (NameForm f : g.forms().getOrDefault(r.key.toString(), List.of())) {
        NameForm had = best.get(f.entityId());
        if (had == null && best.size() >= size) continue;
        if (had == null || FORM_ORDER.indexOf(f.form()) < FORM_ORDER.indexOf(had.form())) best.put(f.entityId(), f);
      }
    }
    List<Suggestion> out = new ArrayList<>();
    for (NameForm f : best.values()) {
      Entity e = g.get(f.entityId()).orElseThrow();
      out.add(new Suggestion(e.id(), e.type(), e.en(), e.labelZh(), f.form(), f.text()));
    }
    return out;
  }

  /** Which form to show when several forms of one entity complete the prefix. */
  private static final List<String> FORM_ORDER = List.of(NameForm.EN, NameForm.ACRONYM, NameForm.ALIAS,
      NameForm.ZH_HANS, NameForm.ZH_HANT, NameForm.ZH_ALIAS, NameForm.OLD_ROMANIZATION, NameForm.PINYIN);

  private record Built(String version, WFSTCompletionLookup lookup) {}

  private Built built(IndexSnapshot snap) throws IOException {
    Built b = built;
    if (b != null && b.version.equals(snap.version())) return b;
    synchronized (this) {
      b = built;
      if (b != null && b.version.equals(snap.version())) return b;
      WFSTCompletionLookup lookup = new WFSTCompletionLookup(new ByteBuffersDirectory(), "suggest", true);
      lookup.build(new Forms(snap));
      b = new Built(snap.version(), lookup);
      built = b;
      return b;
    }
  }

  /** The normalised forms, each weighted by the documents mentioning its best-known entity. */
  private static final class Forms implements InputIterator {
    private final Iterator<Map.Entry<String, List<NameForm>>> it;
    private final IndexSnapshot snap;
    private long weight;

    Forms(IndexSnapshot snap) {
      this.snap = snap;
      this.it = snap.gazetteer().forms().entrySet().iterator();
    }

    @Override
    public BytesRef next() throws IOException {
      while (it.hasNext()) {
        Map.Entry<String, List<NameForm>> e = it.next();
        if (e.getKey().isEmpty()) continue;
        long w = 0;
        for (NameForm f : e.getValue()) {
          w = Math.max(w, snap.searcher().count(new TermQuery(new Term(Schema.MENTIONS, f.entityId()))));
        }
        weight = w + 1;
        return new BytesRef(e.getKey());
      }
      return null;
    }

    @Override
    public long weight() {
      return weight;
    }

    @Override
    public BytesRef payload() {
      return null;
    }

    @Override
    public boolean hasPayloads() {
      return false;
    }

    @Override
    public Set<BytesRef> contexts() {
      return null;
    }

    @Override
    public boolean hasContexts() {
      return false;
    }
  }
}
