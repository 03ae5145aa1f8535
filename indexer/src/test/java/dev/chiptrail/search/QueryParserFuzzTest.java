package dev.chiptrail.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chiptrail.schema.Schema;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Random queries through the parser and the whole search: the only failure allowed is a
 * {@link BadRequestException} naming q, and each query is answered within a time bound. The seed is
 * fixed; {@code -Dchiptrail.fuzz.cases=N} and {@code -Dchiptrail.fuzz.seed=S} run a longer or another
 * run.
 */
class QueryParserFuzzTest {
  static final long SEED = Long.getLong("chiptrail.fuzz.seed", 20261122L);
  static final int CASES = Integer.getInteger("chiptrail.fuzz.cases", 10_000);
  static final Set<String> FIELDS;

  static {
    Set<String> f = new LinkedHashSet<>(Schema.FILTER_DIMS);
    f.add("id");
    FIELDS = Set.copyOf(f);
  }

  static final String[] PIECES = {
      "(", ")", "\"", "-", "+", "OR", "AND", "NOT", ":", "*", "?", "~", "~2", "^3", "/", "\\", "{", "}", "[", "]",
      "provider:", "chip:a100", "id:", "aws", "A100", "之江实验室", "之", "Zhijiang", "深圳大學", "nvidia", " ", "  ", "\t", "\n",
      "\u0000", "\u200B", "\uFEFF", "\u0301", "\uD83D\uDE00", "\uD800", "\uDC00", "<script>", "&amp;", "%00", "'", "\u202E",
  };

  /** A random query: pieces of the query language mixed with random code units (lone surrogates included). */
  static String randomQuery(Random r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(4)) {
        case 0 -> b.append(PIECES[r.nextInt(PIECES.length)]);
        case 1 -> b.append((char) r.nextInt(0x10000));
        case 2 -> b.append((char) r.nextInt(0x80));
        default -> b.append(PIECES[r.nextInt(PIECES.length)]).append(' ');
      }
    }
    switch (r.nextInt(50)) {
      case 0 -> b.append("(".repeat(r.nextInt(10_001)));
      case 1 -> b.append("x ".repeat(r.nextInt(3000)));
      case 2 -> b.append("\"".repeat(r.nextInt(500)));
      case 3 -> b.append("a".repeat(r.nextInt(5000)));
      default -> { }
    }
    return b.toString();
  }

  /** The query, shortened and escaped, for a failure message. */
  static String describe(String q) {
    StringBuilder b = new StringBuilder(q.length() + " chars: ");
    q.chars().limit(120).forEach(c -> b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
    return b.toString();
  }

  @Test
  void randomQueriesParseOrFailWithABadRequestNamingQ() {
    Random r = new Random(SEED);
    int rejected = 0;
    for (int i = 0; i < CASES; i++) {
      String q = randomQuery(r);
      long t0 = System.nanoTime();
      try {
        QueryParser.parse(q, FIELDS);
      } catch (BadRequestException e) {
        rejected++;
        assertEquals("q", e.param(), q);
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("case " + i + " (seed " + SEED + ") threw " + e + " for " + q.length() + " chars", e);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 1000, "case " + i + " took " + ms + " ms: " + describe(q));
    }
    // The generator reaches both outcomes, or it tests nothing.
    assertTrue(rejected > CASES / 20 && rejected < CASES - CASES / 20, rejected + " of " + CASES + " rejected");
  }

  @Test
  void randomQueriesThroughTheWholeSearchNeverFailOtherwise() throws Exception {
    SearchService service = ShippedIndex.service();
    Random r = new Random(SEED + 1);
    int n = Math.max(1000, CASES / 10);
    for (int i = 0; i < n; i++) {
      String q = randomQuery(r);
      long t0 = System.nanoTime();
      try {
        service.search(SearchRequest.of(q).withSize(5));
      } catch (BadRequestException e) {
        assertEquals("q", e.param(), q);
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("case " + i + " (seed " + (SEED + 1) + ") threw " + e + " for " + q.length() + " chars", e);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 2000, "case " + i + " took " + ms + " ms: " + describe(q));
    }
  }

  @Test
  void moreThan1024WordsAndNestingDeeperThan100AreRefusedBeforeSearching() {
    String words = IntStream.range(0, QueryParser.MAX_CLAUSES + 1).mapToObj(i -> "w").collect(Collectors.joining(" "));
    BadRequestException e = assertThrows(BadRequestException.class, () -> QueryParser.parse(words, FIELDS));
    assertTrue(e.getMessage().contains("more than 1024"), e.getMessage());
    QueryParser.parse(words.substring(2), FIELDS);
    String deep = "(".repeat(10_000) + "a" + ")".repeat(10_000);
    BadRequestException d = assertThrows(BadRequestException.class, () -> QueryParser.parse(deep.substring(0, 4000), FIELDS));
    assertTrue(d.getMessage().contains("deeper than 100"), d.getMessage());
  }
}
