package dev.chiptrail.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of evaluating a relevance set: one row per query and the two figures.
 *
 * @param recallAt5 mean over queries of the share of their relevant ids found in the top 5
 * @param mrr mean over queries of 1 / rank of the first relevant hit (0 when none is in the top 20)
 */
public record EvalReport(
    int queries,
    @JsonProperty("recall_at_5") double recallAt5,
    double mrr,
    List<Row> rows,
    List<String> failures) {

  /**
   * @param ranks the 1-based rank of each relevant id (0 = not in the first {@link Evaluator#DEPTH})
   * @param firstRank rank of the best-ranked relevant id (0 = none found)
   * @param top the ids of the first five hits, for reading a failure
   */
  public record Row(
      String q,
      String covers,
      @JsonProperty("exact_script") boolean exactScript,
      java.util.Map<String, Integer> ranks,
      @JsonProperty("first_rank") int firstRank,
      double recall,
      boolean relaxed,
      List<String> top,
      String failure) {}

  public boolean passes(double minRecall, double minMrr) {
    return recallAt5 >= minRecall && mrr >= minMrr;
  }

  /** A plain-text table: query, recall, reciprocal rank, failure. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-34s %-22s %6s %5s  %s%n", "query", "covers", "recall", "rank", "failure"));
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "%-34s %-22s %6.2f %5s  %s%n",
          trim(r.q() + (r.exactScript() ? " [exact]" : ""), 34), trim(r.covers() == null ? "" : r.covers(), 22),
          r.recall(), r.firstRank() == 0 ? "-" : String.valueOf(r.firstRank()), r.failure() == null ? "" : r.failure()));
    }
    sb.append(String.format(Locale.ROOT, "%n%d queries  recall@5 = %.4f  MRR = %.4f  failures = %d%n", queries, recallAt5, mrr, failures.size()));
    return sb.toString();
  }

  private static String trim(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
