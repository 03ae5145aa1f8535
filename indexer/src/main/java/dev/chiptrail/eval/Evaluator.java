package dev.chiptrail.eval;

import dev.chiptrail.search.Hit;
import dev.chiptrail.search.SearchRequest;
import dev.chiptrail.search.SearchResult;
import dev.chiptrail.search.SearchService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link RelevanceSet} through the real search service (the same path as the API and the CLI)
 * and measures recall@5 and MRR.
 */
public final class Evaluator {
  /** How deep ranks are looked up, so that a miss still reports where the id landed. */
  public static final int DEPTH = 20;

  private final SearchService search;

  public Evaluator(SearchService search) {
    this.search = search;
  }

  public EvalReport evaluate(RelevanceSet set) throws IOException {
    List<EvalReport.Row> rows = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    double recallSum = 0, rrSum = 0;
    for (RelevanceSet.Case c : set.cases()) {
      SearchRequest req = new SearchRequest(c.q(), Map.of(), null, null, "relevance", DEPTH, 1, null, List.of(), c.exactScript());
      SearchResult r = search.search(req);
      List<String> ids = r.hits().stream().map(Hit::id).toList();
      Map<String, Integer> ranks = new LinkedHashMap<>();
      for (String id : c.relevant()) ranks.put(id, ids.indexOf(id) + 1);
      int found = 0;
      List<String> problems = new ArrayList<>();
      for (String id : c.top5()) {
        int rank = ranks.get(id);
        if (rank >= 1 && rank <= 5) found++;
        else problems.add(id + (rank == 0 ? " not in top " + DEPTH : " at rank " + rank));
      }
      if (c.first() != null && ranks.get(c.first()) != 1) {
        int rank = ranks.get(c.first());
        problems.add("first " + c.first() + (rank == 0 ? " not found" : " at rank " + rank));
      }
      double recall = c.top5().isEmpty() ? (ranks.get(c.first()) >= 1 && ranks.get(c.first()) <= 5 ? 1 : 0) : (double) found / c.top5().size();
      int firstRank = c.first() != null
          ? ranks.get(c.first())
          : ranks.values().stream().filter(k -> k > 0).min(Integer::compare).orElse(0);
      double rr = firstRank == 0 ? 0 : 1.0 / firstRank;
      recallSum += recall;
      rrSum += rr;
      String failure = problems.isEmpty() ? null : String.join("; ", problems);
      if (failure != null) failures.add("'" + c.q() + "': " + failure);
      rows.add(new EvalReport.Row(c.q(), c.covers(), c.exactScript(), ranks, firstRank, recall, r.relaxed(),
          ids.subList(0, Math.min(5, ids.size())), failure));
    }
    int n = set.cases().size();
    return new EvalReport(n, n == 0 ? 0 : recallSum / n, n == 0 ? 0 : rrSum / n, List.copyOf(rows), List.copyOf(failures));
  }
}
