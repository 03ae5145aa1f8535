package dev.chiptrail.index;

import java.nio.file.Path;
import java.util.List;

/**
 * How one indexing run is set up.
 *
 * @param dataDir the data folder (gazetteer/, records/, articles/)
 * @param articleDirs extra article folders indexed beside the data
 * @param indexDir the index folder (generations and CURRENT)
 * @param threads threads that analyse documents in parallel
 * @param progress whether to draw a progress bar (on a terminal)
 * @param encoding charset of the extra article folders, or null to detect it per file
 * @param full rebuild every document even when the live generation could be updated incrementally
 */
public record IndexerConfig(Path dataDir, List<Path> articleDirs, Path indexDir, int threads, boolean progress,
    java.nio.charset.Charset encoding, boolean full) {
  public IndexerConfig {
    articleDirs = List.copyOf(articleDirs);
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
  }

  public IndexerConfig(Path dataDir, List<Path> articleDirs, Path indexDir, int threads, boolean progress) {
    this(dataDir, articleDirs, indexDir, threads, progress, null, false);
  }
}
