package dev.chiptrail.cli;

import dev.chiptrail.index.IndexerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the data and the index are: shared by index, validate and serve. */
public final class DataOptions {
  @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: ${DEFAULT-VALUE}).", defaultValue = "data")
  public Path data;

  @Option(names = "--articles", paramLabel = "DIR", description = "Extra folder of articles to index beside the data (repeatable).")
  public List<Path> articles = new ArrayList<>();

  @Option(names = "--threads", paramLabel = "N", description = "Indexing threads (default: all cores).")
  public Integer threads;

  public IndexerConfig config(Path index, boolean progress) {
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    return new IndexerConfig(data, articles, index, t, progress);
  }
}
