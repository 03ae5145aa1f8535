package dev.chiptrail.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleReaderTest {
  static final Path CORPUS = Path.of("src", "test", "resources", "corpus");

  private static List<Article> read(String name, Charset cs, List<ValidationError> errors) {
    return ArticleReader.read(CORPUS.resolve(name), "corpus/" + name, cs, errors);
  }

  private static Article one(String name) {
    List<ValidationError> errors = new ArrayList<>();
    List<Article> out = read(name, null, errors);
    assertEquals(List.of(), errors);
    assertEquals(1, out.size());
    return out.get(0);
  }

  @Test
  void htmlPageGivesMetaTagsAndMainTextWithoutBoilerplate() {
    Article a = one("page.html");
    assertEquals("page", a.id());
    assertEquals("Chinese lab rents H100 servers through AWS", a.title());
    assertEquals("2024-08-26", a.date());
    assertEquals("Example Daily", a.outlet());
    assertEquals("https://example.org/news/lab-h100", a.url());
    assertEquals("en", a.language());
    assertEquals("corpus/page.html", a.source());
    assertTrue(a.body().startsWith("Zhejiang Lab asked for Nvidia H100 servers"), a.body());
    assertTrue(a.body().contains("之江實驗室"));
    assertTrue(a.body().contains("Renting remote compute is not an export"));
    for (String junk : List.of("SCRIPTMARKER", "NAVSTYLE", "MENUMARKER", "NAVMARKER", "ASIDEMARKER", "FOOTERMARKER", "Subscribe", "Privacy")) {
      assertFalse(a.text().contains(junk), junk + " leaked into " + a.text());
    }
    // The headline is the title, not repeated as the first line of the body.
    assertFalse(a.body().contains("Chinese lab rents H100"));
  }

  @Test
  void gbkFileIsDetectedAndDecoded() {
    Article a = one("zhejiang-lab-gbk.txt");
    assertEquals("之江实验室租用亚马逊云科技的英伟达A100服务器", a.title());
    assertTrue(a.body().contains("通过亚马逊云科技（AWS）租用配备英伟达A100芯片"), a.body());
    assertEquals("zh-Hans", a.language());
    assertNull(a.date());
  }

  @Test
  void big5FileIsDetectedAndDecoded() {
    Article a = one("yunda-big5.txt");
    assertEquals("成都運達科技代深圳大學購買雲端帳號", a.title());
    assertTrue(a.body().contains("輝達H100伺服器"), a.body());
    assertEquals("zh-Hant", a.language());
  }

  @Test
  void namedEncodingIsUsedAndAWrongOneIsAnErrorNotMojibake() {
    List<ValidationError> errors = new ArrayList<>();
    List<Article> ok = read("yunda-big5.txt", Charset.forName("Big5"), errors);
    assertEquals(List.of(), errors);
    assertTrue(ok.get(0).title().startsWith("成都運達科技"));

    List<Article> wrong = read("zhejiang-lab-gbk.txt", java.nio.charset.StandardCharsets.UTF_8, errors);
    assertEquals(List.of(), wrong);
    assertEquals(1, errors.size());
    assertTrue(errors.get(0).toString().contains("corpus/zhejiang-lab-gbk.txt"), errors.get(0).toString());
    assertTrue(errors.get(0).toString().contains("byte offset 2 (byte 0xBD)"), errors.get(0).toString());
  }

  @Test
  void utf8ByteOrderMarkIsDroppedBeforeTheFrontMatter() {
    Article a = one("bom-utf8.md");
    assertEquals("Cloud rentals keep growing", a.title());
    assertEquals("Test Wire", a.outlet());
    assertEquals("2024-09-01", a.date());
    assertFalse(a.text().contains("\uFEFF"));
  }

  @Test
  void undecodableBytesAreAnErrorNamingFileLineAndOffset() {
    List<ValidationError> errors = new ArrayList<>();
    List<Article> out = read("invalid-bytes.txt", null, errors);
    assertEquals(List.of(), out);
    assertEquals(1, errors.size());
    String msg = errors.get(0).toString();
    assertTrue(msg.contains("corpus/invalid-bytes.txt"), msg);
    assertTrue(msg.contains(":3"), msg);
    assertTrue(msg.contains("byte offset 68"), msg);
    assertTrue(msg.contains("0xFF"), msg);
  }

  @Test
  void jsonlExportGivesOneArticlePerLineWithDerivedMetadata() {
    List<ValidationError> errors = new ArrayList<>();
    List<Article> out = read("export.jsonl", null, errors);
    assertEquals(List.of(), errors);
    assertEquals(List.of("export-1", "export-2", "export-3"), out.stream().map(Article::id).toList());
    assertEquals("https://example.org/a", out.get(0).url());
    assertEquals("科技日报", out.get(1).outlet());
    Article untitled = out.get(2);
    assertEquals("Untitled first line", untitled.title());
    assertEquals("en", untitled.language());
    assertNull(untitled.date());
  }

  @Test
  void plainTextWithoutFrontMatterTakesItsFirstLineAsTitle(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("Wire Copy 07.TXT");
    Files.writeString(f, "Headline here\n\n浙江的之江实验室与 Zhejiang Lab 是同一家机构。This mixes both scripts and English words freely here.\n");
    List<ValidationError> errors = new ArrayList<>();
    List<Article> out = ArticleReader.read(f, f.toString(), null, errors);
    assertEquals(List.of(), errors);
    assertEquals("wire-copy-07", out.get(0).id());
    assertEquals("Headline here", out.get(0).title());
    assertEquals(f.toString(), out.get(0).source());
  }

  @Test
  void big5HtmlPageWithoutMetaTagsTakesTitleAndLanguageFromTheMarkup(@TempDir Path dir) throws Exception {
    String html = "<html lang=\"zh-TW\"><head><meta charset=\"big5\"><title>深圳大學租用雲端伺服器</title></head><body>"
        + "<nav>首頁 新聞 科技</nav><div class=\"content\"><p>深圳大學透過成都運達科技購買亞馬遜雲端服務帳號。</p>"
        + "<p>報導指出，這類租用並不違反美國出口規定。</p></div><footer>版權所有</footer></body></html>";
    Path f = dir.resolve("szu.htm");
    Files.write(f, html.getBytes(Charset.forName("Big5")));
    List<ValidationError> errors = new ArrayList<>();
    Article a = ArticleReader.read(f, "szu.htm", null, errors).get(0);
    assertEquals(List.of(), errors);
    assertEquals("深圳大學租用雲端伺服器", a.title());
    assertEquals("zh-Hant", a.language());
    assertNull(a.date());
    assertEquals("深圳大學透過成都運達科技購買亞馬遜雲端服務帳號。\n報導指出，這類租用並不違反美國出口規定。", a.body());
  }

  /** Every shipped article that each encoding can represent, whole and cut short, round-trips through detection. */
  @Test
  void detectionRoundTripsTheShippedArticlesInGbkAndBig5(@TempDir Path dir) throws Exception {
    int checked = 0;
    List<Path> files;
    try (var s = Files.list(Path.of("..", "data", "articles"))) {
      files = s.sorted().toList();
    }
    for (Path p : files) {
      String text = Files.readString(p);
      for (String cs : List.of("GB18030", "Big5")) {
        for (int len : new int[] {40, 400, Integer.MAX_VALUE}) {
          String t = text.substring(0, Math.min(len, text.length()));
          if (!Charset.forName(cs).newEncoder().canEncode(t) || t.chars().allMatch(c -> c < 128)) continue;
          Path f = dir.resolve(p.getFileName() + "." + cs + "." + len);
          Files.write(f, t.getBytes(cs));
          List<ValidationError> errors = new ArrayList<>();
          assertEquals(t, TextFile.readArticleText(f, f.toString(), null, errors), f + " " + errors);
          checked++;
        }
      }
    }
    assertTrue(checked >= 40, "checked " + checked);
  }
}
