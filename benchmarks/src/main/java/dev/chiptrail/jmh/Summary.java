package dev.chiptrail.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a JMH JSON result file ({@code -rf json}) as a Markdown table: ops/s, MB/s of UTF-8 text
 * ({@code :bytes} / 10^6), documents/s and µs per document (10^6 / {@code :docs}), each ± JMH's
 * 99.9 % error where it gives one. {@code java -cp benchmarks.jar:lib/* dev.chiptrail.jmh.Summary FILE}
 */
public final class Summary {
  private Summary() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Summary JMH-RESULT.json");
      System.exit(2);
    }
    JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    System.out.println("| benchmark | parameters | ops/s | MB/s | docs/s | µs/doc |");
    System.out.println("|---|---|---:|---:|---:|---:|");
    for (JsonNode r : results) {
      String name = r.path("benchmark").asText().replaceFirst("^dev\\.chiptrail\\.jmh\\.", "");
      StringBuilder params = new StringBuilder();
      for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        if (!params.isEmpty()) params.append(' ');
        params.append(p.getKey()).append('=').append(p.getValue().asText());
      }
      JsonNode primary = r.path("primaryMetric");
      JsonNode bytes = r.path("secondaryMetrics").path("bytes");
      JsonNode docs = r.path("secondaryMetrics").path("docs");
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", name, params,
          withError(primary, 1, 2), withError(bytes, 1e-6, 2), withError(docs, 1, 1),
          docs.isMissingNode() || docs.path("score").asDouble() <= 0 ? "" : fmt(1e6 / docs.path("score").asDouble(), 1));
    }
  }

  private static String withError(JsonNode metric, double scale, int decimals) {
    if (metric.isMissingNode()) return "";
    double score = metric.path("score").asDouble() * scale;
    double err = metric.path("scoreError").asDouble(Double.NaN) * scale;
    return Double.isFinite(err) ? fmt(score, decimals) + " ± " + fmt(err, decimals) : fmt(score, decimals);
  }

  private static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }
}
