package dev.chiptrail.cli;

import java.util.Locale;
import dev.chiptrail.index.BuildSummary;
import dev.chiptrail.index.IndexBuilder;
import dev.chiptrail.index.IndexLayout;
import dev.chiptrail.index.IndexerConfig;
import dev.chiptrail.ingest.DataReader;
import dev.chiptrail.ingest.DataSet;
import dev.chiptrail.ingest.ValidationError;
import dev.chiptrail.ingest.ValidationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.apache.lucene.store.Lock;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "index", description = "Validate the data, then build the index in a fresh generation and switch to it atomically.")
public final class IndexCommand implements Callable<Integer> {
  public static final String DEFAULT_INDEX = "index";

  @Mixin DataOptions data;

  @Option(names = "--index", paramLabel = "DIR", description = "Index folder (default: ${DEFAULT-VALUE}).", defaultValue = DEFAULT_INDEX)
  Path index;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    return run(data.config(index, System.console() != null), out, err);
  }

  /** Validates and indexes; prints errors or the summary. Returns the exit code. */
  public static int run(IndexerConfig config, PrintWriter out, PrintWriter err) throws Exception {
    // A second indexer on the same folder fails here, at once, not after minutes of validation; the
    // build takes the lock again for the writing itself.
    try (Lock probe = new IndexLayout(config.indexDir()).lock()) {
      probe.ensureValid();
    }
    DataSet ds;
    try {
      ds = DataReader.read(config.dataDir(), config.articleDirs(), config.encoding());
    } catch (ValidationException e) {
      printErrors(e, err);
      err.println("nothing was indexed; the previous index (if any) is unchanged");
      return 1;
    }
    long total = ds.records().size() + ds.articles().size() + ds.gazetteer().size();
    BuildSummary s;
    if (config.progress()) {
      try (ProgressBar pb = new ProgressBarBuilder().setTaskName("indexing").setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).build()) {
        s = new IndexBuilder(config).build(ds, (done, max) -> pb.stepTo(done));
      }
    } else {
      out.println("indexing " + total + " documents from " + ds.inputFiles() + " files");
      out.flush();
      s = new IndexBuilder(config).build(ds, IndexBuilder.Progress.NONE);
    }
    printSummary(s, out);
    return 0;
  }

  static void printErrors(ValidationException e, PrintWriter err) {
    for (ValidationError ve : e.errors()) err.println("error: " + ve);
    err.println(e.errors().size() + " error(s)");
    err.flush();
  }

  static void printSummary(BuildSummary s, PrintWriter out) {
    out.printf(Locale.ROOT, "indexed %d documents (%s) and %d gazetteer entities from %d input files%n",
        s.indexed(), s.indexedByKind(), s.entities(), s.inputFiles());
    out.printf(Locale.ROOT, "input documents: %d = indexed %d + rejected %d%n", s.inputDocuments(), s.indexed(), s.rejected());
    out.printf(Locale.ROOT, "%s: added %d, updated %d, deleted %d, unchanged %d; %d stories of several versions%n",
        s.incremental() ? "incremental" : "full build", s.added(), s.updated(), s.deleted(), s.unchanged(), s.stories());
    StringBuilder fv = new StringBuilder();
    for (Map.Entry<String, Integer> e : s.facetValues().entrySet()) fv.append(' ').append(e.getKey()).append('=').append(e.getValue());
    out.println("facet values:" + fv);
    out.printf(Locale.ROOT, "time: %d ms, %.0f documents/s, index size: %.1f KiB, at %s%n",
        s.millis(), s.docsPerSecond(), s.indexBytes() / 1024.0, s.generation());
    out.flush();
  }
}
