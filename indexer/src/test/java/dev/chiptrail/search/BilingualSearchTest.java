package dev.chiptrail.search;

import static dev.chiptrail.search.ShippedIndex.ids;
import static dev.chiptrail.search.ShippedIndex.search;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chiptrail.gazetteer.NameForm;
import dev.chiptrail.gazetteer.Romanizations;
import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.QueryBuilder;
import org.junit.jupiter.api.Test;

/** The bilingual name search over the shipped data, one behaviour of the issue per test. */
class BilingualSearchTest {
  static final String ZL = "rec-zhejiang-lab-2024-04", SZU = "rec-shenzhen-university-2024-03",
      SCU = "rec-sichuan-university-2024-04", TS = "rec-tsinghua-university-2023-11",
      FJ = "rec-fujian-chuanzheng-2023-08", CA = "rec-changan-automobile-2023-05", EDA = "rec-eda-innovation-center-2024-04",
      USTCS = "rec-ustc-suzhou-institute-2024-03", SUS = "rec-sustech-2024-04", CNKI = "rec-cnki-undated";
  static final String ZL_NOTICE_HANS = "2024-04-26-zhejiang-lab-aws-notice-zh-hans",
      OVERVIEW_HANT = "2024-08-24-cloud-loophole-overview-zh-hant", HK_HANT = "2024-08-25-shenzhen-zhejiang-hk-zh-hant",
      ZL_GEOGPT_EN = "2024-08-27-zhejiang-lab-geogpt-en", TS_HANS = "2024-08-30-tsinghua-a100-rental-zh-hans",
      ENTITY_LIST_HANT = "2024-09-03-entity-list-universities-zh-hant", EXPLAINER_EN = "a100-rentals-explainer-en",
      SZU_NOTICE_HANS = "2024-03-29-shenzhen-university-aws-notice-zh-hans", SZU_EN = "2024-08-26-shenzhen-university-yunda-en",
      CHIP_RULES_HANT = "2024-08-31-us-chip-rules-zh-hant";

  private static String first(String q) throws IOException {
    List<String> ids = ids(q);
    assertFalse(ids.isEmpty(), "'" + q + "' found nothing");
    return ids.get(0);
  }

  private static void assertFinds(String q, String... expected) throws IOException {
    List<String> ids = ids(q);
    for (String id : expected) assertTrue(ids.contains(id), "'" + q + "' should find " + id + "; found " + ids);
  }

  // Simplified <-> traditional.

  @Test
  void traditionalQueryFindsSimplifiedRecord() throws IOException {
    assertEquals(ZL, first("之江實驗室"));
    assertFinds("之江實驗室", ZL_NOTICE_HANS);
  }

  @Test
  void simplifiedQueryFindsTraditionalArticle() throws IOException {
    assertEquals(ZL, first("之江实验室"));
    assertFinds("之江实验室", OVERVIEW_HANT, HK_HANT);
  }

  @Test
  void tsinghuaInEitherScriptFindsTheSameDocuments() throws IOException {
    assertEquals(Set.copyOf(ids("清华大学")), Set.copyOf(ids("清華大學")));
    assertEquals(TS, first("清華大學"));
    assertFinds("清华大学", ENTITY_LIST_HANT);
  }

  @Test
  void yundaInEitherScriptFindsTheSameDocuments() throws IOException {
    assertEquals(Set.copyOf(ids("运达科技")), Set.copyOf(ids("運達科技")));
    assertFinds("运达科技", SZU, HK_HANT, SZU_NOTICE_HANS);
  }

  // Unknown names, short queries.

  @Test
  void shortNamesTheSegmenterSplitsAreFound() throws IOException {
    // 之江 is no gazetteer name: the tender notice that keeps repeating it may rank above the record.
    assertTrue(ids("之江").subList(0, 2).contains(ZL), ids("之江").toString());
    assertFinds("运达", SZU, SZU_NOTICE_HANS);
    assertFinds("運達", SZU, HK_HANT);
  }

  @Test
  void oneCharacterQueryFindsTheTextsThatContainIt() throws IOException {
    SearchResult r = search("之");
    assertFalse(r.relaxed());
    assertTrue(r.total() >= 6, "之 is in every Zhejiang Lab text at least; found " + r.total());
    assertFinds("之", ZL_NOTICE_HANS, OVERVIEW_HANT, HK_HANT);
  }

  // Pinyin.

  @Test
  void pinyinSpacedFindsZhejiangLab() throws IOException {
    assertEquals(ZL, first("zhijiang shiyanshi"));
    assertFinds("zhijiang shiyanshi", ZL_NOTICE_HANS, HK_HANT);
  }

  @Test
  void pinyinJoinedFindsZhejiangLab() throws IOException {
    assertEquals(ZL, first("zhijiangshiyanshi"));
    assertEquals(Set.copyOf(ids("zhijiang shiyanshi")), Set.copyOf(ids("zhijiangshiyanshi")));
  }

  @Test
  void pinyinQinghuaDaxueFindsTsinghua() throws IOException {
    assertEquals(TS, first("qinghua daxue"));
    assertFinds("qinghua daxue", TS_HANS, ENTITY_LIST_HANT);
  }

  @Test
  void pinyinRanksBelowTheExactHanName() throws IOException {
    float han = hit("之江实验室", ZL).score();
    float pinyin = hit("zhijiang shiyanshi", ZL).score();
    assertTrue(pinyin < han, "pinyin " + pinyin + " should score below Han " + han);
  }

  @Test
  void aCorrectlySpelledNameWordIsNotExpandedToEveryNameLikeIt() throws IOException {
    // "University" is a word of many names: it must not count as a misspelling of all of them.
    Hit hit = hit("Peking University", ENTITY_LIST_HANT);
    assertTrue(hit.matched().stream().noneMatch(m -> m.entityId().equals("ustc") || m.entityId().equals("sustech")), hit.matched().toString());
  }

  @Test
  void pinyinComesFromGazetteerNamesNotFromAllText() throws IOException {
    // 租用 (zuyong, to rent) is in many texts but is no name: its pinyin finds nothing.
    assertTrue(search("租用").total() > 0);
    assertEquals(0, search("zuyong").total());
  }

  // English names, aliases, acronyms, romanizations.

  @Test
  void englishAliasZhejiangLaboratoryFindsZhejiangLab() throws IOException {
    assertEquals(ZL, first("Zhejiang Laboratory"));
    assertFinds("Zhejiang Laboratory", ZL_NOTICE_HANS, HK_HANT);
  }

  @Test
  void acronymsFindTheirBuyersRecordFirst() throws IOException {
    assertEquals(USTCS, first("USTC"));
    assertEquals(SUS, first("SUSTech"));
    assertEquals(CNKI, first("CNKI"));
    assertFinds("USTC", ENTITY_LIST_HANT);
  }

  @Test
  void tsinghuaAndQinghuaFindTheSameRecord() throws IOException {
    assertEquals(TS, first("Tsinghua"));
    assertEquals(TS, first("Qinghua"));
    assertFinds("Qinghua", TS_HANS, ENTITY_LIST_HANT);
  }

  @Test
  void pekingFindsBeijingNames() throws IOException {
    // Beijing Parallel Technology, Tsinghua's intermediary, in English and Chinese texts.
    assertFinds("Peking", TS, EXPLAINER_EN, TS_HANS, ENTITY_LIST_HANT);
    assertTrue(Romanizations.alternates("Beijing").contains("peking"));
    assertTrue(Romanizations.alternates("PEKING").contains("beijing"));
  }

  // Across languages through the gazetteer.

  @Test
  void amazonInChineseOrEnglishFindsTheAwsRecordsAndArticlesInEveryLanguage() throws IOException {
    for (String q : List.of("亚马逊", "Amazon", "亞馬遜")) {
      assertFinds(q, ZL, EDA, SZU, FJ, SZU_NOTICE_HANS, HK_HANT, SZU_EN);
    }
  }

  @Test
  void nvidiaInChineseFindsA100AndH100Material() throws IOException {
    for (String q : List.of("英伟达", "輝達", "英偉達")) {
      // Records of A100/H100 rentals name the chips, not always Nvidia: the chip's parent links them.
      assertFinds(q, SZU, TS, CNKI, USTCS, SUS, EXPLAINER_EN, CHIP_RULES_HANT);
    }
  }

  @Test
  void microsoftInChineseFindsAzure() throws IOException {
    assertFinds("微软", SCU, CA);
    assertFinds("微軟", SCU, CA);
  }

  @Test
  void aliyunInChineseFindsAlibabaCloud() throws IOException {
    assertFinds("阿里云", ZL_GEOGPT_EN, ZL);
    assertFinds("阿里雲", ZL_GEOGPT_EN, ZL);
  }

  // Misspelled Latin names.

  @Test
  void misspelledShenzenFindsShenzhenUniversity() throws IOException {
    assertEquals(SZU, first("Shenzen University"));
  }

  @Test
  void misspelledSichaunFindsSichuanUniversity() throws IOException {
    assertEquals(SCU, first("Sichaun"));
  }

  @Test
  void misspelledTsinguaFindsTsinghua() throws IOException {
    assertEquals(TS, first("Tsingua"));
    assertTrue(hit("Tsingua", TS).matched().stream().anyMatch(m -> m.entityId().equals("tsinghua-university")));
  }

  @Test
  void aModelNumberOneDigitOffIsNotCorrectedToAnother() throws IOException {
    // A10 is a different Nvidia chip: "Nvidia A10" must not become Nvidia A100.
    SearchResult r = search("Nvidia A10");
    assertTrue(r.hits().stream().noneMatch(h -> h.matched().stream().anyMatch(m -> m.entityId().equals("a100"))),
        r.hits().stream().map(Hit::matched).toList().toString());
  }

  @Test
  void misspelledNameRanksBelowTheExactName() throws IOException {
    float exact = search("Shenzhen University").hits().get(0).score();
    float fuzzy = search("Shenzen University").hits().get(0).score();
    assertTrue(fuzzy < exact, "fuzzy " + fuzzy + " should score below exact " + exact);
  }

  // Width, case and punctuation.

  @Test
  void fullWidthAwsMatchesAws() throws IOException {
    assertEquals(ids("AWS"), ids("ＡＷＳ"));
  }

  @Test
  void a100WrittenAnyWayFindsTheSameDocuments() throws IOException {
    List<String> a100 = ids("A100");
    assertFalse(a100.isEmpty());
    for (String q : List.of("Ａ１００", "A-100", "a100")) assertEquals(a100, ids(q), q);
    assertFinds("A100 80GB", SZU, TS, CNKI);
  }

  @Test
  void pluralH100sFindsH100() throws IOException {
    assertEquals(Set.copyOf(ids("H100")), Set.copyOf(ids("H100s")));
    assertEquals(SZU, first("H100s"));
  }

  @Test
  void englishBodyTextIsStemmed() throws IOException {
    assertEquals(Set.copyOf(ids("tender")), Set.copyOf(ids("tenders")));
    assertFalse(ids("tenders").isEmpty());
  }

  // Mixed queries.

  @Test
  void mixedLatinAndHanQueriesFindTheirCase() throws IOException {
    assertTrue(ids("AWS 之江").subList(0, 2).contains(ZL), ids("AWS 之江").toString());
    assertEquals(SZU, first("Shenzhen University A100"));
    assertEquals(TS, first("清华 A100"));
    assertEquals(Set.copyOf(ids("AWS 之江")), Set.copyOf(ids("AWS之江")));
  }

  // Routing by script.

  @Test
  void hanQueryIsRoutedToChineseFieldsOnly() throws IOException {
    IndexSnapshot snap = ShippedIndex.service().searchers().acquire();
    try {
      Set<String> fields = fields(compile(snap, "之江"));
      assertTrue(fields.contains(Schema.TEXT_ZH) && fields.contains(Schema.TEXT_CJK), fields.toString());
      assertFalse(fields.contains(Schema.TEXT_EN) || fields.contains(Schema.NAMES) || fields.contains(Schema.NAMES_PINYIN), fields.toString());
      // The same word sent through the English field finds nothing: that analyzer drops Han.
      Query throughEnglish = new QueryBuilder(Schema.queryAnalyzer()).createBooleanQuery(Schema.TEXT_EN, "之江");
      long english = throughEnglish == null ? 0 : snap.searcher().count(throughEnglish);
      long routed = snap.searcher().count(compile(snap, "之江"));
      assertEquals(0, english);
      assertTrue(routed >= 6, "routed 之江 found " + routed);
    } finally {
      ShippedIndex.service().searchers().release(snap);
    }
  }

  @Test
  void latinQueryIsRoutedToEnglishAndNameFieldsOnly() throws IOException {
    IndexSnapshot snap = ShippedIndex.service().searchers().acquire();
    try {
      Set<String> fields = fields(compile(snap, "Tsinghua"));
      assertTrue(fields.contains(Schema.TEXT_EN) && fields.contains(Schema.NAMES), fields.toString());
      assertFalse(fields.contains(Schema.TEXT_ZH) || fields.contains(Schema.TEXT_CJK) || fields.contains(Schema.NAMES_ZH), fields.toString());
    } finally {
      ShippedIndex.service().searchers().release(snap);
    }
  }

  private static Query compile(IndexSnapshot snap, String q) {
    return new QueryCompiler(snap.gazetteer(), false).compile(QueryParser.parse(q, Set.of("provider", "id"))).query();
  }

  private static Set<String> fields(Query q) {
    Set<String> out = new HashSet<>();
    q.visit(new QueryVisitor() {
      @Override
      public boolean acceptField(String field) {
        out.add(field);
        return true;
      }

      @Override
      public void consumeTerms(Query query, Term... terms) {
        for (Term t : terms) out.add(t.field());
      }

      @Override
      public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
        return this;
      }
    });
    return out;
  }

  // Why it matched.

  @Test
  void pinyinQueryOnTraditionalArticleReportsTraditionalFormAndMarksIt() throws IOException {
    for (String q : List.of("zhijiang shiyanshi", "之江实验室", "Zhejiang Lab")) {
      Hit hit = hit(q, OVERVIEW_HANT);
      assertTrue(hit.matched().contains(new NameForm("zhejiang-lab", NameForm.ZH_HANT, "之江實驗室")), q + ": " + hit.matched());
      assertTrue(hit.snippets().stream().anyMatch(s -> s.contains("<mark>之江實驗室</mark>")), q + ": " + hit.snippets());
    }
  }

  @Test
  void englishArticleReportsTheEnglishFormForAChineseQuery() throws IOException {
    Hit hit = hit("之江實驗室", ZL_GEOGPT_EN);
    assertTrue(hit.matched().stream().anyMatch(m -> m.entityId().equals("zhejiang-lab") && m.text().startsWith("Zhejiang")), hit.matched().toString());
  }

  private static Hit hit(String q, String id) throws IOException {
    Hit hit = search(q).hits().stream().filter(h -> h.id().equals(id)).findFirst().orElse(null);
    assertNotNull(hit, "'" + q + "' should find " + id);
    return hit;
  }

  // Exact script.

  @Test
  void exactScriptOptionMatchesOnlyTheScriptTyped() throws IOException {
    SearchRequest folded = SearchRequest.of("之江实验室").withSize(50);
    SearchRequest exact = new SearchRequest("之江实验室", Map.of(), null, null, "relevance", 50, 1, null, null, true);
    List<String> all = ShippedIndex.service().search(folded).hits().stream().map(Hit::id).toList();
    List<String> only = ShippedIndex.service().search(exact).hits().stream().map(Hit::id).toList();
    assertTrue(all.contains(OVERVIEW_HANT), all.toString());
    assertFalse(only.contains(OVERVIEW_HANT), "the traditional-only overview must not match simplified typed exactly: " + only);
    assertTrue(only.contains(ZL_NOTICE_HANS), only.toString());
  }

  // Query language.

  @Test
  void wordsAreAndedByDefault() throws IOException {
    Set<String> both = Set.copyOf(ids("AWS Claude"));
    assertTrue(Set.copyOf(ids("AWS")).containsAll(both) && Set.copyOf(ids("Claude")).containsAll(both));
    assertFalse(search("AWS Claude").relaxed());
  }

  @Test
  void punctuationBetweenWordsIsASeparator() throws IOException {
    SearchResult r = search("Zhejiang Lab - AWS ，");
    assertFalse(r.relaxed());
    assertEquals(ids("Zhejiang Lab AWS"), r.hits().stream().map(Hit::id).toList());
  }

  @Test
  void strictQueryWithNoHitFallsBackToAnyWordAndSaysSo() throws IOException {
    SearchResult r = search("GeoGPT ByteDance");
    assertTrue(r.relaxed());
    assertTrue(r.total() > 0);
  }

  @Test
  void syntaxErrorsNameThePositionAndReason() {
    Set<String> fields = Set.of("provider", "id");
    assertSyntax("(AWS 之江", fields, "position 0", "never closed");
    assertSyntax("\"之江實驗室", fields, "position 0", "never closed");
    assertSyntax("AWS OR", fields, "position 4", "needs something on its right");
    assertSyntax("AWS )", fields, "position 4", "without a matching");
    assertSyntax("colour:red", fields, "position 0", "unknown field 'colour'");
    assertSyntax("AWS NOT", fields, "position 4", "needs something to exclude");
  }

  @Test
  void syntaxErrorReachesTheCallerAsABadRequest() {
    BadRequestException e = assertThrows(BadRequestException.class, () -> search("(之江"));
    assertEquals("query_syntax", e.code());
  }

  private static void assertSyntax(String q, Set<String> fields, String position, String reason) {
    BadRequestException e = assertThrows(BadRequestException.class, () -> QueryParser.parse(q, fields), q);
    assertTrue(e.getMessage().contains(position) && e.getMessage().contains(reason), q + " -> " + e.getMessage());
  }
}
