package dev.chiptrail.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.chiptrail.gazetteer.Entity;
import dev.chiptrail.gazetteer.Gazetteer;
import dev.chiptrail.gazetteer.Listing;
import dev.chiptrail.gazetteer.Mention;
import dev.chiptrail.gazetteer.NameForm;
import dev.chiptrail.ingest.Article;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.ingest.PartialDate;
import dev.chiptrail.ingest.Record;
import dev.chiptrail.ingest.Vocabulary;
import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/** Turns a parsed {@link Record}, {@link Article} or {@link Entity} into its Lucene document. */
public final class DocumentBuilder {
  /** Analysed with offsets in the postings, so the highlighter need not re-analyse. */
  private static final FieldType TEXT_WITH_OFFSETS = textType(false);
  private static final FieldType STORED_TEXT_WITH_OFFSETS = textType(true);
  /**
   * One term per mention, frequencies and norms kept: an article that keeps naming 之江实验室 ranks
   * above an overview that names it once among twenty other entities (BM25 on the mention counts).
   */
  private static final FieldType MENTION_TYPE = mentionType();
  /** Stored JSON of the mentions: entity, form, text, offsets into the stored text. */
  public static final String MENTIONS_JSON = "mentions_json";
  /** Stored JSON of the facet values: dimension → values, as the hits show them. */
  public static final String FACETS_JSON = "facets_json";
  /** Entity docs carry their id here, apart from the document id space. */
  public static final String ENTITY_ID = "entity_id";

  private final Gazetteer gazetteer;
  private final FacetsConfig facets = Schema.facetsConfig();
  private final NameTokens nameTokens = new NameTokens(Schema.indexAnalyzer());

  public DocumentBuilder(Gazetteer gazetteer) {
    this.gazetteer = gazetteer;
  }

  private static FieldType textType(boolean stored) {
    FieldType t = new FieldType(TextField.TYPE_NOT_STORED);
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    t.setStored(stored);
    t.freeze();
    return t;
  }

  private static FieldType mentionType() {
    FieldType t = new FieldType();
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    t.setTokenized(false);
    t.setOmitNorms(false);
    t.freeze();
    return t;
  }

  public Document record(Record r) {
    String text = r.text();
    List<Mention> mentions = gazetteer.findMentions(text);
    Set<String> ids = new LinkedHashSet<>();
    ids.add(r.entity());
    ids.addAll(r.providers());
    ids.addAll(r.chips());
    ids.addAll(r.models());
    if (r.intermediary() != null) ids.add(r.intermediary());
    r.restrictions().forEach(l -> ids.add(l.list()));
    Set<String> subjects = new LinkedHashSet<>(ids);
    mentions.forEach(m -> ids.add(m.entity()));

    Document doc = base(r.id(), "record", text, ids, subjects, mentions, Json.OUT.valueToTree(r).toString());
    doc.add(new StringField(Schema.BUYER, r.entity(), Field.Store.NO));
    r.sources().forEach(a -> doc.add(new StringField(Schema.CITES, a, Field.Store.NO)));
    facet(doc, Schema.DIM_ENTITY, r.entity());
    gazetteer.get(r.entity()).ifPresent(e -> facet(doc, Schema.DIM_ENTITY_TYPE, e.type()));
    if (r.providers().isEmpty()) facet(doc, Schema.DIM_PROVIDER, Schema.UNSPECIFIED);
    r.providers().forEach(p -> facet(doc, Schema.DIM_PROVIDER, p));
    r.chips().forEach(c -> facet(doc, Schema.DIM_CHIP, c));
    r.models().forEach(m -> facet(doc, Schema.DIM_MODEL, m));
    if (r.intermediary() != null) facet(doc, Schema.DIM_INTERMEDIARY, r.intermediary());
    facet(doc, Schema.DIM_STATUS, r.status());
    for (Listing l : r.restrictions()) facet(doc, Schema.DIM_LIST, l.list());
    facet(doc, Schema.DIM_LANGUAGE, "en");
    if (r.summaryZh() != null || r.titleZh() != null) facet(doc, Schema.DIM_LANGUAGE, "zh-Hans");
    date(doc, r.partialDate());
    if (r.amount() != null && r.amount().cny() != null) {
      doc.add(new LongPoint(Schema.AMOUNT_CNY, r.amount().cny()));
      doc.add(new NumericDocValuesField(Schema.AMOUNT_CNY, r.amount().cny()));
    }
    return build(doc);
  }

  public Document article(Article a) {
    String text = a.text();
    List<Mention> mentions = gazetteer.findMentions(text);
    Set<String> ids = new LinkedHashSet<>();
    mentions.forEach(m -> ids.add(m.entity()));
    Set<String> subjects = new LinkedHashSet<>();
    if (a.title() != null) gazetteer.findMentions(a.title()).forEach(m -> subjects.add(m.entity()));
    Document doc = base(a.id(), "article", text, ids, subjects, mentions, Json.OUT.valueToTree(a).toString());
    for (String id : ids) {
      Entity e = gazetteer.get(id).orElseThrow();
      String dim = switch (e.type()) {
        case "cloud_provider" -> Schema.DIM_PROVIDER;
        case "chip" -> Schema.DIM_CHIP;
        case "model" -> Schema.DIM_MODEL;
        case "intermediary" -> Schema.DIM_INTERMEDIARY;
        case "restriction_list" -> Schema.DIM_LIST;
        default -> Vocabulary.BUYER_TYPES.contains(e.type()) ? Schema.DIM_ENTITY : null;
      };
      if (dim == null) continue;
      facet(doc, dim, id);
      if (dim.equals(Schema.DIM_ENTITY)) facet(doc, Schema.DIM_ENTITY_TYPE, e.type());
    }
    facet(doc, Schema.DIM_LANGUAGE, a.language());
    if (a.outlet() != null && !a.outlet().isBlank()) facet(doc, Schema.DIM_OUTLET, a.outlet().strip());
    date(doc, a.partialDate());
    return build(doc);
  }

  /** What an incremental build compares: a hash of everything a record's document is made from. */
  public static String contentHash(Record r) {
    return sha256(Json.OUT.valueToTree(r).toString());
  }

  public static String contentHash(Article a) {
    return sha256(Json.OUT.valueToTree(a).toString());
  }

  static String sha256(String s) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An entity, searchable by its names for the entity look-up; never a search hit. */
  public Document entity(Entity e) {
    Document doc = new Document();
    doc.add(new StringField(Schema.DOCTYPE, Schema.DOCTYPE_ENTITY, Field.Store.NO));
    doc.add(new StringField(ENTITY_ID, e.id(), Field.Store.YES));
    doc.add(new StoredField(Schema.SOURCE, Json.OUT.valueToTree(e).toString()));
    names(doc, e);
    return doc;
  }

  private Document base(String id, String kind, String text, Set<String> mentionIds, Set<String> subjects,
      List<Mention> mentions, String source) {
    Document doc = new Document();
    doc.add(new StringField(Schema.DOCTYPE, Schema.DOCTYPE_DOC, Field.Store.NO));
    doc.add(new StringField(Schema.ID, id, Field.Store.YES));
    doc.add(new SortedDocValuesField(Schema.SORT_ID, new BytesRef(id)));
    doc.add(new StringField(Schema.KIND, kind, Field.Store.YES));
    doc.add(new StoredField(Schema.SOURCE, source));
    doc.add(new StoredField(Schema.CONTENT_HASH, sha256(source)));
    try {
      doc.add(new StoredField(MENTIONS_JSON, Json.OUT.writeValueAsString(mentions)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    doc.add(new Field(Schema.TEXT_EN, text, STORED_TEXT_WITH_OFFSETS));
    doc.add(new Field(Schema.TEXT_ZH, text, TEXT_WITH_OFFSETS));
    doc.add(new Field(Schema.TEXT_CJK, text, TEXT_WITH_OFFSETS));
    doc.add(new Field(Schema.TEXT_CJK_EXACT, text, TEXT_WITH_OFFSETS));
    for (String m : withAncestors(mentionIds)) {
      doc.add(new Field(Schema.MENTIONS, m, MENTION_TYPE));
      gazetteer.get(m).ifPresent(e -> names(doc, e));
    }
    // Each further occurrence adds to the frequency of the entity (and of its ancestors).
    for (Mention m : mentions) {
      for (String e : withAncestors(Set.of(m.entity()))) doc.add(new Field(Schema.MENTIONS, e, MENTION_TYPE));
    }
    for (String s : withAncestors(subjects)) doc.add(new StringField(Schema.SUBJECTS, s, Field.Store.NO));
    facet(doc, Schema.DIM_KIND, kind);
    return doc;
  }

  /** A mention of USTC's Suzhou institute is also a mention of USTC, and one of the A100 of Nvidia. */
  private Set<String> withAncestors(Set<String> ids) {
    Set<String> out = new LinkedHashSet<>(ids);
    for (String id : ids) {
      String p = gazetteer.get(id).map(Entity::parent).orElse(null);
      for (int depth = 0; p != null && depth < 8 && out.add(p); depth++) {
        p = gazetteer.get(p).map(Entity::parent).orElse(null);
      }
    }
    return out;
  }

  /** The name channel: every form of the entity's name, Latin, Han and pinyin apart. */
  private void names(Document doc, Entity e) {
    for (NameForm f : e.nameForms()) {
      switch (f.form()) {
        case NameForm.PINYIN -> {
          name(doc, Schema.NAMES_PINYIN, f.text());
          name(doc, Schema.NAMES_PINYIN, f.text().replace(" ", ""));
        }
        case NameForm.ZH_HANS, NameForm.ZH_HANT, NameForm.ZH_ALIAS -> name(doc, Schema.NAMES_ZH, f.text());
        default -> name(doc, Schema.NAMES, f.text());
      }
    }
  }

  private void name(Document doc, String field, String text) {
    doc.add(new Field(field, nameTokens.stream(field, text), TEXT_WITH_OFFSETS));
  }

  private static void date(Document doc, PartialDate d) {
    if (d == null) return;
    doc.add(new IntPoint(Schema.DATE, d.firstDay()));
    doc.add(new NumericDocValuesField(Schema.DATE, d.firstDay()));
    doc.add(new SortedSetDocValuesFacetField(Schema.DIM_YEAR, d.yearKey()));
    if (d.monthKey() != null) doc.add(new SortedSetDocValuesFacetField(Schema.DIM_MONTH, d.monthKey()));
  }

  private static void facet(Document doc, String dim, String value) {
    if (value != null && !value.isBlank()) doc.add(new SortedSetDocValuesFacetField(dim, value));
  }

  private Document build(Document doc) {
    java.util.Map<String, java.util.Set<String>> values = new java.util.LinkedHashMap<>();
    for (var f : doc.getFields()) {
      if (f instanceof SortedSetDocValuesFacetField ff && Schema.FILTER_DIMS.contains(ff.dim)) {
        values.computeIfAbsent(ff.dim, k -> new LinkedHashSet<>()).add(ff.path[0]);
      }
    }
    try {
      doc.add(new StoredField(FACETS_JSON, Json.OUT.writeValueAsString(values)));
      return facets.build(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
