package dev.chiptrail.cli;

import dev.chiptrail.bench.CorpusGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true, description = "Write a deterministic synthetic bilingual corpus (gazetteer, records, articles) for benchmarks.")
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--docs", paramLabel = "N", defaultValue = "10000", description = "Documents (records and articles), default ${DEFAULT-VALUE}.")
  int docs;
  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed; the same seed and size give the same files (default ${DEFAULT-VALUE}).")
  long seed;
  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output data folder; must be empty or absent.")
  Path out;
  @Option(names = "--gazetteer", paramLabel = "DIR", defaultValue = "data/gazetteer", description = "Shipped gazetteer the corpus builds on (default ${DEFAULT-VALUE}).")
  Path gazetteer;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    CorpusGenerator.Summary s;
    try {
      s = new CorpusGenerator(gazetteer).generate(docs, seed, this.out);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("chiptrail: " + e.getMessage());
      return 2;
    }
    out.printf("generated %d documents (%d records, %d articles), %d entities (%d generated), %.1f MB in %d files, in %d ms, at %s%n",
        s.documents(), s.records(), s.articles(), s.entities(), s.generatedEntities(), s.bytes() / 1e6, s.files(), s.millis(), s.out());
    out.flush();
    return 0;
  }
}
