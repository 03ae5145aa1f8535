package dev.chiptrail.schema;

import dev.chiptrail.analysis.Analyzers;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.facet.FacetsConfig;

/**
 * The one source of truth for the index: field names, facet dimensions, the {@link FacetsConfig} and
 * the analyzers. The indexer writes with it and every searcher reads with it, so index-time and
 * query-time analysis cannot drift (FacetsConfig's javadoc: the config "must match").
 */
public final class Schema {
  /** Bumped whenever a field, an analyzer or a dimension changes: readers refuse other versions. */
  public static final int VERSION = 3;

  // Identity and kind.
  public static final String ID = "id";
  public static final String KIND = "kind_s";
  public static final String DOCTYPE = "doctype";
  public static final String DOCTYPE_DOC = "doc";
  public static final String DOCTYPE_ENTITY = "entity";
  public static final String SOURCE = "_source";

  // Text: one stored text analysed three ways; the highlighter reads the stored one.
  public static final String TEXT_EN = "text_en";
  public static final String TEXT_ZH = "text_zh";
  public static final String TEXT_CJK = "text_cjk";
  /** Character n-grams without simplified/traditional folding, for exact-script searches. */
  public static final String TEXT_CJK_EXACT = "text_cjk_exact";
  // Name channel: every form of every gazetteer entity the document mentions.
  public static final String NAMES = "names";
  public static final String NAMES_ZH = "names_zh";
  public static final String NAMES_PINYIN = "names_pinyin";
  /** Ids of every entity the document mentions (keyword), for links and "why it matched". */
  public static final String MENTIONS = "mentions";
  /**
   * Ids of the entities a document is about (keyword): a record's buyer, providers, chips, models and
   * intermediary; the entities an article's title names; with their ancestors. A name query ranks
   * these documents above those that only mention the entity.
   */
  public static final String SUBJECTS = "subjects";
  /** The buyer a record is about (keyword): a query naming a buyer shows its record first. */
  public static final String BUYER = "buyer";

  /** Records: the ids of the articles they cite (keyword), so an article finds the records citing it. */
  public static final String CITES = "cites";
  /** SHA-256 of the document's source JSON: an incremental build re-analyses only what changed. */
  public static final String CONTENT_HASH = "content_hash";

  // Numbers for ranges and sorting.
  /** yyyyMMdd of the first day the date can mean (2024-04 → 20240401). */
  public static final String DATE = "date_n";
  public static final String AMOUNT_CNY = "amount_cny";
  public static final String SORT_ID = "id_sort";

  // Facet dimensions, named as the API names its parameters.
  public static final String DIM_KIND = "kind";
  public static final String DIM_PROVIDER = "provider";
  public static final String DIM_CHIP = "chip";
  public static final String DIM_MODEL = "model";
  public static final String DIM_ENTITY_TYPE = "entity_type";
  public static final String DIM_ENTITY = "entity";
  public static final String DIM_INTERMEDIARY = "intermediary";
  public static final String DIM_LANGUAGE = "language";
  public static final String DIM_OUTLET = "outlet";
  public static final String DIM_STATUS = "status";
  public static final String DIM_LIST = "list";
  public static final String DIM_YEAR = "year";
  public static final String DIM_MONTH = "month";

  /** The dimensions a client filters and counts by, in display order. */
  public static final List<String> FILTER_DIMS = List.of(
      DIM_KIND, DIM_PROVIDER, DIM_CHIP, DIM_MODEL, DIM_ENTITY_TYPE, DIM_ENTITY, DIM_INTERMEDIARY,
      DIM_LANGUAGE, DIM_OUTLET, DIM_STATUS, DIM_LIST);
  public static final List<String> DATE_DIMS = List.of(DIM_YEAR, DIM_MONTH);

  /** Value used for the provider dimension when a record names no provider. */
  public static final String UNSPECIFIED = "unspecified";

  public static final String COMMIT_SCHEMA_VERSION = "chiptrail.schema_version";
  public static final String COMMIT_DATA_CHECKSUM = "chiptrail.data_checksum";
  public static final String COMMIT_BUILT_AT = "chiptrail.built_at";
  public static final String COMMIT_COUNTS = "chiptrail.counts";
  /** SHA-256 of the gazetteer: mentions depend on it, so a changed gazetteer means a full build. */
  public static final String COMMIT_GAZETTEER = "chiptrail.gazetteer_checksum";
  /** JSON: story id → its versions, for the stories of more than one article (see index.Stories). */
  public static final String COMMIT_STORIES = "chiptrail.stories";

  private static final FacetsConfig FACETS = buildFacetsConfig();

  private Schema() {}

  private static FacetsConfig buildFacetsConfig() {
    FacetsConfig c = new FacetsConfig();
    for (String dim : FILTER_DIMS) {
      c.setMultiValued(dim, true);
    }
    c.setMultiValued(DIM_YEAR, false);
    c.setMultiValued(DIM_MONTH, false);
    return c;
  }

  public static FacetsConfig facetsConfig() {
    return FACETS;
  }

  /** The analyzer for writing documents (and for the highlighter's re-analysis). */
  public static Analyzer indexAnalyzer() {
    return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(
        TEXT_EN, Analyzers.english(),
        TEXT_ZH, Analyzers.chineseWords(),
        TEXT_CJK, Analyzers.chineseGrams(),
        TEXT_CJK_EXACT, Analyzers.chineseGramsExactScript(true),
        NAMES, Analyzers.latinNames(),
        NAMES_PINYIN, Analyzers.latinNames(),
        NAMES_ZH, Analyzers.chineseGrams()));
  }

  /** Query-time analysis: the same chains, but Chinese n-grams as bigrams only (a phrase of pairs). */
  public static Analyzer queryAnalyzer() {
    return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(
        TEXT_EN, Analyzers.english(),
        TEXT_ZH, Analyzers.chineseWords(),
        TEXT_CJK, Analyzers.chineseBigramsQuery(),
        TEXT_CJK_EXACT, Analyzers.chineseGramsExactScript(false),
        NAMES, Analyzers.latinNames(),
        NAMES_PINYIN, Analyzers.latinNames(),
        NAMES_ZH, Analyzers.chineseBigramsQuery()));
  }
}
