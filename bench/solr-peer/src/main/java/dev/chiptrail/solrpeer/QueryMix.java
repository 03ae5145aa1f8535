package dev.chiptrail.solrpeer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.solr.client.solrj.SolrQuery;

/**
 * chiptrail's fixed query mix (indexer/src/main/resources/bench/queries-v1.json) as Solr requests:
 * every query asks for the top {@code size} (10) and counts the four facets (provider, chip,
 * entity_type, year; facet.limit 10). Text goes to edismax over text_en, text_zh and text_cjk with
 * every whitespace-separated word required (chiptrail ANDs the words of a query), boosted as chiptrail weighs those
 * fields; an empty query is match-all; each filtered dimension is one fq of its values OR-ed (a
 * multi-select drill-down); date ranges are an fq on date_n; sorts are on date_n / amount_cny; deep
 * paging uses cursorMark. Suggest queries are skipped: Solr's suggester is another component.
 */
final class QueryMix {
  static final List<String> FACETS = List.of("provider", "chip", "entity_type", "year");
  /** chiptrail's QueryCompiler weighs English words 1.5, smartcn words 3, CJK n-grams 1. */
  static final String QF = "text_en^1.5 text_zh^3 text_cjk";

  record Query(String cls, SolrQuery solr, int pages, String describe) {}

  final String version;
  final List<Query> queries = new ArrayList<>();
  final List<String> skipped = new ArrayList<>();

  private QueryMix(String version) {
    this.version = version;
  }

  static QueryMix load(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readString(file));
    QueryMix mix = new QueryMix(root.path("version").asText("unknown"));
    for (JsonNode q : root.path("queries")) {
      String cls = q.path("class").asText();
      if (cls.equals("suggest")) {
        mix.skipped.add("suggest \"" + q.path("prefix").asText() + "\"");
        continue;
      }
      mix.queries.add(new Query(cls, toSolr(q), q.path("pages").asInt(1), q.toString()));
    }
    if (mix.queries.isEmpty()) throw new IOException(file + ": no queries");
    return mix;
  }

  static SolrQuery toSolr(JsonNode q) {
    SolrQuery s = new SolrQuery();
    String text = q.path("q").asText("").strip();
    if (text.isEmpty()) {
      s.setQuery("*:*");
    } else {
      s.set("defType", "edismax");
      s.setQuery(text);
      s.set("qf", QF);
      s.set("q.op", "AND");
      // Word by word, as chiptrail's QueryCompiler: each whitespace-separated word is analysed per
      // field and must match in one of them. (sow=false aligns the fields' tokens by position, which
      // pairs unrelated smartcn words and bigrams when the fields tokenize differently.)
      s.set("sow", "true");
    }
    for (Map.Entry<String, JsonNode> f : q.path("filters").properties()) {
      List<String> vs = new ArrayList<>();
      f.getValue().forEach(v -> vs.add(v.asText()));
      s.addFilterQuery("{!terms f=" + f.getKey() + "}" + String.join(",", vs));
    }
    String from = q.path("from").asText(null);
    String to = q.path("to").asText(null);
    if (from != null || to != null) {
      s.addFilterQuery("date_n:[" + (from == null ? "*" : Corpus.firstDay(from)) + " TO " + (to == null ? "*" : Corpus.lastDay(to)) + "]");
    }
    int pages = q.path("pages").asInt(1);
    String sort = q.path("sort").asText("relevance");
    switch (sort) {
      case "relevance" -> {
        if (pages > 1) s.addSort("score", SolrQuery.ORDER.desc);
      }
      case "date", "-date" -> s.addSort("date_n", sort.startsWith("-") ? SolrQuery.ORDER.desc : SolrQuery.ORDER.asc);
      case "amount", "-amount" -> s.addSort("amount_cny", sort.startsWith("-") ? SolrQuery.ORDER.desc : SolrQuery.ORDER.asc);
      default -> throw new IllegalArgumentException("unknown sort " + sort);
    }
    if (pages > 1) s.addSort("id", SolrQuery.ORDER.asc); // cursorMark needs the unique key last
    s.setRows(q.path("size").asInt(10));
    s.setFields("id", "title", "score");
    s.setFacet(true);
    s.addFacetField(FACETS.toArray(String[]::new));
    s.setFacetLimit(10);
    s.setFacetMinCount(1);
    return s;
  }
}
