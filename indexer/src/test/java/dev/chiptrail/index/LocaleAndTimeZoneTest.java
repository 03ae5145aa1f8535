package dev.chiptrail.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chiptrail.ingest.DataReader;
import dev.chiptrail.ingest.DataSet;
import dev.chiptrail.ingest.PartialDate;
import dev.chiptrail.ingest.ValidationError;
import dev.chiptrail.ingest.ValidationException;
import dev.chiptrail.search.SearchRequest;
import dev.chiptrail.search.SearchResult;
import dev.chiptrail.search.SearchService;
import dev.chiptrail.search.Searchers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dates, ids and facet keys come out the same whatever the JVM's default time zone and locale: the
 * build runs the suite under an unusual pair (see the parent pom), and this test switches through
 * several with digits other than 0-9, a Buddhist calendar, a dotless i and a date-line time zone.
 */
class LocaleAndTimeZoneTest {
  record Setting(String zone, String locale) {}

  static final List<Setting> SETTINGS = List.of(
      new Setting("Pacific/Kiritimati", "th-TH-u-nu-thai-ca-buddhist"),
      new Setting("Pacific/Pago_Pago", "ar-SA"),
      new Setting("Asia/Kathmandu", "fa-IR"),
      new Setting("America/St_Johns", "tr-TR"),
      new Setting("Asia/Shanghai", "zh-TW"),
      new Setting("UTC", "hi-IN-u-nu-deva"));

  static final List<String> DATES = List.of("2024", "2024-02", "2024-02-29", "2023-12-31", "1999-01-01", "2100-12");

  interface Work<T> {
    T run() throws Exception;
  }

  static <T> T under(Setting s, Work<T> work) throws Exception {
    TimeZone zone = TimeZone.getDefault();
    Locale locale = Locale.getDefault();
    Locale format = Locale.getDefault(Locale.Category.FORMAT);
    try {
      TimeZone.setDefault(TimeZone.getTimeZone(s.zone()));
      Locale.setDefault(Locale.forLanguageTag(s.locale()));
      return work.run();
    } finally {
      TimeZone.setDefault(zone);
      Locale.setDefault(locale);
      Locale.setDefault(Locale.Category.FORMAT, format);
    }
  }

  static List<String> parsed() {
    List<String> out = new ArrayList<>();
    for (String d : DATES) {
      PartialDate p = PartialDate.parse(d);
      out.add(p + " " + p.precision() + " " + p.firstDay() + ".." + p.lastDay() + " " + p.yearKey() + " " + p.monthKey());
    }
    for (String bad : List.of("2024-02-30", "2024-13", "24-01-01")) {
      try {
        PartialDate.parse(bad);
        out.add(bad + " parsed");
      } catch (IllegalArgumentException e) {
        out.add(e.getMessage());
      }
    }
    return out;
  }

  @Test
  void datesParseAndPrintTheSameUnderEveryTimeZoneAndLocale() throws Exception {
    List<String> reference = under(new Setting("UTC", "en-US"), LocaleAndTimeZoneTest::parsed);
    assertEquals("2024-02-29 DAY 20240229..20240229 2024 2024-02", reference.get(2));
    assertEquals("2024-02 MONTH 20240201..20240229 2024 2024-02", reference.get(1));
    for (Setting s : SETTINGS) {
      assertEquals(reference, under(s, LocaleAndTimeZoneTest::parsed), s.toString());
    }
  }

  @Test
  void validationMessagesAreTheSameUnderEveryLocale() throws Exception {
    Path broken = IndexFailuresTest.resource("broken/bad-date");
    Work<List<String>> read = () -> {
      try {
        DataReader.read(broken, List.of());
        return List.of("valid");
      } catch (ValidationException e) {
        return e.errors().stream().map(ValidationError::toString).toList();
      }
    };
    List<String> reference = under(new Setting("UTC", "en-US"), read);
    for (Setting s : SETTINGS) assertEquals(reference, under(s, read), s.toString());
  }

  /** What a user sees of an index: totals, ids, dates and every facet count. */
  static String searchView(Path index) throws Exception {
    try (Searchers searchers = Searchers.open(index)) {
      SearchResult r = new SearchService(searchers).search(SearchRequest.of("").withSize(100));
      StringBuilder sb = new StringBuilder("total=" + r.total() + "\n");
      r.hits().forEach(h -> sb.append(h.id()).append(' ').append(h.date()).append('\n'));
      sb.append(r.facets());
      return sb.toString();
    }
  }

  @Test
  void anIndexBuiltUnderAnotherTimeZoneAndLocaleSearchesTheSame(@TempDir Path tmp) throws Exception {
    Path data = IndexFailuresTest.SHIPPED;
    Work<String> buildAndSearch = () -> {
      Path index = tmp.resolve("index-" + Locale.getDefault().toLanguageTag());
      DataSet ds = DataReader.read(data, List.of());
      BuildSummary s = new IndexBuilder(new IndexerConfig(data, List.of(), index, 1, false)).build(ds, IndexBuilder.Progress.NONE);
      assertEquals("gen-000001", s.generation().getFileName().toString());
      return searchView(index);
    };
    String reference = under(new Setting("UTC", "en-US"), buildAndSearch);
    assertEquals(reference, under(SETTINGS.get(1), buildAndSearch), "built and searched under " + SETTINGS.get(1));
  }
}
