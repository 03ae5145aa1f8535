package dev.chiptrail.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown table of a report, as the README shows it. */
public final class ReportTable {
  private ReportTable() {}

  public static String markdown(Map<String, Object> report) {
    StringBuilder sb = new StringBuilder();
    Map<?, ?> machine = (Map<?, ?>) report.get("machine");
    Map<?, ?> corpus = (Map<?, ?>) report.get("corpus");
    String text = corpus.containsKey("text_bytes")
        ? String.format(Locale.ROOT, "%.1f MB of text", Targets.num(corpus, "text_bytes") / 1e6)
        : "an existing index (" + corpus.get("segments") + " segments)";
    sb.append(String.format(Locale.ROOT, "Corpus: %s documents (%s records, %s articles), %s, %s entities. "
            + "Machine: %s cores, %.1f GiB, %s, Lucene %s.%n%n",
        corpus.get("documents"), corpus.get("records"), corpus.get("articles"), text, corpus.get("entities"),
        machine.get("cores"), Targets.num(machine, "memory_bytes") / (1L << 30), machine.get("jvm"), machine.get("lucene")));
    sb.append("| figure | value |\n|---|---|\n");
    Map<?, ?> analysis = (Map<?, ?>) report.get("analysis");
    Map<?, ?> indexing = (Map<?, ?>) report.get("indexing");
    if (analysis.containsKey("status")) {
      row(sb, "analysis and indexing", String.valueOf(analysis.get("status")));
    } else {
      indexingRows(sb, analysis, indexing);
    }
    Map<?, ?> search = (Map<?, ?>) report.get("search");
    Map<?, ?> classes = (Map<?, ?>) search.get("classes");
    for (var e : classes.entrySet()) {
      Map<?, ?> m = (Map<?, ?>) e.getValue();
      if (m.containsKey("p50_ms")) {
        row(sb, "search " + e.getKey() + " (1 thread)", String.format(Locale.ROOT, "p50 %s ms, p95 %s ms, p99 %s ms, %.0f QPS",
            ms(Targets.num(m, "p50_ms")), ms(Targets.num(m, "p95_ms")), ms(Targets.num(m, "p99_ms")), Targets.num(m, "qps")));
      } else {
        row(sb, "search " + e.getKey(), String.valueOf(m.get("status")));
      }
    }
    Map<?, ?> conc = (Map<?, ?>) search.get("concurrency");
    for (var e : conc.entrySet()) {
      Map<?, ?> m = (Map<?, ?>) e.getValue();
      row(sb, "in-process mix, " + e.getKey() + " threads", String.format(Locale.ROOT, "%.0f QPS, %.0f errors",
          Targets.num(m, "qps"), Targets.num(m, "errors")));
    }
    sb.append("\n| target | measured | met | missed by |\n|---|---|---|---|\n");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> targets = (List<Map<String, Object>>) report.get("targets");
    for (Map<String, Object> t : targets) {
      boolean met = Boolean.TRUE.equals(t.get("met"));
      sb.append(String.format(Locale.ROOT, "| %s | %s %s | %s | %s |%n", t.get("target"), ms(Targets.num(t, "measured")), t.get("unit"),
          met ? "yes" : "no", met ? "" : String.format(Locale.ROOT, "%.0f%%", Targets.num(t, "missed_by_percent"))));
    }
    if (corpus.get("documents") instanceof Number n && n.intValue() != Targets.TARGET_DOCS) {
      sb.append("\nTargets apply at ").append(Targets.TARGET_DOCS).append(" documents; this run had ").append(n).append(".\n");
    }
    return sb.toString();
  }

  private static void indexingRows(StringBuilder sb, Map<?, ?> analysis, Map<?, ?> indexing) {
    for (String k : List.of("threads_1", "threads_all")) {
      Map<?, ?> a = (Map<?, ?>) analysis.get(k);
      row(sb, "analysis chains alone, " + a.get("threads") + " thread(s)", String.format(Locale.ROOT, "%.0f docs/s, %.2f MB/s, %.0f docs/CPU-s",
          Targets.num(a, "docs_per_s"), Targets.num(a, "mb_per_s"), Targets.num(a, "docs_per_cpu_s")));
    }
    for (String k : List.of("threads_1", "threads_all")) {
      Map<?, ?> a = (Map<?, ?>) indexing.get(k);
      row(sb, "indexing, " + a.get("threads") + " thread(s)", String.format(Locale.ROOT, "%.0f docs/s, %.2f MB/s, %.0f docs/CPU-s, peak heap %.0f MiB",
          Targets.num(a, "docs_per_s"), Targets.num(a, "mb_per_s"), Targets.num(a, "docs_per_cpu_s"), Targets.num(a, "peak_heap_bytes") / (1 << 20)));
    }
    row(sb, "indexing / analysis (all cores)", String.format(Locale.ROOT, "%.2f (per CPU-second: %.2f)",
        Targets.num(indexing, "ratio_to_analysis_all_cores"), Targets.num(indexing, "ratio_to_analysis_per_cpu_second")));
    row(sb, "time to first searchable commit", String.format(Locale.ROOT, "%.0f ms", Targets.num(indexing, "time_to_first_searchable_ms")));
    row(sb, "index size per document", String.format(Locale.ROOT, "%.0f bytes", Targets.num(indexing, "index_bytes_per_doc")));
  }

  /** Two decimals, or three significant digits below 1 (suggest answers in microseconds). */
  static String ms(double v) {
    return v != 0 && Math.abs(v) < 1 ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  private static void row(StringBuilder sb, String k, String v) {
    sb.append("| ").append(k).append(" | ").append(v).append(" |\n");
  }
}
