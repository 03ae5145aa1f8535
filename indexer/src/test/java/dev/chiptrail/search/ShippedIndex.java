package dev.chiptrail.search;

import dev.chiptrail.index.IndexBuilder;
import dev.chiptrail.index.IndexerConfig;
import dev.chiptrail.ingest.DataReader;
import dev.chiptrail.ingest.DataSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An index of the shipped data/ folder, built once per test JVM into a temporary folder. */
public final class ShippedIndex {
  private static SearchService service;

  private ShippedIndex() {}

  /** The project's data/ folder (tests run from the module folder or the project root). */
  public static Path dataDir() {
    for (Path p : List.of(Path.of("..", "data"), Path.of("data"))) {
      if (Files.isDirectory(p.resolve("gazetteer"))) return p.toAbsolutePath().normalize();
    }
    throw new IllegalStateException("data/ not found from " + Path.of("").toAbsolutePath());
  }

  public static synchronized SearchService service() {
    if (service == null) {
      try {
        Path index = Files.createTempDirectory("chiptrail-test-index");
        DataSet ds = DataReader.read(dataDir(), List.of());
        new IndexBuilder(new IndexerConfig(dataDir(), List.of(), index, 2, false)).build(ds, IndexBuilder.Progress.NONE);
        service = new SearchService(Searchers.open(index));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        throw new IllegalStateException("cannot index data/: " + e.getMessage(), e);
      }
    }
    return service;
  }

  public static SearchResult search(String q) throws IOException {
    return service().search(SearchRequest.of(q).withSize(20));
  }

  public static List<String> ids(String q) throws IOException {
    return search(q).hits().stream().map(Hit::id).toList();
  }
}
