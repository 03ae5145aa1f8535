package dev.chiptrail.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chiptrail.index.BuildSummary;
import dev.chiptrail.index.IndexBuilder;
import dev.chiptrail.index.IndexerConfig;
import dev.chiptrail.ingest.Article;
import dev.chiptrail.ingest.DataReader;
import dev.chiptrail.ingest.DataSet;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.ingest.Record;
import dev.chiptrail.schema.Schema;
import dev.chiptrail.search.SearchRequest;
import dev.chiptrail.search.SearchResult;
import dev.chiptrail.search.IndexSnapshot;
import dev.chiptrail.search.SearchService;
import dev.chiptrail.search.Searchers;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;

/**
 * The in-process benchmark: generates (or reuses) a corpus, measures the analysis chains alone,
 * indexing with one thread and with all cores, and a fixed versioned query mix, and returns every
 * figure as a report (a JSON tree) with the targets of the 1M-document goal checked. The HTTP figures
 * come from {@code bench/http-bench.sh}, which merges its own into the same report.
 */
public final class Benchmark {
  public static final String QUERY_RESOURCE = "/bench/queries-v1.json";
  /** Text fields every document's text is analysed into (see DocumentBuilder.base). */
  static final List<String> TEXT_FIELDS = List.of(Schema.TEXT_EN, Schema.TEXT_ZH, Schema.TEXT_CJK, Schema.TEXT_CJK_EXACT);
  static final int[] CONCURRENCY = {1, 8, 64};

  /**
   * @param docs documents to generate (ignored with {@code corpus})
   * @param seed generator seed
   * @param corpus an existing corpus to reuse, or null to generate one in {@code work}
   * @param work folder for the corpus and the indexes
   * @param queries a query-mix file, or null for the built-in queries-v1
   * @param threads "all cores" (default: available processors)
   * @param secondsPerClass measuring time per query class
   * @param concurrencySeconds measuring time per in-process concurrency level
   * @param shippedGazetteer the gazetteer the generator builds on
   * @param singleThreadSample documents the one-thread figures (analysis, indexing) use, 0 for all: at
   *     1M documents the one-thread runs alone would take hours, and a throughput needs no full pass
   * @param index an existing index folder to measure the search on, or null to build one: at 1M
   *     documents a build takes most of an hour, and a change to the search needs none
   */
  public record Options(int docs, long seed, Path corpus, Path work, Path queries, int threads,
      double secondsPerClass, double concurrencySeconds, Path shippedGazetteer, int singleThreadSample, Path index) {}

  /** One query of the mix. */
  record Query(String cls, SearchRequest request, int pages, String prefix) {}

  private final PrintWriter log;

  public Benchmark(PrintWriter log) {
    this.log = log;
  }

  public Map<String, Object> run(Options o) throws Exception {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("report_version", 1);
    report.put("generated_at", Instant.now().toString());
    report.put("machine", machine());
    Files.createDirectories(o.work());
    if (o.index() != null) return searchOnly(o, report);

    Path corpus = o.corpus();
    Map<String, Object> corpusInfo = new LinkedHashMap<>();
    if (corpus == null) {
      corpus = o.work().resolve("corpus");
      say("generating %d documents (seed %d) into %s", o.docs(), o.seed(), corpus);
      CorpusGenerator.Summary g = new CorpusGenerator(o.shippedGazetteer()).generate(o.docs(), o.seed(), corpus);
      corpusInfo.put("generated", true);
      corpusInfo.put("seed", g.seed());
      corpusInfo.put("generate_ms", g.millis());
    } else {
      corpusInfo.put("generated", false);
    }
    corpusInfo.put("path", corpus.toAbsolutePath().toString());

    long t0 = System.nanoTime();
    DataSet ds = DataReader.read(corpus, List.of());
    long readMs = ms(t0);
    // Texts are rebuilt when needed rather than kept: at 1M documents a second copy of every text
    // would double the heap the benchmark needs.
    java.util.function.IntFunction<String> texts = i -> i < ds.records().size() ? ds.records().get(i).text()
        : ds.articles().get(i - ds.records().size()).text();
    int docs = ds.records().size() + ds.articles().size();
    long textBytes = 0;
    for (int i = 0; i < docs; i++) textBytes += texts.apply(i).getBytes(StandardCharsets.UTF_8).length;
    corpusInfo.put("documents", docs);
    corpusInfo.put("records", ds.records().size());
    corpusInfo.put("articles", ds.articles().size());
    corpusInfo.put("entities", ds.gazetteer().size());
    corpusInfo.put("input_files", ds.inputFiles());
    corpusInfo.put("text_bytes", textBytes);
    corpusInfo.put("read_and_validate_ms", readMs);
    report.put("corpus", corpusInfo);
    say("read and validated %d documents (%.1f MB of text) in %d ms", docs, textBytes / 1e6, readMs);

    // Analysis alone: the ceiling indexing can approach.
    Map<String, Object> analysis = new LinkedHashMap<>();
    analyse(texts, Math.min(docs, 500), textBytes, 1); // warm-up: class loading, smartcn dictionaries, JIT
    DataSet single = o.singleThreadSample() > 0 && o.singleThreadSample() < docs ? slice(ds, o.singleThreadSample()) : ds;
    int singleDocs = single.records().size() + single.articles().size();
    java.util.function.IntFunction<String> singleTexts = i -> i < single.records().size() ? single.records().get(i).text()
        : single.articles().get(i - single.records().size()).text();
    long singleBytes = 0;
    for (int i = 0; i < singleDocs; i++) singleBytes += singleTexts.apply(i).getBytes(StandardCharsets.UTF_8).length;
    analysis.put("threads_1", analyse(singleTexts, singleDocs, singleBytes, 1));
    analysis.put("threads_all", analyse(texts, docs, textBytes, o.threads()));
    report.put("analysis", analysis);
    say("analysis: %s", analysis);

    Map<String, Object> indexing = new LinkedHashMap<>();
    Path index1 = o.work().resolve("index-1");
    Path indexAll = o.work().resolve("index-all");
    // Warm-up on a slice, so the one-thread run (measured first) does not pay for the JIT alone.
    DataSet warm = slice(ds, 500);
    index(warm, corpus, o.work().resolve("index-warmup"), o.threads(), warm.records().size() + warm.articles().size(), 1);
    indexing.put("threads_1", index(single, corpus, index1, 1, singleDocs, singleBytes));
    long tFirst = System.nanoTime();
    Map<String, Object> all = index(ds, corpus, indexAll, o.threads(), docs, textBytes);
    long firstQueryMs;
    try (Searchers s = Searchers.open(indexAll)) {
      new SearchService(s).search(SearchRequest.of(""));
      firstQueryMs = ms(tFirst);
    }
    indexing.put("threads_all", all);
    indexing.put("time_to_first_searchable_ms", readMs + firstQueryMs);
    indexing.put("time_to_first_searchable_note", "read and validate + build with all cores + commit + open + first query");
    long indexBytes = ((Number) all.get("index_bytes")).longValue();
    indexing.put("index_bytes", indexBytes);
    indexing.put("index_bytes_per_doc", docs == 0 ? 0 : (double) indexBytes / docs);
    double analysisAll = (double) ((Map<?, ?>) analysis.get("threads_all")).get("docs_per_s");
    indexing.put("ratio_to_analysis_all_cores", (double) all.get("docs_per_s") / analysisAll);
    Object analysisCpu = ((Map<?, ?>) analysis.get("threads_all")).get("docs_per_cpu_s");
    if (analysisCpu instanceof Double a && all.get("docs_per_cpu_s") instanceof Double i) {
      indexing.put("ratio_to_analysis_per_cpu_second", i / a);
    }
    report.put("indexing", indexing);
    say("indexing: %s", indexing);

    measureSearch(o, indexAll, report);
    return report;
  }

  /** The search half alone, on an index built earlier: its documents are counted from the index. */
  private Map<String, Object> searchOnly(Options o, Map<String, Object> report) throws Exception {
    Map<String, Object> corpusInfo = new LinkedHashMap<>();
    try (Searchers s = Searchers.open(o.index())) {
      IndexSnapshot snap = s.acquire();
      try {
        JsonNode counts = Json.STRICT.readTree(snap.commitData().get(Schema.COMMIT_COUNTS));
        corpusInfo.put("index", o.index().toAbsolutePath().toString());
        corpusInfo.put("documents", counts.path("record").asInt() + counts.path("article").asInt());
        corpusInfo.put("records", counts.path("record").asInt());
        corpusInfo.put("articles", counts.path("article").asInt());
        corpusInfo.put("entities", counts.path("entities").asInt());
        corpusInfo.put("segments", snap.reader().leaves().size());
      } finally {
        s.release(snap);
      }
    }
    report.put("corpus", corpusInfo);
    String why = "not measured: --index measures the search of an existing index only";
    report.put("analysis", Map.of("status", why));
    report.put("indexing", Map.of("status", why));
    say("searching the existing index %s (%s documents)", o.index(), corpusInfo.get("documents"));
    measureSearch(o, o.index(), report);
    return report;
  }

  /** The query mix on one thread and on 1, 8 and 64, the URLs of the same mix for wrk, and the targets. */
  private void measureSearch(Options o, Path index, Map<String, Object> report) throws Exception {
    List<Query> mix = loadQueries(o.queries());
    Map<String, Object> search = new LinkedHashMap<>();
    search.put("query_set", querySetVersion(o.queries()));
    try (Searchers s = Searchers.open(index)) {
      SearchService service = new SearchService(s);
      search.put("classes", measureClasses(service, mix, o.secondsPerClass()));
      search.put("concurrency", measureConcurrency(service, mix, o.concurrencySeconds()));
    }
    report.put("search", search);
    report.put("index_path", index.toAbsolutePath().toString());
    Path urls = o.work().resolve("http-urls.txt");
    Files.write(urls, httpUrls(mix, false));
    Files.write(o.work().resolve("http-suggest-urls.txt"), httpUrls(mix, true));
    report.put("http_urls", urls.toAbsolutePath().toString());
    report.put("http", Map.of("status", "not measured: run bench/http-bench.sh REPORT.json to add the HTTP figures"));
    report.put("targets", Targets.inProcess(report));
  }

  /** The first {@code n} documents, records and articles in their proportions. */
  static DataSet slice(DataSet ds, int n) {
    int total = ds.records().size() + ds.articles().size();
    if (n >= total) return ds;
    int records = (int) Math.round((double) n * ds.records().size() / total);
    return new DataSet(ds.gazetteer(), ds.records().subList(0, records), ds.articles().subList(0, n - records),
        ds.checksum(), ds.inputFiles());
  }

  private void say(String fmt, Object... args) {
    log.println("bench: " + String.format(Locale.ROOT, fmt, args));
    log.flush();
  }

  static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) m.put("memory_bytes", sun.getTotalMemorySize());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    m.put("jvm", System.getProperty("java.vm.name") + " " + Runtime.version());
    m.put("jvm_max_heap_bytes", Runtime.getRuntime().maxMemory());
    m.put("lucene", org.apache.lucene.util.Version.LATEST.toString());
    return m;
  }

  /** Runs every text through every text field's chain, consuming the tokens, on {@code threads} threads. */
  static Map<String, Object> analyse(java.util.function.IntFunction<String> texts, int docs, long bytes, int threads) throws Exception {
    AtomicLong tokens = new AtomicLong();
    long cpu0 = processCpuNanos();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int k = 0; k < threads; k++) {
        int part = k;
        fs.add(pool.submit(() -> {
          long n = 0;
          try (Analyzer a = Schema.indexAnalyzer()) {
            for (int i = part; i < docs; i += threads) {
              String text = texts.apply(i);
              for (String field : TEXT_FIELDS) {
                try (TokenStream ts = a.tokenStream(field, text)) {
                  ts.reset();
                  while (ts.incrementToken()) n++;
                  ts.end();
                }
              }
            }
          }
          tokens.addAndGet(n);
          return null;
        }));
      }
      for (Future<?> f : fs) f.get();
    } finally {
      pool.shutdownNow();
    }
    double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threads", threads);
    m.put("documents", docs);
    m.put("ms", Math.round(secs * 1000));
    m.put("tokens", tokens.get());
    m.put("docs_per_s", docs / secs);
    m.put("mb_per_s", bytes / 1e6 / secs);
    cpu(m, cpu0, docs);
    return m;
  }

  private Map<String, Object> index(DataSet ds, Path corpus, Path dir, int threads, int docs, long textBytes) throws IOException {
    System.gc();
    resetPeaks();
    IndexerConfig cfg = new IndexerConfig(corpus, List.of(), dir, threads, false);
    long cpu0 = processCpuNanos();
    long start = System.nanoTime();
    BuildSummary s = new IndexBuilder(cfg).build(ds, IndexBuilder.Progress.NONE);
    double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threads", threads);
    m.put("documents", docs);
    m.put("ms", Math.round(secs * 1000));
    m.put("docs_per_s", docs / secs);
    m.put("mb_per_s", textBytes / 1e6 / secs);
    m.put("index_bytes", s.indexBytes());
    m.put("peak_heap_bytes", peakHeap());
    cpu(m, cpu0, docs);
    return m;
  }

  /** CPU the whole process used (all threads, GC and JIT included), in nanoseconds; -1 if unknown. */
  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  /**
   * CPU seconds beside the wall clock: on a machine shared with other work, docs per CPU-second still
   * compares the chains with indexing, while docs per second also measures the neighbours.
   */
  private static void cpu(Map<String, Object> m, long cpu0, int docs) {
    long cpu1 = processCpuNanos();
    if (cpu0 < 0 || cpu1 < 0) return;
    double cpuSecs = Math.max(1e-9, (cpu1 - cpu0) / 1e9);
    m.put("cpu_ms", Math.round(cpuSecs * 1000));
    m.put("docs_per_cpu_s", docs / cpuSecs);
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }
  }

  /** Sum of the heap pools' peaks since the last reset: an upper bound of the heap in use. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
    }
    return sum;
  }

  static String querySetVersion(Path file) throws IOException {
    return readMix(file).path("version").asText("unknown");
  }

  private static JsonNode readMix(Path file) throws IOException {
    if (file != null) return Json.STRICT.readTree(Files.readString(file));
    try (InputStream in = Benchmark.class.getResourceAsStream(QUERY_RESOURCE)) {
      if (in == null) throw new IOException("the query mix " + QUERY_RESOURCE + " is missing from the classpath");
      return Json.STRICT.readTree(in);
    }
  }

  static List<Query> loadQueries(Path file) throws IOException {
    JsonNode root = readMix(file);
    List<Query> out = new ArrayList<>();
    String where = file == null ? QUERY_RESOURCE : file.toString();
    int i = 0;
    for (JsonNode q : root.path("queries")) {
      i++;
      String cls = q.path("class").asText(null);
      if (cls == null) throw new IllegalArgumentException(where + ": query " + i + " has no \"class\"");
      if (cls.equals("suggest")) {
        out.add(new Query(cls, null, 0, q.path("prefix").asText("")));
        continue;
      }
      Map<String, List<String>> filters = new LinkedHashMap<>();
      q.path("filters").properties().forEach(e -> {
        List<String> vs = new ArrayList<>();
        e.getValue().forEach(v -> vs.add(v.asText()));
        filters.put(e.getKey(), vs);
      });
      List<String> facets = null;
      if (q.has("facets")) {
        facets = new ArrayList<>();
        for (JsonNode f : q.get("facets")) facets.add(f.asText());
      }
      SearchRequest r = new SearchRequest(q.path("q").asText(""), filters, q.path("from").asText(null),
          q.path("to").asText(null), q.path("sort").asText("relevance"), q.path("size").asInt(SearchRequest.DEFAULT_SIZE),
          1, null, facets, false);
      try {
        SearchService.validate(r);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(where + ": query " + i + " (" + cls + "): " + e.getMessage(), e);
      }
      out.add(new Query(cls, r, q.path("pages").asInt(1), null));
    }
    if (out.isEmpty()) throw new IllegalArgumentException(where + ": no queries");
    return out;
  }

  /** Each class on one thread for {@code seconds}: latency percentiles and QPS. */
  private Map<String, Object> measureClasses(SearchService service, List<Query> mix, double seconds) throws IOException {
    // Warm-up over the whole mix, so the first class does not pay for JIT and page cache.
    long warmEnd = System.nanoTime() + (long) (Math.min(2.0, seconds) * 1e9);
    while (System.nanoTime() < warmEnd) {
      for (Query q : mix) if (q.request() != null) service.search(q.request());
    }
    Map<String, List<Query>> byClass = new LinkedHashMap<>();
    for (Query q : mix) byClass.computeIfAbsent(q.cls(), k -> new ArrayList<>()).add(q);
    Map<String, Object> out = new LinkedHashMap<>();
    for (var e : byClass.entrySet()) {
      if (e.getKey().equals("suggest")) {
        out.put("suggest", measureSuggest(service.searchers(), e.getValue(), seconds));
        continue;
      }
      List<Long> nanos = new ArrayList<>();
      long hitsSeen = 0;
      long busy = 0;
      long end = System.nanoTime() + (long) (seconds * 1e9);
      do {
        for (Query q : e.getValue()) {
          String cursor = null;
          for (int page = 0; page < q.pages(); page++) {
            SearchRequest r = cursor == null ? q.request() : q.request().withCursor(cursor);
            long t = System.nanoTime();
            SearchResult res = service.search(r);
            long d = System.nanoTime() - t;
            nanos.add(d);
            busy += d;
            hitsSeen += res.total();
            cursor = res.nextCursor();
            if (cursor == null) break;
          }
        }
      } while (System.nanoTime() < end);
      Map<String, Object> m = percentiles(nanos);
      m.put("qps", nanos.size() / (busy / 1e9));
      m.put("mean_total_hits", (double) hitsSeen / nanos.size());
      out.put(e.getKey(), m);
      say("%-16s %s", e.getKey(), m);
    }
    return out;
  }

  /**
   * Suggest in process, if this build has {@code dev.chiptrail.search.Suggester} (it comes with the
   * server's branch): looked up by name so the benchmark builds and runs either way; without it the
   * report says so and bench/http-bench.sh measures /api/suggest.
   */
  private Map<String, Object> measureSuggest(Searchers searchers, List<Query> queries, double seconds) {
    java.lang.invoke.MethodHandle suggest;
    Object suggester;
    try {
      Class<?> c = Class.forName("dev.chiptrail.search.Suggester");
      suggester = c.getConstructor(Searchers.class).newInstance(searchers);
      suggest = java.lang.invoke.MethodHandles.publicLookup().findVirtual(c, "suggest",
          java.lang.invoke.MethodType.methodType(c.getMethod("suggest", String.class, int.class).getReturnType(), String.class, int.class));
    } catch (ReflectiveOperationException ex) {
      return new LinkedHashMap<>(Map.of("status", "no in-process Suggester in this build; bench/http-bench.sh measures /api/suggest"));
    }
    try {
      List<Long> nanos = new ArrayList<>();
      long busy = 0;
      long warmEnd = System.nanoTime() + (long) (Math.min(1.0, seconds) * 1e9);
      while (System.nanoTime() < warmEnd) for (Query q : queries) suggest.invoke(suggester, q.prefix(), 8);
      long end = System.nanoTime() + (long) (seconds * 1e9);
      do {
        for (Query q : queries) {
          long t = System.nanoTime();
          suggest.invoke(suggester, q.prefix(), 8);
          long d = System.nanoTime() - t;
          nanos.add(d);
          busy += d;
        }
      } while (System.nanoTime() < end);
      Map<String, Object> m = percentiles(nanos);
      m.put("qps", nanos.size() / (busy / 1e9));
      say("%-16s %s", "suggest", m);
      return m;
    } catch (Throwable t) {
      throw new IllegalStateException("suggest failed: " + t, t);
    }
  }

  static Map<String, Object> percentiles(List<Long> nanos) {
    long[] a = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(a);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", a.length);
    m.put("p50_ms", pct(a, 0.50));
    m.put("p95_ms", pct(a, 0.95));
    m.put("p99_ms", pct(a, 0.99));
    m.put("max_ms", a.length == 0 ? 0 : a[a.length - 1] / 1e6);
    return m;
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) return 0;
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  /** The search mix (first pages) on 1, 8 and 64 threads: the in-process side of the HTTP ratio. */
  private Map<String, Object> measureConcurrency(SearchService service, List<Query> mix, double seconds) throws Exception {
    List<SearchRequest> reqs = mix.stream().filter(q -> q.request() != null).map(Query::request).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    for (int c : CONCURRENCY) {
      AtomicLong ops = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      AtomicReference<String> firstError = new AtomicReference<>();
      long end = System.nanoTime() + (long) (seconds * 1e9);
      long start = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(c);
      try {
        List<Future<?>> fs = new ArrayList<>();
        for (int k = 0; k < c; k++) {
          int offset = k;
          fs.add(pool.submit(() -> {
            int i = offset;
            // At least one request per thread, however late the pool started it.
            do {
              try {
                service.search(reqs.get(i++ % reqs.size()));
                ops.incrementAndGet();
              } catch (Exception ex) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, ex.toString());
              }
            } while (System.nanoTime() < end);
            return null;
          }));
        }
        for (Future<?> f : fs) f.get();
      } finally {
        pool.shutdownNow();
      }
      double secs = (System.nanoTime() - start) / 1e9;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("threads", c);
      m.put("qps", ops.get() / secs);
      m.put("requests", ops.get());
      m.put("errors", errors.get());
      if (firstError.get() != null) m.put("first_error", firstError.get());
      out.put(Integer.toString(c), m);
      say("in-process %2d threads: %.1f QPS, %d errors%s", c, ops.get() / secs, errors.get(),
          firstError.get() == null ? "" : " (first: " + firstError.get() + ")");
    }
    return out;
  }

  /** The same mix as /api/search (or /api/suggest) URLs, one per line, for wrk. */
  static List<String> httpUrls(List<Query> mix, boolean suggest) {
    List<String> out = new ArrayList<>();
    for (Query q : mix) {
      if (suggest != (q.request() == null)) continue;
      if (suggest) {
        out.add("/api/suggest?q=" + enc(q.prefix()));
        continue;
      }
      SearchRequest r = q.request();
      StringBuilder sb = new StringBuilder("/api/search?q=").append(enc(r.q()));
      r.filters().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> e.getValue().forEach(v -> sb.append('&').append(e.getKey()).append('=').append(enc(v))));
      if (r.from() != null) sb.append("&from=").append(enc(r.from()));
      if (r.to() != null) sb.append("&to=").append(enc(r.to()));
      if (!r.sort().equals("relevance")) sb.append("&sort=").append(enc(r.sort()));
      if (r.size() != SearchRequest.DEFAULT_SIZE) sb.append("&size=").append(r.size());
      if (r.facets() != null) sb.append("&facets=").append(enc(String.join(",", r.facets())));
      out.add(sb.toString());
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
