package dev.chiptrail.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chiptrail.index.IndexBuilder;
import dev.chiptrail.index.IndexerConfig;
import dev.chiptrail.ingest.DataReader;
import dev.chiptrail.ingest.DataSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviours the shipped articles cannot show, on the shipped data plus a folder of small articles
 * written for the purpose (indexed with --articles, as a researcher would add their own).
 */
class ExtraArticlesSearchTest {
  @TempDir static Path tmp;
  static Searchers searchers;
  static SearchService service;

  @BeforeAll
  static void index() throws Exception {
    Path articles = Files.createDirectories(tmp.resolve("articles"));
    article(articles, "word-kexue", "zh-Hans", "科学研究", "研究人员在科学研究中使用云服务器。");
    article(articles, "grams-kexue", "zh-Hans", "本科学生", "本科学生在实验课上使用云服务器。");
    article(articles, "peking-en", "en", "A Peking notebook", "Old guidebooks call the capital Peking; the tender agents there rent servers.");
    article(articles, "oracles-en", "en", "Reading the oracles", "Ancient oracles were consulted before every harvest and every journey.");
    Path index = tmp.resolve("index");
    DataSet ds = DataReader.read(ShippedIndex.dataDir(), List.of(articles));
    new IndexBuilder(new IndexerConfig(ShippedIndex.dataDir(), List.of(articles), index, 1, false)).build(ds, IndexBuilder.Progress.NONE);
    searchers = Searchers.open(index);
    service = new SearchService(searchers);
  }

  @AfterAll
  static void close() throws Exception {
    if (searchers != null) searchers.close();
  }

  private static void article(Path dir, String id, String lang, String title, String body) throws Exception {
    Files.writeString(dir.resolve(id + ".md"), "---\ntitle: \"" + title + "\"\noutlet: \"Test\"\nlanguage: " + lang + "\n---\n" + body + "\n");
  }

  private static List<String> ids(String q) throws Exception {
    return service.search(SearchRequest.of(q).withSize(50)).hits().stream().map(Hit::id).toList();
  }

  @Test
  void wholeWordMatchRanksAboveCharacterNgramMatch() throws Exception {
    // 科学 is a smartcn word in 科学研究; in 本科学生 it is only a character pair (本科|学生).
    List<String> ids = ids("科学");
    assertTrue(ids.contains("grams-kexue"), "the n-gram field keeps recall: " + ids);
    assertTrue(ids.indexOf("word-kexue") < ids.indexOf("grams-kexue"), ids.toString());
  }

  @Test
  void beijingFindsAnArticleThatSaysPeking() throws Exception {
    assertTrue(ids("Beijing").contains("peking-en"), ids("Beijing").toString());
    assertEquals("peking-en", ids("Peking").get(0));
  }

  @Test
  void stemmedProseMatchesButTheExactNameRanksFirst() throws Exception {
    List<String> ids = ids("Oracle");
    assertTrue(ids.contains("oracles-en"), "English prose is stemmed (oracles -> oracl): " + ids);
    int prose = ids.indexOf("oracles-en");
    int name = ids.indexOf("2024-09-05-us-policy-response-en");
    assertTrue(name >= 0 && name < prose, "the article naming Oracle must rank above the one saying oracles: " + ids);
  }
}
