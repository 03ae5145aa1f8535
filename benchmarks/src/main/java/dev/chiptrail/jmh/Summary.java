package dev.chiptrail.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a JMH JSON result file ({@code -rf json}) as a Markdown table: MB/s of UTF-8 text
 * ({@code :bytes} / 10^6, ± JMH's 99.9 % error), µs per document (10^6 / {@code :docs}), the share of
 * a core the benchmark thread had ({@code :cpuNanos} / 10^9), and the same throughput per CPU-second
 * of that thread, which neighbours on a shared machine disturb much less than wall-clock time. {@code java -cp benchmarks.jar:lib/* dev.chiptrail.jmh.Summary FILE}
 */
public final class Summary {
  private Summary() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Summary JMH-RESULT.json");
      System.exit(2);
    }
    JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    System.out.println("| benchmark | parameters | MB/s | µs/doc | CPU share | MB/CPU-s | CPU µs/doc |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|");
    for (JsonNode r : results) {
      String name = r.path("benchmark").asText().replaceFirst("^dev\\.chiptrail\\.jmh\\.", "");
      StringBuilder params = new StringBuilder();
      for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        if (!params.isEmpty()) params.append(' ');
        params.append(p.getKey()).append('=').append(p.getValue().asText());
      }
      JsonNode secondary = r.path("secondaryMetrics");
      double bytes = secondary.path("bytes").path("score").asDouble(Double.NaN);
      double docs = secondary.path("docs").path("score").asDouble(Double.NaN);
      // cpuNanos per wall second: the share of a core the benchmark thread had.
      double share = secondary.path("cpuNanos").path("score").asDouble(Double.NaN) / 1e9;
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", name, params,
          withError(secondary.path("bytes"), 1e-6, 2), fmt(1e6 / docs, 1), fmt(share, 2),
          fmt(bytes / 1e6 / share, 2), fmt(1e6 * share / docs, 1));
    }
  }

  private static String withError(JsonNode metric, double scale, int decimals) {
    if (metric.isMissingNode()) return "";
    double score = metric.path("score").asDouble() * scale;
    double err = metric.path("scoreError").asDouble(Double.NaN) * scale;
    return Double.isFinite(err) ? fmt(score, decimals) + " ± " + fmt(err, decimals) : fmt(score, decimals);
  }

  private static String fmt(double v, int decimals) {
    if (!Double.isFinite(v)) return "";
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }
}
