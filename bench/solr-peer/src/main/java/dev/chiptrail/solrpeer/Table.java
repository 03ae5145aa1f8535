package dev.chiptrail.solrpeer;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's short Markdown table. */
final class Table {
  private Table() {}

  static String markdown(Map<String, Object> r) {
    StringBuilder sb = new StringBuilder();
    Map<?, ?> c = (Map<?, ?>) r.get("corpus");
    Map<?, ?> v = (Map<?, ?>) r.get("versions");
    Map<?, ?> m = (Map<?, ?>) r.get("machine");
    sb.append(String.format(Locale.ROOT, "Solr %s (Lucene %s) embedded, %s documents (%.1f MB of text), %s cores, %s%n%n",
        v.get("solr"), v.get("lucene"), group(c.get("documents")), num(c.get("text_bytes")) / 1e6, m.get("cores"), m.get("jvm")));
    sb.append("| figure | Solr peer |\n|---|---|\n");
    Map<?, ?> idx = (Map<?, ?>) r.get("indexing");
    for (var e : idx.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> run && run.containsKey("threads")) {
        sb.append(String.format(Locale.ROOT, "| indexing, %s thread(s), commit included | %s docs/s (%.2f MB/s), peak heap %s MiB |%n",
            run.get("threads"), group(Math.round(num(run.get("docs_per_s")))), num(run.get("mb_per_s")),
            group(Math.round(num(run.get("peak_heap_bytes")) / 1048576.0))));
      }
    }
    sb.append(String.format(Locale.ROOT, "| index size | %.1f MB (%.1f KB per document) |%n",
        num(idx.get("index_bytes")) / 1e6, num(idx.get("index_bytes_per_doc")) / 1e3));
    Map<?, ?> search = (Map<?, ?>) r.get("search");
    Map<?, ?> mix = (Map<?, ?>) search.get("mix");
    sb.append(String.format(Locale.ROOT, "| **top-10 + 4 facets, whole mix**, p50 / p95 / p99 | %s / %s / %s ms, %.0f QPS (1 thread) |%n",
        ms(mix.get("p50_ms")), ms(mix.get("p95_ms")), ms(mix.get("p99_ms")), num(mix.get("qps"))));
    for (var e : ((Map<?, ?>) search.get("classes")).entrySet()) {
      Map<?, ?> k = (Map<?, ?>) e.getValue();
      sb.append(String.format(Locale.ROOT, "| %s, p50 / p95 / p99 | %s / %s / %s ms, %.0f QPS |%n", e.getKey(),
          ms(k.get("p50_ms")), ms(k.get("p95_ms")), ms(k.get("p99_ms")), num(k.get("qps"))));
    }
    Map<?, ?> load = (Map<?, ?>) r.get("load_average");
    sb.append(String.format(Locale.ROOT, "| load average (1/5/15 min) at start, after indexing, end | %s; %s; %s |%n",
        la(load.get("start")), la(load.get("after_indexing")), la(load.get("end"))));
    return sb.toString();
  }

  private static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static String group(Object o) {
    return String.format(Locale.ROOT, "%,d", Math.round(num(o)));
  }

  private static String ms(Object o) {
    double d = num(o);
    return String.format(Locale.ROOT, d < 10 ? "%.2f" : "%.1f", d);
  }

  private static String la(Object o) {
    if (!(o instanceof List<?> l)) return "?";
    return String.format(Locale.ROOT, "%.2f %.2f %.2f", num(l.get(0)), num(l.get(1)), num(l.get(2)));
  }
}
