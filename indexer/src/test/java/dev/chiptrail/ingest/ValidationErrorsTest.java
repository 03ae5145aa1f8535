package dev.chiptrail.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each fixture under {@code broken/} is the minimal valid data set ({@code valid-minimal/}) with one
 * defect; the reader must name the file, line, column (for JSON syntax), field and reason.
 */
class ValidationErrorsTest {
  static Path resource(String name) {
    try {
      return Path.of(ValidationErrorsTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> errorsOf(Path dataDir) throws IOException {
    ValidationException e = assertThrows(ValidationException.class, () -> DataReader.read(dataDir, List.of()));
    return e.errors().stream().map(ValidationError::toString).toList();
  }

  static Stream<Arguments> brokenFixtures() {
    return Stream.of(
        Arguments.of("malformed-json", List.of(
            "malformed-json/records/records.jsonl:2:64: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries")),
        Arguments.of("invalid-utf8", List.of(
            "invalid-utf8/articles/shenzhen-aws.md:7: invalid UTF-8 at byte offset 151 (byte 0xFF)",
            "invalid-utf8/records/records.jsonl:1: field 'sources[0]': unknown article id 'shenzhen-aws'")),
        Arguments.of("duplicate-id", List.of(
            "duplicate-id/records/records.jsonl:2: field 'id': duplicate id 'rec-shenzhen-2024-03' (first at duplicate-id/records/records.jsonl:1)")),
        Arguments.of("unknown-gazetteer-id", List.of(
            "unknown-gazetteer-id/records/records.jsonl:1: field 'entity': unknown gazetteer id 'shenzhen-univ'")),
        Arguments.of("bad-date", List.of(
            "bad-date/records/records.jsonl:1: field 'date': '2024-02-30' is not a real date: Invalid date 'FEBRUARY 30'")),
        Arguments.of("value-outside-vocabulary", List.of(
            "value-outside-vocabulary/records/records.jsonl:1: field 'status': 'rumoured' is not one of [purchased, planned, not_completed, unknown]")),
        Arguments.of("duplicate-json-key", List.of(
            "duplicate-json-key/records/records.jsonl:1:479: duplicate key 'status'; a key may appear once")),
        Arguments.of("trailing-garbage", List.of(
            "trailing-garbage/records/records.jsonl:1:471: unexpected text after the JSON value; each line holds exactly one JSON object")),
        Arguments.of("deep-nesting", List.of(
            "deep-nesting/records/records.jsonl:1:245: JSON nested deeper than 64 levels, the most allowed")),
        Arguments.of("duplicate-front-matter-key", List.of(
            "duplicate-front-matter-key/articles/shenzhen-aws.md:6:6: duplicate key 'title'; a key may appear once",
            "duplicate-front-matter-key/records/records.jsonl:1: field 'sources[0]': unknown article id 'shenzhen-aws'")),
        Arguments.of("unknown-field", List.of(
            "unknown-field/records/records.jsonl:1:487: field 'colour': unknown field 'colour'; the known fields are amount, chips, date, "
                + "entity, id, intermediary, intermediary_role, models, providers, quantity_en, quantity_zh, restrictions, sought_en, "
                + "sought_zh, sources, status, summary_en, summary_zh, title_en, title_zh")),
        Arguments.of("unknown-front-matter-field", List.of(
            "unknown-front-matter-field/articles/shenzhen-aws.md:6:1: field 'author': unknown field 'author'; the known fields are body, "
                + "date, id, language, outlet, source, title, url",
            "unknown-front-matter-field/records/records.jsonl:1: field 'sources[0]': unknown article id 'shenzhen-aws'")),
        Arguments.of("empty-records-file", List.of(
            "empty-records-file/records/records.jsonl: the file is empty")),
        Arguments.of("empty-article", List.of(
            "empty-article/articles/shenzhen-aws.md: the file is empty",
            "empty-article/records/records.jsonl:1: field 'sources[0]': unknown article id 'shenzhen-aws'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFixtures")
  void eachDefectIsReportedWithFileLineFieldAndReason(String fixture, List<String> expected) throws IOException {
    assertEquals(expected, errorsOf(resource("broken/" + fixture)));
  }

  @Test
  void theMinimalDataSetItselfIsValid() throws Exception {
    DataSet ds = DataReader.read(resource("valid-minimal"), List.of());
    assertEquals(1, ds.records().size());
    assertEquals(1, ds.articles().size());
    assertEquals(4, ds.gazetteer().size());
  }

  @Test
  void byteOrderMarkAndCrlfLineEndsAreAcceptedAndReadAsWithout() throws Exception {
    DataSet plain = DataReader.read(resource("valid-minimal"), List.of());
    DataSet bom = DataReader.read(resource("broken/bom-and-crlf"), List.of());
    assertEquals(plain.records(), bom.records());
    assertEquals(List.copyOf(plain.gazetteer().entities()), List.copyOf(bom.gazetteer().entities()));
    Article a = plain.articles().get(0);
    Article b = bom.articles().get(0);
    assertEquals(List.of(a.id(), a.title(), a.outlet(), a.date(), a.language(), a.body()),
        List.of(b.id(), b.title(), b.outlet(), b.date(), b.language(), b.body()));
  }

  /** Copies the minimal data set so a test can add one file too big to keep in the repository. */
  static Path copyOfMinimal(Path dir) throws IOException {
    Path src = resource("valid-minimal");
    Path dst = dir.resolve("data");
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.toList()) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
    return dst;
  }

  @Test
  void aStringOverOneMebibyteIsAnErrorNamingFileLineAndField(@TempDir Path tmp) throws IOException {
    Path data = copyOfMinimal(tmp);
    String body = "x".repeat(Json.MAX_STRING + 1);
    Files.writeString(data.resolve("articles/long.json"), "{\"title\": \"Long\",\n \"body\": \"" + body + "\"}\n");
    assertEquals(List.of("data/articles/long.json:2:1048589: field 'body': a string longer than 1048576 characters (1 MiB), the most allowed"),
        errorsOf(data));
  }

  @Test
  void anOutletOverLucenesFacetPathLimitIsAnErrorNotAFailureAtIndexTime(@TempDir Path tmp) throws IOException {
    Path data = copyOfMinimal(tmp);
    Path article = data.resolve("articles/shenzhen-aws.md");
    // 20,000 Han characters: 60,000 bytes of UTF-8, though only 20,000 chars.
    String outlet = "报".repeat(20_000);
    Files.writeString(article, Files.readString(article).replace("Test Ledger", outlet));
    assertEquals(List.of(
            "data/articles/shenzhen-aws.md:1: field 'outlet': is 20000 characters; a facet value may have at most 8127 "
                + "(Lucene's facet path limit is 8191 characters)",
            "data/records/records.jsonl:1: field 'sources[0]': unknown article id 'shenzhen-aws'"),
        errorsOf(data));
  }

  @Test
  void anIdOverLucenesTermLimitIsAnError(@TempDir Path tmp) throws IOException {
    Path data = copyOfMinimal(tmp);
    Path records = data.resolve("records/records.jsonl");
    Files.writeString(records, Files.readString(records).replace("rec-shenzhen-2024-03", "r".repeat(40_000)));
    assertEquals(List.of(
            "data/records/records.jsonl:1: field 'id': is 40000 bytes in UTF-8; a value indexed as one term may have at most 32510 "
                + "(Lucene's term limit is 32766 bytes)"),
        errorsOf(data));
  }

  @Test
  void aMissingDataFolderIsAnError(@TempDir Path tmp) throws IOException {
    Path missing = tmp.resolve("nope");
    assertEquals(List.of(missing + ": no such data folder"), errorsOf(missing));
  }

  @Test
  void everyErrorIsReportedNotJustTheFirst(@TempDir Path tmp) throws IOException {
    Path data = copyOfMinimal(tmp);
    Path records = data.resolve("records/records.jsonl");
    String rec = Files.readString(records, StandardCharsets.UTF_8).strip();
    Files.writeString(records, rec.replace("\"purchased\"", "\"rumoured\"") + "\n"
        + rec.replace("rec-shenzhen-2024-03", "rec-two").replace("2024-03", "2024-13") + "\n");
    assertEquals(List.of(
            "data/records/records.jsonl:1: field 'status': 'rumoured' is not one of [purchased, planned, not_completed, unknown]",
            "data/records/records.jsonl:2: field 'date': '2024-13' is not a real date: Invalid value for MonthOfYear (valid values 1 - 12): 13"),
        errorsOf(data));
  }
}
