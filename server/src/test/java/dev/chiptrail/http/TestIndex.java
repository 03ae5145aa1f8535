package dev.chiptrail.http;

import dev.chiptrail.testing.TestIndexes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Indexes of the shipped data (../data), built into temp folders the way `chiptrail index` builds them. */
final class TestIndex {
  static final Path DATA = Path.of("..", "data").toAbsolutePath().normalize();
  private static Path shared;

  private TestIndex() {}

  /** One index of the shipped data for the whole test run (read-only users only). */
  static synchronized Path shared() throws Exception {
    if (shared == null) shared = build(Files.createTempDirectory("chiptrail-it-index"));
    return shared;
  }

  /** Builds (or rebuilds: a new generation) the index of the shipped data in {@code dir}. */
  static Path build(Path dir) throws Exception {
    TestIndexes.build(DATA, dir);
    deleteOnExit(dir);
    return dir;
  }

  private static void deleteOnExit(Path dir) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // A temp folder left behind is harmless.
      }
    }));
  }
}
