package dev.chiptrail.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chiptrail.http.ChiptrailServer;
import dev.chiptrail.http.ServerConfig;
import dev.chiptrail.index.IndexBuilder;
import dev.chiptrail.index.IndexerConfig;
import dev.chiptrail.ingest.DataReader;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browsing UI in Debian's headless Chromium against the real server over the shipped data plus
 * one hostile article (markup in its title and body).
 */
class BrowseUiIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String ZHEJIANG_RECORD = "rec-zhejiang-lab-2024-04";
  private static final Path SEEDS = Path.of("..", "..", "shared", "seeds").toAbsolutePath().normalize();
  static final String SCRIPT_TEXT = "<script>window.__pwned=1</script>";
  static final String IMG_TEXT = "<img src=x onerror=\"window.__pwned=1\">";

  private static Path tmp;
  private static ChiptrailServer server;
  private static ChromeDriver driver;
  private static String base;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no " + CHROMIUM + " (apt-get install chromium)");
    assumeTrue(Files.isExecutable(CHROMEDRIVER), "skipped: no " + CHROMEDRIVER + " (apt-get install chromium-driver)");
    tmp = Files.createTempDirectory("chiptrail-ui-it");
    Path data = tmp.resolve("data");
    copyTree(projectRoot().resolve("data"), data);
    Files.writeString(data.resolve("articles/zz-markup-test-en.md"), """
        ---
        title: "Markup test %s about Zhejiang Lab"
        outlet: "Test Outlet"
        date: 2024-06-01
        language: en
        ---
        This article about Zhejiang Lab carries markup in its text: %s and %s must show as characters.
        """.formatted(SCRIPT_TEXT.replace("\"", "\\\""), SCRIPT_TEXT, IMG_TEXT), StandardCharsets.UTF_8);
    // An older article stretches the corpus past three years, so the histogram starts by year.
    Files.writeString(data.resolve("articles/zz-older-cloud-article-en.md"), """
        ---
        title: "Cloud rental of accelerators, an early look"
        outlet: "Test Outlet"
        date: 2019-03-15
        language: en
        ---
        An early article about renting accelerators in the cloud, years before the 2024 tenders.
        """, StandardCharsets.UTF_8);
    // The seed articles (one wire story as five outlets ran it), where present, show syndicated copies.
    List<Path> extra = Files.isDirectory(SEEDS) ? List.of(SEEDS) : List.of();
    Path index = tmp.resolve("index");
    IndexerConfig cfg = new IndexerConfig(data, extra, index, 1, false);
    new IndexBuilder(cfg).build(DataReader.read(data, extra), IndexBuilder.Progress.NONE);
    server = ChiptrailServer.start(ServerConfig.local(index, data));
    base = "http://127.0.0.1:" + server.port();

    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("chrome-profile")), "--window-size=1280,900",
        "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() throws IOException {
    if (driver != null) driver.quit();
    if (server != null) server.close();
    if (tmp != null) {
      try (Stream<Path> s = Files.walk(tmp)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @BeforeEach
  void freshPage(TestInfo info) {
    driver.manage().window().setSize(new Dimension(1280, 900));
    driver.get(base + "/");
    js("localStorage.clear()");
  }

  // ---------- the tests ----------

  @Test
  void syndicatedCopiesShowAsOneHitWithItsOtherVersions() throws IOException {
    assumeTrue(Files.isDirectory(SEEDS), "skipped: no seed articles at " + SEEDS);
    open("/?q=Amazon&kind=article&size=100");
    List<WebElement> seedHits = driver.findElements(By.cssSelector("li.hit[data-id^='00']"));
    assertEquals(1, seedHits.size(), "the five versions of the wire story collapse into one hit");
    WebElement versions = seedHits.get(0).findElement(By.cssSelector("details.versions"));
    assertTrue(versions.findElement(By.tagName("summary")).getText().contains("4 other versions"), versions.getText());
    screenshot("syndicated-copies");
  }

  @Test
  void openingAQueryLinkShowsTheZhejiangLabRecordWithTheMatchHighlighted() throws IOException {
    open("/?q=" + enc("之江實驗室"));
    WebElement hit = hit(ZHEJIANG_RECORD);
    List<WebElement> marks = hit.findElements(By.cssSelector(".snippet mark"));
    assertFalse(marks.isEmpty(), "the record's snippet has highlighted text");
    assertTrue(marks.stream().anyMatch(m -> m.getText().contains("之江") || m.getText().contains("實驗室") || m.getText().contains("实验室")),
        "a highlighted part is the name: " + marks.stream().map(WebElement::getText).toList());
    assertEquals("之江實驗室", driver.findElement(By.id("q")).getAttribute("value"));
    assertTrue(hit.findElement(By.cssSelector(".badge")).getText().length() > 0, "a kind badge");
    assertTrue(hit.getText().contains("2024-04"), "the record's date");
    List<String> forms = hit.findElements(By.cssSelector(".matched .form")).stream().map(WebElement::getText).toList();
    assertTrue(forms.stream().anyMatch(f -> f.contains("之江") || f.contains("Zhejiang")), "the name forms that matched: " + forms);
    screenshot("search-zhejiang-lab");
  }

  @Test
  void tickingAwsNarrowsTheResultsAndUpdatesTheOtherCounts() throws IOException {
    open("/");
    long before = total();
    Map<String, Integer> awsCounts = facetCounts("provider");
    Map<String, Integer> kindsBefore = facetCounts("kind");
    int aws = awsCounts.get("aws");
    assertTrue(aws < before, "AWS is a subset of everything (" + aws + " of " + before + ")");

    String url = driver.getCurrentUrl();
    facetBox("provider", "aws").click();
    waitForReadyAfter(url);

    assertTrue(driver.getCurrentUrl().contains("provider=aws"), driver.getCurrentUrl());
    assertEquals(aws, total(), "the total is the count AWS showed");
    Map<String, Integer> kindsAfter = facetCounts("kind");
    assertNotEquals(kindsBefore, kindsAfter, "the kind counts follow the AWS filter");
    assertEquals(aws, kindsAfter.values().stream().mapToInt(Integer::intValue).sum(), "kinds partition the AWS results");
    // Multi-select: the other providers keep their counts (they would widen, not narrow, the result).
    assertEquals(awsCounts, facetCounts("provider"), "provider counts are multi-select counts");
    for (WebElement h : hits()) {
      assertTrue(h.findElements(By.cssSelector(".tag-provider")).stream().anyMatch(t -> t.getText().equals("Amazon Web Services")),
          "every hit is tagged AWS: " + h.getText());
    }
    assertEquals(1, driver.findElements(By.cssSelector("#active-filters .chip")).size(), "one active filter chip");
    screenshot("facet-aws");

    url = driver.getCurrentUrl();
    driver.findElement(By.cssSelector("#active-filters .chip")).click();
    waitForReadyAfter(url);
    assertEquals(before, total(), "removing the chip restores every result");
  }

  @Test
  void theHistogramShowsYearsOverALongRangeAndMonthsOverAShortOne() throws IOException {
    open("/");
    List<String> years = barKeys();
    assertTrue(years.size() >= 4 && years.stream().allMatch(k -> k.matches("\\d{4}")), "years over 2019–2024: " + years);
    assertEquals("2019", years.get(0));
    open("/?from=2023-01");
    List<String> months = barKeys();
    assertTrue(months.size() >= 3 && months.stream().allMatch(k -> k.matches("\\d{4}-\\d{2}")), "months within 2023–2024: " + months);
  }

  @Test
  void draggingAcrossHistogramBarsFiltersThatDateRange() throws IOException {
    for (String start : List.of("/", "/?from=2023-01")) {
      open(start);
      dragAndClickBars();
    }
  }

  private static List<String> barKeys() {
    return driver.findElements(By.cssSelector("#histogram .bar")).stream().map(b -> b.getAttribute("data-key")).toList();
  }

  /** Drags over the bars from the first populated one to the one before the last, then clicks the last. */
  private void dragAndClickBars() throws IOException {
    String startUrl = driver.getCurrentUrl();
    List<WebElement> bars = driver.findElements(By.cssSelector("#histogram .bar"));
    assertTrue(bars.size() >= 3, "enough bars: " + bars.size());
    List<String> keys = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (WebElement b : bars) {
      keys.add(b.getAttribute("data-key"));
      counts.add(Integer.parseInt(b.getAttribute("aria-label").replaceAll(".*: ", "")));
    }
    int first = -1;
    int last = -1;
    for (int i = 0; i < counts.size(); i++) {
      if (counts.get(i) > 0) {
        if (first < 0) first = i;
        last = i;
      }
    }
    int end = last - 1;
    while (end > first && counts.get(end) == 0) end--;
    int expected = 0;
    for (int i = first; i <= end; i++) expected += counts.get(i);

    String url = driver.getCurrentUrl();
    new Actions(driver).clickAndHold(bars.get(first)).moveToElement(bars.get((first + end) / 2)).moveToElement(bars.get(end))
        .release().perform();
    waitForReadyAfter(url);
    String from = keys.get(first);
    String to = keys.get(end);
    assertEquals(from, param("from"));
    assertEquals(to, param("to"));
    assertEquals(expected, total(), "the total is the sum of the selected bars");
    assertEquals(from, driver.findElement(By.id("from")).getAttribute("value"), "the from box shows the range");
    for (WebElement h : hits()) {
      String date = h.findElement(By.cssSelector(".date")).getText();
      String unit = date.length() >= from.length() ? date.substring(0, from.length()) : date;
      assertTrue(unit.compareTo(from) >= 0 && unit.compareTo(to) <= 0, date + " is in " + from + "–" + to);
    }
    screenshot("histogram-range-" + (from.length() == 4 ? "years" : "months"));

    // One click selects one bar.
    driver.get(startUrl);
    waitForReady();
    url = driver.getCurrentUrl();
    driver.findElement(By.cssSelector("#histogram .bar[data-key='" + keys.get(last) + "']")).click();
    waitForReadyAfter(url);
    assertEquals(keys.get(last), param("from"));
    assertEquals(keys.get(last), param("to"));
    assertEquals(counts.get(last).longValue(), total());
  }

  @Test
  void sortingByNewestOrdersByDateAndTheNextPageHoldsTheRest() throws IOException {
    open("/");
    long total = total();
    String url = driver.getCurrentUrl();
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("sort"))).selectByValue("-date");
    waitForReadyAfter(url);
    assertEquals("-date", param("sort"));
    List<String> dates = hits().stream().map(h -> h.findElement(By.cssSelector(".date")).getText())
        .filter(d -> d.matches("\\d{4}.*"))
        // A month or a year sorts as its first day.
        .map(d -> d.length() == 4 ? d + "-01-01" : d.length() == 7 ? d + "-01" : d).toList();
    List<String> sorted = new ArrayList<>(dates);
    sorted.sort(Comparator.reverseOrder());
    assertEquals(sorted, dates, "newest first");
    int first = hits().size();
    assertTrue(total > first, "more than one page: " + total);
    List<String> page1 = hitIds();
    url = driver.getCurrentUrl();
    driver.findElement(By.cssSelector("#pager a[rel=next]")).click();
    waitForReadyAfter(url);
    assertEquals("2", param("page"));
    // Syndicated copies are one hit each, so the hits to page through can be fewer than the documents.
    int allHits = collapsedHits("/api/search?sort=-date&size=100");
    assertEquals(allHits - first, hits().size(), "page 2 holds the rest");
    assertTrue(hitIds().stream().noneMatch(page1::contains), "no hit repeats across pages");
  }

  @Test
  void typingDatesInTheFromAndToBoxesFiltersToo() throws IOException {
    open("/");
    String url = driver.getCurrentUrl();
    WebElement from = driver.findElement(By.id("from"));
    from.sendKeys("2024-08");
    driver.findElement(By.id("to")).sendKeys("2024-08", Keys.ENTER);
    waitForReadyAfter(url);
    assertEquals("2024-08", param("from"));
    for (WebElement h : hits()) assertTrue(h.findElement(By.cssSelector(".date")).getText().startsWith("2024-08"));
  }

  @Test
  void aCopiedUrlReopensTheSameViewAndBackAndForwardWork() throws IOException {
    open("/");
    search("zhejiang");
    String afterSearch = driver.getCurrentUrl();
    long searchTotal = total();
    facetBox("provider", "aws").click();
    waitForReadyAfter(afterSearch);
    String filtered = driver.getCurrentUrl();
    List<String> ids = hitIds();
    long filteredTotal = total();

    driver.findElement(By.cssSelector(".hit[data-id='" + ZHEJIANG_RECORD + "'] .hit-title a")).click();
    waitForReadyAfter(filtered);
    String docUrl = driver.getCurrentUrl();
    assertTrue(docUrl.contains("doc=" + ZHEJIANG_RECORD) && docUrl.contains("provider=aws"), docUrl);
    String heading = driver.findElement(By.cssSelector("#detail h2")).getText();

    driver.navigate().back();
    waitForReadyAt(filtered);
    assertTrue(driver.findElement(By.id("detail")).getAttribute("hidden") != null, "back closes the document");
    assertEquals(ZHEJIANG_RECORD, js("return document.activeElement.closest('.hit')?.dataset.id"), "the focus returns to the hit");
    assertEquals(ids, hitIds());
    driver.navigate().back();
    waitForReadyAt(afterSearch);
    assertFalse(facetBox("provider", "aws").isSelected(), "back unticks AWS");
    assertEquals(searchTotal, total());
    driver.navigate().forward();
    waitForReadyAt(filtered);
    driver.navigate().forward();
    waitForReadyAt(docUrl);
    assertEquals(heading, driver.findElement(By.cssSelector("#detail h2")).getText());

    // The copied links, loaded in a page that had not loaded the app before, render the same views.
    driver.get("about:blank");
    open(docUrl.substring(base.length()));
    assertEquals(heading, driver.findElement(By.cssSelector("#detail h2")).getText());
    assertTrue(facetBox("provider", "aws").isSelected(), "the AWS box is ticked again");
    assertEquals("zhejiang", driver.findElement(By.id("q")).getAttribute("value"));
    driver.get("about:blank");
    open(filtered.substring(base.length()));
    assertEquals(ids, hitIds(), "the copied list link shows the same hits");
    assertEquals(filteredTotal, total());
  }

  @Test
  void theCsvAndJsonLinesExportsHaveAsManyRowsAsTheResultTotal() throws Exception {
    open("/?provider=aws");
    long total = total();
    assertTrue(total > 0);
    String csvHref = driver.findElement(By.id("export-csv")).getAttribute("href");
    assertTrue(csvHref.contains("provider=aws") && csvHref.contains("format=csv"), csvHref);
    HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create(csvHref)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, csv.statusCode(), csv.body());
    assertEquals(total, csvRecords(csv.body()) - 1, "CSV rows after the header");

    open("/");
    long all = total();
    String jsonlHref = driver.findElement(By.id("export-jsonl")).getAttribute("href");
    HttpResponse<String> jsonl = http.send(HttpRequest.newBuilder(URI.create(jsonlHref)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, jsonl.statusCode(), jsonl.body());
    assertEquals(all, jsonl.body().lines().filter(l -> !l.isBlank()).count(), "one JSON line per result");
  }

  @Test
  void markupInADocumentIsShownAsTextAndNeverRuns() throws IOException {
    open("/?q=" + enc("markup test"));
    WebElement hit = driver.findElement(By.cssSelector(".hit[data-id='zz-markup-test-en']"));
    assertTrue(hit.findElement(By.cssSelector(".hit-title")).getText().contains(SCRIPT_TEXT), hit.getText());
    assertTrue(hit.findElement(By.cssSelector(".snippet")).getText().contains("<script>"), "the snippet shows the tag as text: " + hit.getText());
    assertPwnedUndefined();
    screenshot("markup-as-text");

    String url = driver.getCurrentUrl();
    hit.findElement(By.cssSelector(".hit-title a")).click();
    waitForReadyAfter(url);
    String detail = driver.findElement(By.id("detail")).getText();
    assertTrue(detail.contains(SCRIPT_TEXT), detail);
    assertTrue(detail.contains(IMG_TEXT), detail);
    assertEquals(0, driver.findElements(By.cssSelector("#detail img, #results img, #detail script, #results script")).size());
    assertPwnedUndefined();
  }

  @Test
  void suggestionsAppearForHanAndPinyinPrefixesAndWorkWithTheKeyboard() throws IOException {
    open("/");
    List<String> han = suggestionsFor("之");
    assertTrue(han.stream().anyMatch(s -> s.contains("之江")), "之 suggests Zhejiang Lab: " + han);
    List<String> pinyin = suggestionsFor("zhij");
    assertTrue(pinyin.stream().anyMatch(s -> s.toLowerCase().contains("zhijiang")), "zhij suggests zhijiang: " + pinyin);
    screenshot("suggestions");

    String url = driver.getCurrentUrl();
    WebElement q = driver.findElement(By.id("q"));
    q.sendKeys(Keys.ARROW_DOWN);
    assertEquals("suggestion-0", q.getAttribute("aria-activedescendant"));
    String chosen = driver.findElement(By.id("suggestion-0")).findElement(By.cssSelector(".suggestion-text")).getText();
    q.sendKeys(Keys.ENTER);
    waitForReadyAfter(url);
    assertEquals(chosen, param("q"));
    assertTrue(total() > 0, "the chosen name finds documents");
  }

  @Test
  void enterInTheSearchBoxSearchesWithoutAFullReload() throws IOException {
    open("/");
    js("window.__sameDocument = true");
    search("USTC");
    assertEquals("USTC", param("q"));
    assertEquals(Boolean.TRUE, js("return window.__sameDocument === true"), "no page reload");
    assertTrue(total() > 0);
    assertTrue(hits().stream().anyMatch(h -> h.getText().contains("University of Science and Technology of China")
        || h.getText().contains("中国科学技术大学") || h.getText().contains("USTC")));
  }

  @Test
  void theRecordDetailShowsTheAmountInYuanAndDollarsTheEntitysNamesAndLinkedSources() throws IOException {
    open("/?doc=" + ZHEJIANG_RECORD);
    WebElement detail = driver.findElement(By.id("detail"));
    String text = detail.getText();
    assertTrue(text.contains("¥184,000"), text);
    assertTrue(text.contains("US$25,760"), text);
    for (String name : List.of("Zhejiang Lab", "之江实验室", "之江實驗室", "zhijiang shiyanshi")) {
      assertTrue(text.contains(name), "the entity's name form " + name + " is shown");
    }
    List<WebElement> sources = detail.findElements(By.cssSelector(".sources a"));
    assertFalse(sources.isEmpty(), "the sources are linked");
    screenshot("record-detail");
    String url = driver.getCurrentUrl();
    String sourceId = sources.get(0).getAttribute("data-id");
    sources.get(0).click();
    waitForReadyAfter(url);
    assertEquals(sourceId, param("doc"));
    assertTrue(driver.findElement(By.cssSelector("#detail .badge")).getText().length() > 0);
    assertTrue(driver.findElement(By.cssSelector("#detail .body")).getText().length() > 100, "the article's text");
    screenshot("article-detail");
  }

  @Test
  void theEntityPageShowsNamesListStatusAndATimeline() throws IOException {
    open("/?ent=ustc");
    String text = driver.findElement(By.id("detail")).getText();
    for (String name : List.of("University of Science and Technology of China", "USTC", "中国科学技术大学", "中國科學技術大學")) {
      assertTrue(text.contains(name), name + " in " + text);
    }
    assertFalse(driver.findElements(By.cssSelector("#detail .lists .listed")).isEmpty(), "USTC is on a restriction list");
    assertTrue(text.contains("2024-05"), "listed since May 2024");
    assertFalse(driver.findElements(By.cssSelector("#detail .timeline li")).isEmpty(), "a timeline of its documents");
    screenshot("entity-ustc");

    open("/?ent=zhejiang-lab");
    List<String> timeline = driver.findElements(By.cssSelector("#detail .timeline a")).stream().map(a -> a.getAttribute("data-id")).toList();
    assertTrue(timeline.contains(ZHEJIANG_RECORD), "the timeline has the record: " + timeline);
    assertTrue(driver.findElement(By.id("detail")).getText().contains("Not on a restriction list"));
    String url = driver.getCurrentUrl();
    driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    waitForReadyAfter(url);
    assertEquals(null, param("ent"), "Escape closes the entity page");
    assertTrue(driver.findElement(By.id("results")).isDisplayed());
  }

  @Test
  void theLanguageSwitchTranslatesLabelsAndIsRemembered() throws IOException {
    open("/");
    String url = driver.getCurrentUrl();
    driver.findElement(By.id("lang")).click();
    waitForReadyAt(url);
    assertEquals("云服务商", driver.findElement(By.cssSelector("fieldset[data-dim=provider] legend")).getText());
    assertTrue(facetLabels("provider").contains("亚马逊云科技"), facetLabels("provider").toString());
    assertEquals("zh-Hans", driver.findElement(By.tagName("html")).getAttribute("lang"));
    screenshot("chinese-interface");

    driver.navigate().refresh();
    waitForReady();
    assertEquals("云服务商", driver.findElement(By.cssSelector("fieldset[data-dim=provider] legend")).getText(), "remembered");
    driver.findElement(By.id("lang")).click();
    waitForReadyAt(url);
    assertEquals("Cloud provider", driver.findElement(By.cssSelector("fieldset[data-dim=provider] legend")).getText());
  }

  @Test
  void noResultsOffersToDropTheDateRangeAndErrorsAreShown() throws IOException {
    open("/?q=zhejiang&from=1990&to=1990");
    assertEquals(0, total());
    WebElement none = driver.findElement(By.cssSelector(".no-results"));
    WebElement without = none.findElements(By.tagName("a")).stream()
        .filter(a -> a.getText().contains("date range")).findFirst().orElseThrow();
    String url = driver.getCurrentUrl();
    without.click();
    waitForReadyAfter(url);
    assertTrue(total() > 0, "dropping the range finds documents");
    assertEquals("zhejiang", param("q"));

    open("/?from=notadate");
    WebElement status = driver.findElement(By.cssSelector("#status.error"));
    assertTrue(status.getText().contains("from"), "the error names the parameter: " + status.getText());
    screenshot("api-error");
    url = driver.getCurrentUrl();
    driver.findElement(By.cssSelector("#active-filters .chip")).click();
    waitForReadyAfter(url);
    assertTrue(driver.findElements(By.cssSelector("#status.error")).isEmpty(), "removing the bad date clears the error");
    assertTrue(total() > 0);
  }

  @Test
  void noResultsOffersALooserQueryAndRemovingAFilterAndRelaxedResultsSaySo() throws IOException {
    open("/?q=zhejiang&provider=oracle&kind=record");
    assertEquals(0, total());
    String url = driver.getCurrentUrl();
    driver.findElements(By.cssSelector(".no-results a")).stream()
        .filter(a -> a.getText().contains("Oracle")).findFirst().orElseThrow().click();
    waitForReadyAfter(url);
    assertEquals(null, param("provider"), "the filter is gone");
    assertEquals("zhejiang", param("q"));
    assertTrue(total() > 0);

    open("/?q=" + enc("\"zhejiang shenzhen\""));
    assertEquals(0, total());
    url = driver.getCurrentUrl();
    driver.findElements(By.cssSelector(".no-results a")).stream()
        .filter(a -> a.getText().contains("zhejiang OR shenzhen")).findFirst().orElseThrow().click();
    waitForReadyAfter(url);
    assertEquals("zhejiang OR shenzhen", param("q"));
    assertTrue(total() > 0, "the looser query finds documents");
    screenshot("looser-query");

    open("/?q=" + enc("zhejiang xyzzyq"));
    assertTrue(total() > 0);
    assertTrue(driver.findElement(By.cssSelector(".notice.relaxed")).isDisplayed(), "relaxed results say so");
  }

  @Test
  void facetValueFilterBoxNarrowsALongList() throws IOException {
    open("/");
    WebElement filter = driver.findElement(By.cssSelector("fieldset[data-dim=entity] .facet-filter"));
    filter.sendKeys("shenzhen");
    List<String> labels = facetLabels("entity");
    assertFalse(labels.isEmpty());
    assertTrue(labels.stream().allMatch(l -> l.toLowerCase().contains("shenzhen")), labels.toString());
    assertEquals(filter, driver.switchTo().activeElement(), "typing keeps the focus in the filter box");
  }

  @Test
  void keyboardOnlyTicksAFacetAndKeepsFocusOnIt() throws IOException {
    open("/");
    WebElement box = facetBox("provider", "aws");
    js("arguments[0].focus()", box);
    String url = driver.getCurrentUrl();
    driver.switchTo().activeElement().sendKeys(Keys.SPACE);
    waitForReadyAfter(url);
    assertTrue(param("provider") != null);
    WebElement active = driver.switchTo().activeElement();
    assertEquals("aws", active.getAttribute("data-value"), "focus stays on the ticked box");
    assertNotEquals("none", js("return getComputedStyle(document.activeElement).outlineStyle"), "the focus is visible");

    // A histogram bar is a button: Enter selects its month.
    WebElement bar = driver.findElements(By.cssSelector("#histogram .bar")).get(0);
    String key = bar.getAttribute("data-key");
    js("arguments[0].focus()", bar);
    url = driver.getCurrentUrl();
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    waitForReadyAfter(url);
    assertEquals(key, param("from"));
    assertEquals(key, param("to"));
  }

  @Test
  void thePageReadsAtPhoneWidthWithoutHorizontalScrolling() throws IOException {
    driver.manage().window().setSize(new Dimension(390, 844));
    open("/?q=" + enc("之江實驗室"));
    long scrollWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
    long clientWidth = ((Number) js("return document.documentElement.clientWidth")).longValue();
    assertTrue(scrollWidth <= clientWidth, "no sideways scrolling: " + scrollWidth + " > " + clientWidth);
    hit(ZHEJIANG_RECORD);
    WebElement provider = driver.findElement(By.cssSelector("fieldset[data-dim=provider]"));
    assertFalse(provider.isDisplayed(), "the filters are folded away at phone width");
    screenshot("phone-search");
    driver.findElement(By.id("filters-toggle")).click();
    assertTrue(provider.isDisplayed(), "the Filters button opens them");
    screenshot("phone-filters");
  }

  @Test
  void theUiRunsUnderTheServersContentSecurityPolicyWithoutErrors() throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
    String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("script-src 'self'"), "the page is served with a strict CSP: " + csp);
    assertFalse(java.util.regex.Pattern.compile("\\son[a-z]+\\s*=").matcher(page.body()).find(), "no inline event handlers");
    assertFalse(java.util.regex.Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>").matcher(page.body()).find(), "no inline script");
    driver.manage().logs().get(LogType.BROWSER); // drop what earlier tests logged
    open("/?q=" + enc("之江實驗室") + "&provider=aws");
    open("/?doc=" + ZHEJIANG_RECORD);
    open("/?ent=zhejiang-lab");
    List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    assertEquals(List.of(), severe, "no console errors, CSP violations included");
  }

  // ---------- helpers ----------

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static void assertPwnedUndefined() {
    assertEquals("undefined", js("return typeof window.__pwned"), "no document markup ran");
  }

  /** The number of hits (syndicated copies collapsed) of one API page. */
  private static int collapsedHits(String pathAndQuery) {
    try {
      var res = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + pathAndQuery)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(res.body()).path("hits").size();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void open(String pathAndQuery) {
    driver.get(base + pathAndQuery);
    waitForReady();
  }

  private static WebDriverWait waiter() {
    return new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  /** The app marks body[data-ready] with the address it finished rendering. */
  private static void waitForReady() {
    waiter().until(d -> {
      Object ok = js("return document.body && document.body.dataset.ready === location.pathname + location.search");
      return Boolean.TRUE.equals(ok);
    });
  }

  private static void waitForReadyAt(String url) {
    if (url != null) waiter().until(d -> d.getCurrentUrl().equals(url));
    waitForReady();
  }

  private static void waitForReadyAfter(String oldUrl) {
    waiter().until(d -> !d.getCurrentUrl().equals(oldUrl));
    waitForReady();
  }

  private static void search(String q) {
    String url = driver.getCurrentUrl();
    WebElement box = driver.findElement(By.id("q"));
    box.clear();
    box.sendKeys(q);
    box.sendKeys(Keys.ENTER);
    waitForReadyAfter(url);
  }

  private static List<String> suggestionsFor(String prefix) {
    WebElement q = driver.findElement(By.id("q"));
    q.clear();
    q.sendKeys(prefix);
    // The list says which text it answers: a list still showing the previous prefix is not it.
    waiter().until(d -> prefix.equals(d.findElement(By.id("suggestions")).getAttribute("data-q"))
        && !d.findElements(By.cssSelector("#suggestions:not([hidden]) li")).isEmpty());
    List<String> out = new ArrayList<>();
    for (WebElement li : driver.findElements(By.cssSelector("#suggestions li"))) out.add(li.getText());
    return out;
  }

  private static long total() {
    return Long.parseLong(driver.findElement(By.id("summary")).getAttribute("data-total"));
  }

  private static List<WebElement> hits() {
    return driver.findElements(By.cssSelector("#results .hit"));
  }

  private static List<String> hitIds() {
    return hits().stream().map(h -> h.getAttribute("data-id")).toList();
  }

  private static WebElement hit(String id) {
    List<WebElement> found = driver.findElements(By.cssSelector("#results .hit[data-id='" + id + "']"));
    assertFalse(found.isEmpty(), id + " is among the hits " + hitIds());
    return found.get(0);
  }

  private static WebElement facetBox(String dim, String value) {
    return driver.findElement(By.cssSelector("input[type=checkbox][data-dim='" + dim + "'][data-value='" + value + "']"));
  }

  private static Map<String, Integer> facetCounts(String dim) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (WebElement li : driver.findElements(By.cssSelector("fieldset[data-dim='" + dim + "'] .facet-values li"))) {
      String value = li.findElement(By.tagName("input")).getAttribute("data-value");
      out.put(value, Integer.parseInt(li.findElement(By.cssSelector(".count")).getText().replace(",", "")));
    }
    return out;
  }

  private static List<String> facetLabels(String dim) {
    return driver.findElements(By.cssSelector("fieldset[data-dim='" + dim + "'] li:not([hidden]) .facet-label")).stream().map(WebElement::getText).toList();
  }

  private static String param(String name) {
    String query = URI.create(driver.getCurrentUrl()).getRawQuery();
    if (query == null) return null;
    for (String kv : query.split("&")) {
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      if (k.equals(name)) return eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
    }
    return null;
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** CSV records (RFC 4180: quoted fields may hold line breaks), blank trailing line ignored. */
  static int csvRecords(String csv) {
    int records = 0;
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (c == '"') quoted = !quoted;
      if (!quoted && (c == '\n' || c == '\r')) {
        if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') i++;
        if (any) records++;
        any = false;
      } else {
        any = true;
      }
    }
    return any ? records + 1 : records;
  }

  private static void screenshot(String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
  }

  private static Path projectRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("data/gazetteer"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("no data/ folder above " + Path.of("").toAbsolutePath());
    return p;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
