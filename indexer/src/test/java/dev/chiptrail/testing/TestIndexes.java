package dev.chiptrail.testing;

import dev.chiptrail.index.BuildSummary;
import dev.chiptrail.index.IndexBuilder;
import dev.chiptrail.index.IndexerConfig;
import dev.chiptrail.ingest.DataReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Indexes of the shipped data for tests, built once per JVM into a temporary folder. */
public final class TestIndexes {
  private static Path shipped;

  private TestIndexes() {}

  /** The project's data/ folder, found from the module's working directory. */
  public static Path dataDir() {
    for (Path p : List.of(Path.of("data"), Path.of("..", "data"))) {
      if (Files.isDirectory(p.resolve("gazetteer"))) return p.toAbsolutePath().normalize();
    }
    throw new IllegalStateException("cannot find the data/ folder from " + Path.of("").toAbsolutePath());
  }

  /** An index of data/, shared by every test of this JVM (read-only). */
  public static synchronized Path shipped() {
    if (shipped == null) {
      try {
        Path dir = Files.createTempDirectory("chiptrail-shipped-index");
        build(dataDir(), dir);
        shipped = dir;
      } catch (Exception e) {
        throw new IllegalStateException("cannot index the shipped data", e);
      }
    }
    return shipped;
  }

  public static BuildSummary build(Path data, Path index) throws Exception {
    IndexerConfig cfg = new IndexerConfig(data, List.of(), index, 2, false);
    return new IndexBuilder(cfg).build(DataReader.read(data, List.of()), IndexBuilder.Progress.NONE);
  }

  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
