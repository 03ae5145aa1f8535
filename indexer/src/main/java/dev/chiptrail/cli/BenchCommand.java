package dev.chiptrail.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chiptrail.bench.Benchmark;
import dev.chiptrail.bench.ReportTable;
import dev.chiptrail.ingest.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark indexing and search in process on a generated corpus; writes a JSON report and a Markdown table. bench/http-bench.sh adds the HTTP figures.")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--docs", paramLabel = "N", defaultValue = "10000", description = "Documents to generate (default ${DEFAULT-VALUE}).")
  int docs;
  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Generator seed (default ${DEFAULT-VALUE}).") long seed;
  @Option(names = "--corpus", paramLabel = "DIR", description = "Reuse this corpus (from generate) instead of generating one.")
  Path corpus;
  @Option(names = "--work", paramLabel = "DIR", defaultValue = "bench-work", description = "Folder for the corpus and the indexes (default ${DEFAULT-VALUE}); must be new, empty or one bench made, and is emptied first (a --corpus inside it is kept).")
  Path work;
  @Option(names = "--queries", paramLabel = "FILE", description = "Query mix (default: the built-in queries-v1.json).")
  Path queries;
  @Option(names = "--out", paramLabel = "FILE", defaultValue = "bench-report.json", description = "JSON report (default ${DEFAULT-VALUE}); the table goes beside it as .md.")
  Path out;
  @Option(names = "--threads", paramLabel = "N", description = "Threads for \"all cores\" (default: all cores).")
  Integer threads;
  @Option(names = "--seconds-per-class", paramLabel = "S", defaultValue = "3", description = "Measuring time per query class (default ${DEFAULT-VALUE}).")
  double secondsPerClass;
  @Option(names = "--concurrency-seconds", paramLabel = "S", defaultValue = "5", description = "Measuring time per in-process concurrency level (default ${DEFAULT-VALUE}).")
  double concurrencySeconds;
  @Option(names = "--single-thread-sample", paramLabel = "N", defaultValue = "0",
      description = "Measure the one-thread analysis and indexing on the first N documents only (default: all); at 1M documents the full one-thread runs take hours.")
  int singleThreadSample;
  @Option(names = "--index", paramLabel = "DIR",
      description = "Measure only the search, on this existing index (from ./chiptrail index or an earlier bench's --work): no corpus is read, nothing is analysed or indexed.")
  Path index;
  @Option(names = "--gazetteer", paramLabel = "DIR", defaultValue = "data/gazetteer", description = "Shipped gazetteer the generated corpus builds on.")
  Path gazetteer;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (docs < 2) {
      spec.commandLine().getErr().println("chiptrail: --docs must be at least 2, got " + docs);
      return 2;
    }
    try {
      clean(work, java.util.Arrays.asList(corpus, index));
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("chiptrail: " + e.getMessage());
      return 2;
    }
    Files.createDirectories(work);
    Files.writeString(work.resolve(MARKER), "made by ./chiptrail bench; emptied by the next run\n");
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    Map<String, Object> report = new Benchmark(out).run(new Benchmark.Options(docs, seed, corpus, work, queries, t,
        secondsPerClass, concurrencySeconds, gazetteer, singleThreadSample, index));
    write(report, out, this.out);
    return 0;
  }

  /** Writes the JSON report and its Markdown table beside it, and prints the table. */
  public static void write(Map<String, Object> report, PrintWriter log, Path json) throws java.io.IOException {
    Path abs = json.toAbsolutePath();
    if (abs.getParent() != null) Files.createDirectories(abs.getParent());
    Files.writeString(abs, Json.OUT.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n");
    String table = ReportTable.markdown(report);
    Path md = abs.resolveSibling(abs.getFileName().toString().replaceFirst("\\.json$", "") + ".md");
    Files.writeString(md, table);
    log.println();
    log.print(table);
    log.println();
    log.println("report: " + abs + "  table: " + md);
    log.flush();
  }

  /** Marks a folder bench made, so that it never empties one it did not (say, --work .). */
  static final String MARKER = ".chiptrail-bench";

  /** Empties a work folder of an earlier run, keeping {@code keep} (a --corpus or an --index inside it; nulls ignored). */
  private static void clean(Path dir, List<Path> keep) throws java.io.IOException {
    if (!Files.exists(dir)) return;
    try (var s = Files.list(dir)) {
      if (s.findAny().isEmpty()) return;
    }
    if (!Files.exists(dir.resolve(MARKER))) {
      throw new IllegalArgumentException("--work " + dir + " is not empty and was not made by bench (no " + MARKER
          + "); give a new or empty folder");
    }
    List<Path> kept = keep.stream().filter(java.util.Objects::nonNull).map(k -> k.toAbsolutePath().normalize()).toList();
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Path abs = p.toAbsolutePath().normalize();
        if (p.equals(dir) || kept.stream().anyMatch(k -> abs.startsWith(k) || k.startsWith(abs))) continue;
        Files.delete(p);
      }
    }
  }
}
