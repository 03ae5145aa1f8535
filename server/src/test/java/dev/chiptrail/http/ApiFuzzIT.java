package dev.chiptrail.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Every /api/* endpoint and parameter over real HTTP with random values: Unicode, control characters,
 * lone surrogates (sent as the invalid UTF-8 bytes they would encode to), bytes that are not UTF-8,
 * empty and 7,000-character values, unknown parameters. No answer may be a 5xx, each must come within
 * a bound, and no error may quote {@code <script>} (or any {@code <}) verbatim. Fixed seed;
 * {@code -Dchiptrail.fuzz.cases=N} (and {@code -Dchiptrail.fuzz.seed=S}) run longer or other runs.
 */
class ApiFuzzIT {
  static final long SEED = Long.getLong("chiptrail.fuzz.seed", 20261122L);
  static final int CASES = Integer.getInteger("chiptrail.fuzz.cases", 10_000);
  static final int THREADS = 6;
  static final long BOUND_MILLIS = 5_000;

  static final List<String> SEARCH_PARAMS = List.of("q", "from", "to", "sort", "exact_script", "size", "page", "cursor", "facets",
      "kind", "provider", "chip", "model", "entity_type", "entity", "intermediary", "status", "list", "language", "outlet");
  static final List<String> SAMPLES = List.of("aws", "A100", "之江实验室", "2024", "2024-03", "2024-02-30", "10", "0", "-1", "100", "101",
      "99999999999999999999", "relevance", "date", "-amount", "true", "false", "csv", "jsonl", "record", "article",
      "eyJzIjoicmVsZXZhbmNlIiwidiI6W251bGwsbnVsbF19", "provider,chip,date", "(a OR b", "\"unclosed", "a*b?c~2",
      "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR 1=1 --", "../../etc/passwd", "%00", "\\u0000");

  record Endpoint(String path, List<String> params) {}

  static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("/api/search", SEARCH_PARAMS),
      new Endpoint("/api/export", withFormat()),
      new Endpoint("/api/suggest", List.of("q", "size")),
      new Endpoint("/api/entities", List.of("q", "size")),
      new Endpoint("/api/docs/{id}", List.of()),
      new Endpoint("/api/entities/{id}", List.of()),
      new Endpoint("/api/stats", List.of()),
      new Endpoint("/api/openapi.json", List.of()),
      new Endpoint("/health", List.of()));

  static List<String> withFormat() {
    List<String> l = new ArrayList<>(SEARCH_PARAMS.subList(0, 5));
    l.addAll(SEARCH_PARAMS.subList(9, SEARCH_PARAMS.size()));
    l.add("format");
    return l;
  }

  /** A random value as a Java string (may hold lone surrogates). */
  static String value(Random r) {
    return switch (r.nextInt(10)) {
      case 0 -> "";
      case 1 -> "x".repeat(7000);
      case 2 -> randomUnicode(r, 7000);
      case 3, 4 -> SAMPLES.get(r.nextInt(SAMPLES.size()));
      case 5 -> SAMPLES.get(r.nextInt(SAMPLES.size())) + randomUnicode(r, 8);
      default -> randomUnicode(r, r.nextInt(40));
    };
  }

  static String randomUnicode(Random r, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(8)) {
        case 0 -> b.append((char) r.nextInt(0x20)); // control characters
        case 1 -> b.append((char) (0xD800 + r.nextInt(0x800))); // lone surrogates
        case 2 -> b.appendCodePoint(0x10000 + r.nextInt(0x100000 - 0x10000));
        case 3 -> b.append("<>&'\"%\\/:;=?#[]{}()*~^".charAt(r.nextInt(22)));
        default -> b.append((char) r.nextInt(0x10000));
      }
    }
    return b.toString();
  }

  /** Percent-encodes every UTF-16 unit's bytes; a lone surrogate becomes the (invalid) 3-byte form, sometimes a raw 0xFF. */
  static String encode(String s, Random r) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
        b.append(c);
        continue;
      }
      byte[] bytes;
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes = r.nextInt(4) == 0 ? new byte[] {(byte) 0xFF} : new byte[] {(byte) (0xE0 | (c >> 12)), (byte) (0x80 | ((c >> 6) & 0x3F)), (byte) (0x80 | (c & 0x3F))};
      } else {
        bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
      }
      for (byte x : bytes) b.append('%').append(String.format("%02X", x & 0xFF));
    }
    return b.toString();
  }

  static String randomTarget(Random r) {
    Endpoint e = ENDPOINTS.get(r.nextInt(ENDPOINTS.size()));
    String path = e.path().contains("{id}")
        ? e.path().replace("{id}", r.nextInt(5) == 0 ? "rec-zhejiang-lab-2024-04" : encode(value(r), r)) : e.path();
    StringBuilder q = new StringBuilder();
    int n = e.params().isEmpty() ? r.nextInt(2) : r.nextInt(5);
    for (int i = 0; i < n; i++) {
      String name = e.params().isEmpty() || r.nextInt(12) == 0 ? value(r) : e.params().get(r.nextInt(e.params().size()));
      q.append(q.isEmpty() ? '?' : '&').append(encode(name, r)).append('=').append(encode(value(r), r));
    }
    return path + q;
  }

  @Test
  void randomValuesForEveryEndpointAndParameterNeverGetA5xxAnEchoOrAHang() throws Exception {
    Api api = TestServer.api();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    List<String> targets = new ArrayList<>(CASES);
    Random r = new Random(SEED);
    for (int i = 0; i < CASES; i++) targets.add(randomTarget(r));
    AtomicInteger next = new AtomicInteger();
    AtomicLong slowest = new AtomicLong();
    AtomicInteger[] byClass = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> done = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int t = 0; t < THREADS; t++) {
      done.add(pool.submit(() -> {
        for (int i; (i = next.getAndIncrement()) < targets.size() && failures.size() < 10; ) {
          String target = targets.get(i);
          String shown = "case " + i + " (seed " + SEED + "): " + target.substring(0, Math.min(200, target.length()));
          long start = System.nanoTime();
          HttpResponse<String> resp;
          try {
            resp = client.send(HttpRequest.newBuilder(URI.create(api.base + target)).timeout(Duration.ofMillis(BOUND_MILLIS * 2)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
          } catch (Exception ex) {
            failures.add(shown + " -> " + ex);
            continue;
          }
          long ms = (System.nanoTime() - start) / 1_000_000;
          slowest.accumulateAndGet(ms, Math::max);
          int status = resp.statusCode();
          byClass[Math.min(5, status / 100)].incrementAndGet();
          if (status >= 500) failures.add(shown + " -> " + status + " " + resp.body().substring(0, Math.min(300, resp.body().length())));
          else if (ms > BOUND_MILLIS) failures.add(shown + " took " + ms + " ms");
          else if (status >= 400 && resp.body().contains("<")) failures.add(shown + " -> an error quoting '<' verbatim: " + resp.body().substring(0, Math.min(300, resp.body().length())));
        }
        return null;
      }));
    }
    for (Future<?> f : done) f.get();
    pool.shutdown();
    long seconds = (System.nanoTime() - t0) / 1_000_000_000;
    System.out.printf("ApiFuzzIT: %d requests in %d s, 2xx %d, 3xx %d, 4xx %d, 5xx %d, slowest %d ms%n",
        CASES, seconds, byClass[2].get(), byClass[3].get(), byClass[4].get(), byClass[5].get(), slowest.get());
    assertEquals(List.of(), failures);
    assertTrue(byClass[2].get() > CASES / 20 && byClass[4].get() > CASES / 20, "the generator reaches both successes and refusals");
    assertEquals(CASES, byClass[2].get() + byClass[3].get() + byClass[4].get());
  }
}
