package dev.chiptrail.search;

import dev.chiptrail.testing.TestIndexes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Searching the shared index of the shipped data/ folder ({@link TestIndexes#shipped()}). */
public final class ShippedIndex {
  private static SearchService service;

  private ShippedIndex() {}

  /** The project's data/ folder (tests run from the module folder or the project root). */
  public static Path dataDir() {
    return TestIndexes.dataDir();
  }

  public static synchronized SearchService service() {
    if (service == null) {
      try {
        service = new SearchService(Searchers.open(TestIndexes.shipped()));
      } catch (IndexUnavailableException e) {
        throw new IllegalStateException("cannot open the index of data/: " + e.getMessage(), e);
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
