package dev.chiptrail.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chiptrail.eval.EvalReport;
import dev.chiptrail.eval.Evaluator;
import dev.chiptrail.eval.RelevanceSet;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.search.IndexUnavailableException;
import dev.chiptrail.search.SearchService;
import dev.chiptrail.search.Searchers;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", description = "Measure search quality on a relevance set: recall@5 and MRR, per query and overall.")
public final class EvalCommand implements Callable<Integer> {
  public static final String DEFAULT_SET = "data/eval/relevance.json";

  @Option(names = "--index", paramLabel = "DIR", defaultValue = IndexCommand.DEFAULT_INDEX, description = "Index folder (default: ${DEFAULT-VALUE}).")
  Path index;

  @Option(names = "--set", paramLabel = "FILE", defaultValue = DEFAULT_SET, description = "Relevance set (default: ${DEFAULT-VALUE}).")
  Path set;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(set)) {
      err.println("chiptrail: no relevance set at " + set);
      return 2;
    }
    RelevanceSet rs;
    try {
      rs = RelevanceSet.read(set);
    } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
      err.println("chiptrail: " + e.getMessage());
      return 2;
    }
    try (Searchers searchers = Searchers.open(index)) {
      EvalReport report = new Evaluator(new SearchService(searchers)).evaluate(rs);
      if (json) {
        out.println(Json.OUT.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
      } else {
        out.print(report.table());
        out.flush();
      }
      return report.failures().isEmpty() ? 0 : 3;
    } catch (IndexUnavailableException e) {
      err.println("chiptrail: " + e.getMessage());
      return 1;
    }
  }
}
