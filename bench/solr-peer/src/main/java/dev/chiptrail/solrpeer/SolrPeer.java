package dev.chiptrail.solrpeer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * The Solr comparison peer of {@code ./chiptrail bench}: indexes a corpus written by
 * {@code ./chiptrail generate} into an embedded Solr core whose schema mirrors chiptrail's analysis,
 * with 1 and 2 threads (a fresh core each time, the commit included), then runs chiptrail's query mix
 * as top-10 + 4-facet requests on one thread, and writes every figure as a JSON report.
 */
public final class SolrPeer {
  static final String CORE = "peer";
  static final String[] CONF_FILES = {"solrconfig.xml", "managed-schema.xml", "t2s-mapping.txt", "ideographic-type.txt", "zh-punctuation.txt"};

  record Options(Path corpus, Path out, int docs, Path work, boolean keep, Path queries, double secondsPerClass,
      double warmupSeconds, int[] threads, int batch, int warmupDocs, List<String> argv) {}

  private static final String USAGE = """
      usage: SolrPeer CORPUS_DIR --queries FILE [--out FILE] [--docs N] [--work DIR] [--keep]
                      [--seconds-per-class S] [--warmup-seconds S] [--threads 1,2] [--batch N] [--warmup-docs N]
        CORPUS_DIR           a corpus written by ./chiptrail generate
        --queries FILE       chiptrail's query mix (indexer/src/main/resources/bench/queries-v1.json)
        --out FILE           JSON report (default solr-report.json); the Markdown table goes beside it as .md
        --docs N             index only the first N documents (records and articles in proportion)
        --work DIR           folder for the Solr homes (default: a new temporary folder, deleted at the end)
        --keep               keep the Solr homes and indexes
        --seconds-per-class  measuring time per query class, and for the whole mix (default 10)
        --warmup-seconds     query warm-up over the whole mix (default 5)
        --threads            indexing runs, comma-separated thread counts (default 1,2)
        --batch N            documents per add request (default 500)
        --warmup-docs N      documents indexed into a throw-away core before the measured runs (default 500, as chiptrail)
      """;

  public static void main(String[] args) throws Exception {
    // Lucene and Jersey log through java.util.logging: keep their start-up notices quiet.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    java.util.logging.Logger.getLogger("org.glassfish").setLevel(java.util.logging.Level.SEVERE);
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("solr-peer: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    Map<String, Object> report = new SolrPeer().run(o);
    write(report, o.out());
    System.exit(0); // Solr leaves non-daemon executor threads behind
  }

  static Options parse(String[] a) {
    Path corpus = null, out = Path.of("solr-report.json"), work = null, queries = null;
    int docs = 0, batch = 500, warmupDocs = 500;
    boolean keep = false;
    double seconds = 10, warmup = 5;
    int[] threads = {1, 2};
    for (int i = 0; i < a.length; i++) {
      String arg = a[i];
      switch (arg) {
        case "--out" -> out = Path.of(value(a, ++i, arg));
        case "--docs" -> docs = Integer.parseInt(value(a, ++i, arg));
        case "--work" -> work = Path.of(value(a, ++i, arg));
        case "--keep" -> keep = true;
        case "--queries" -> queries = Path.of(value(a, ++i, arg));
        case "--seconds-per-class" -> seconds = Double.parseDouble(value(a, ++i, arg));
        case "--warmup-seconds" -> warmup = Double.parseDouble(value(a, ++i, arg));
        case "--threads" -> threads = Arrays.stream(value(a, ++i, arg).split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        case "--batch" -> batch = Integer.parseInt(value(a, ++i, arg));
        case "--warmup-docs" -> warmupDocs = Integer.parseInt(value(a, ++i, arg));
        case "-h", "--help" -> throw new IllegalArgumentException("help");
        default -> {
          if (arg.startsWith("-")) throw new IllegalArgumentException("unknown option " + arg);
          if (corpus != null) throw new IllegalArgumentException("one corpus only");
          corpus = Path.of(arg);
        }
      }
    }
    if (corpus == null) throw new IllegalArgumentException("give the corpus folder");
    if (!Files.isDirectory(corpus)) throw new IllegalArgumentException(corpus + " is not a folder");
    if (queries == null) throw new IllegalArgumentException("give --queries FILE");
    if (threads.length == 0 || Arrays.stream(threads).anyMatch(t -> t < 1)) throw new IllegalArgumentException("--threads: positive counts");
    if (batch < 1) throw new IllegalArgumentException("--batch must be positive");
    return new Options(corpus, out, docs, work, keep, queries, seconds, warmup, threads, batch, warmupDocs, List.of(a));
  }

  private static String value(String[] a, int i, String opt) {
    if (i >= a.length) throw new IllegalArgumentException(opt + " needs a value");
    return a[i];
  }

  Map<String, Object> run(Options o) throws Exception {
    Map<String, Object> report = new LinkedHashMap<>();
    Map<String, Object> load = new LinkedHashMap<>();
    report.put("report_version", 1);
    report.put("peer", "solr-embedded");
    report.put("generated_at", Instant.now().toString());
    report.put("machine", machine());
    report.put("versions", Map.of(
        "solr", org.apache.solr.client.api.util.SolrVersion.LATEST_STRING,
        "lucene", org.apache.lucene.util.Version.LATEST.toString()));
    report.put("command", "SolrPeer " + String.join(" ", o.argv()));
    report.put("load_average", load);
    load.put("start", loadAverage());

    say("reading %s", o.corpus());
    long t0 = System.nanoTime();
    Corpus corpus = Corpus.read(o.corpus(), o.docs());
    long prepareMs = ms(t0);
    int n = corpus.docs.size();
    List<SolrInputDocument> docs = corpus.docs.stream().map(Corpus.Doc::solr).toList();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("path", o.corpus().toAbsolutePath().toString());
    c.put("documents", n);
    c.put("records", corpus.records);
    c.put("articles", corpus.articles);
    c.put("entities", corpus.entities);
    c.put("text_bytes", corpus.textBytes);
    c.put("prepare_ms", prepareMs);
    c.put("prepare_note", "JSON read, text built, article facets found with the gazetteer; not part of the indexing time");
    if (!corpus.skippedFiles.isEmpty()) c.put("skipped_files", corpus.skippedFiles);
    report.put("corpus", c);
    say("%d documents (%d records, %d articles, %.1f MB of text) prepared in %d ms", n, corpus.records, corpus.articles,
        corpus.textBytes / 1e6, prepareMs);

    QueryMix mix = QueryMix.load(o.queries());
    boolean tempWork = o.work() == null;
    Path work = tempWork ? Files.createTempDirectory("chiptrail-solr-peer-") : o.work();
    Files.createDirectories(work);
    try {
      // Warm-up (class loading, smartcn's dictionaries, the JIT), so the first measured run does not pay alone.
      int warmDocs = Math.min(n, o.warmupDocs());
      say("indexing warm-up: %d documents", warmDocs);
      Path warmHome = newHome(work.resolve("home-warmup"));
      try (EmbeddedSolrServer s = new EmbeddedSolrServer(warmHome, CORE)) {
        if (warmDocs > 0) index(s, docs.subList(0, warmDocs), 0, Arrays.stream(o.threads()).max().orElse(1), o.batch(), warmHome);
      }
      delete(warmHome);

      Map<String, Object> indexing = new LinkedHashMap<>();
      Path lastHome = null;
      for (int t : o.threads()) {
        Path home = newHome(work.resolve("home-" + t + "-threads"));
        load.put("before_indexing_" + t + "_threads", loadAverage());
        try (EmbeddedSolrServer s = new EmbeddedSolrServer(home, CORE)) {
          Map<String, Object> m = index(s, docs, corpus.textBytes, t, o.batch(), home);
          indexing.put("threads_" + t, m);
          say("indexing, %d thread(s): %s", t, m);
        }
        if (lastHome != null && !o.keep()) delete(lastHome);
        lastHome = home;
      }
      load.put("after_indexing", loadAverage());
      Map<?, ?> last = (Map<?, ?>) indexing.get("threads_" + o.threads()[o.threads().length - 1]);
      long indexBytes = ((Number) last.get("index_bytes")).longValue();
      indexing.put("index_bytes", indexBytes);
      indexing.put("index_bytes_per_doc", n == 0 ? 0 : (double) indexBytes / n);
      indexing.put("note", "documents added in batches of " + o.batch() + " through EmbeddedSolrServer (javabin), "
          + "then one hard commit, inside the time; no update log; RAM buffer 256 MB");
      report.put("indexing", indexing);

      say("searching the index of the last run (%s)", lastHome.getFileName());
      try (EmbeddedSolrServer s = new EmbeddedSolrServer(lastHome, CORE)) {
        report.put("search", search(s, mix, o));
      }
      load.put("end", loadAverage());
      if (o.keep()) report.put("work", work.toAbsolutePath().toString());
    } finally {
      if (!o.keep() && tempWork) delete(work);
      else if (!o.keep()) {
        try (Stream<Path> s = Files.list(work)) {
          for (Path p : s.filter(p -> p.getFileName().toString().startsWith("home-")).toList()) delete(p);
        }
      }
    }
    return report;
  }

  /** A Solr home with solr.xml and one core whose conf/ is the checked-in configset. */
  static Path newHome(Path home) throws IOException {
    if (Files.exists(home)) delete(home);
    Path conf = Files.createDirectories(home.resolve(CORE).resolve("conf"));
    Files.writeString(home.resolve("solr.xml"), "<solr></solr>\n");
    Files.writeString(home.resolve(CORE).resolve("core.properties"), "name=" + CORE + "\n");
    for (String f : CONF_FILES) {
      try (InputStream in = SolrPeer.class.getResourceAsStream("/solrpeer/conf/" + f)) {
        if (in == null) throw new IOException("configset file " + f + " is missing from the classpath");
        Files.copy(in, conf.resolve(f));
      }
    }
    return home;
  }

  private Map<String, Object> index(EmbeddedSolrServer s, List<SolrInputDocument> docs, long textBytes, int threads,
      int batch, Path home) throws Exception {
    System.gc();
    resetPeaks();
    int batches = (docs.size() + batch - 1) / batch;
    AtomicInteger next = new AtomicInteger();
    long cpu0 = processCpuNanos();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int k = 0; k < threads; k++) {
        fs.add(pool.submit(() -> {
          for (int b; (b = next.getAndIncrement()) < batches; ) {
            s.add(docs.subList(b * batch, Math.min(docs.size(), (b + 1) * batch)));
          }
          return null;
        }));
      }
      for (Future<?> f : fs) f.get();
    } finally {
      pool.shutdownNow();
    }
    long addedNanos = System.nanoTime() - start;
    s.commit(true, true);
    double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    long cpu1 = processCpuNanos();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threads", threads);
    m.put("documents", docs.size());
    m.put("ms", Math.round(secs * 1000));
    m.put("commit_ms", Math.round(secs * 1000 - addedNanos / 1e6));
    m.put("docs_per_s", docs.size() / secs);
    m.put("mb_per_s", textBytes / 1e6 / secs);
    m.put("peak_heap_bytes", peakHeap());
    if (cpu0 >= 0 && cpu1 >= 0) {
      double cpuSecs = Math.max(1e-9, (cpu1 - cpu0) / 1e9);
      m.put("cpu_ms", Math.round(cpuSecs * 1000));
      m.put("docs_per_cpu_s", docs.size() / cpuSecs);
    }
    long found = s.query(new SolrQuery("*:*").setRows(0)).getResults().getNumFound();
    if (found != docs.size()) throw new IllegalStateException("indexed " + docs.size() + " documents but the core holds " + found);
    m.put("index_bytes", size(home.resolve(CORE).resolve("data").resolve("index")));
    return m;
  }

  private Map<String, Object> search(EmbeddedSolrServer s, QueryMix mix, Options o) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("query_set", mix.version);
    out.put("request", "top-10 (deep paging: 50 a page, 20 pages by cursorMark) + facet.field "
        + String.join(", ", QueryMix.FACETS) + " (facet.limit 10, mincount 1); edismax qf=" + QueryMix.QF
        + ", q.op=AND, sow=true; empty q = *:*; filters as {!terms} fq; one thread");
    out.put("seconds_per_class", o.secondsPerClass());
    out.put("warmup_seconds", o.warmupSeconds());
    if (!mix.skipped.isEmpty()) out.put("skipped", mix.skipped);
    long warmEnd = System.nanoTime() + (long) (o.warmupSeconds() * 1e9);
    do {
      for (QueryMix.Query q : mix.queries) run(s, q, null);
    } while (System.nanoTime() < warmEnd);

    Map<String, List<QueryMix.Query>> byClass = new LinkedHashMap<>();
    for (QueryMix.Query q : mix.queries) byClass.computeIfAbsent(q.cls(), k -> new ArrayList<>()).add(q);
    Map<String, Object> classes = new LinkedHashMap<>();
    for (var e : byClass.entrySet()) {
      Map<String, Object> m = measure(s, e.getValue(), o.secondsPerClass(), true);
      classes.put(e.getKey(), m);
      say("%-16s %s", e.getKey(), m);
    }
    out.put("classes", classes);
    // The whole mix, round-robin, first pages only: the headline "top-10 + 4 facets" figure.
    Map<String, Object> all = measure(s, mix.queries, o.secondsPerClass(), false);
    all.put("note", "every query of the mix in turn (first page only), one thread");
    out.put("mix", all);
    say("%-16s %s", "mix", all);
    return out;
  }

  private static Map<String, Object> measure(EmbeddedSolrServer s, List<QueryMix.Query> qs, double seconds, boolean allPages)
      throws Exception {
    List<Long> nanos = new ArrayList<>();
    long hits = 0;
    long busy = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    do {
      for (QueryMix.Query q : qs) {
        String cursor = q.pages() > 1 && allPages ? CursorMarkParams.CURSOR_MARK_START : null;
        for (int page = 0; page < (allPages ? q.pages() : 1); page++) {
          long t = System.nanoTime();
          QueryResponse r = run(s, q, cursor);
          long d = System.nanoTime() - t;
          nanos.add(d);
          busy += d;
          hits += r.getResults().getNumFound();
          if (cursor == null) break;
          String nextCursor = r.getNextCursorMark();
          if (nextCursor == null || nextCursor.equals(cursor)) break;
          cursor = nextCursor;
        }
      }
    } while (System.nanoTime() < end);
    Map<String, Object> m = percentiles(nanos);
    m.put("qps", nanos.size() / (busy / 1e9));
    m.put("mean_total_hits", (double) hits / nanos.size());
    return m;
  }

  private static QueryResponse run(EmbeddedSolrServer s, QueryMix.Query q, String cursor) throws Exception {
    SolrQuery sq = q.solr();
    if (cursor != null) {
      sq = sq.getCopy();
      sq.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
    }
    return s.query(sq);
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

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      m.put("memory_bytes", os.getTotalMemorySize());
    }
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    m.put("jvm", System.getProperty("java.vm.name") + " " + Runtime.version());
    m.put("jvm_max_heap_bytes", Runtime.getRuntime().maxMemory());
    return m;
  }

  /** The 1, 5 and 15-minute load averages (/proc/loadavg), or null where there is none. */
  static List<Double> loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
    }
    return sum;
  }

  static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static void say(String fmt, Object... args) {
    System.out.println("solr-peer: " + String.format(Locale.ROOT, fmt, args));
    System.out.flush();
  }

  static void write(Map<String, Object> report, Path json) throws IOException {
    Path abs = json.toAbsolutePath();
    if (abs.getParent() != null) Files.createDirectories(abs.getParent());
    Files.writeString(abs, new ObjectMapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n");
    String table = Table.markdown(report);
    Path md = abs.resolveSibling(abs.getFileName().toString().replaceFirst("\\.json$", "") + ".md");
    Files.writeString(md, table, StandardCharsets.UTF_8);
    System.out.println();
    System.out.print(table);
    System.out.println();
    System.out.println("report: " + abs + "  table: " + md);
  }
}
