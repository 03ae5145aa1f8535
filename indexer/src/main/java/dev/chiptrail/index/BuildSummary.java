package dev.chiptrail.index;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one indexing run did: documents by kind, inputs rejected, facet value counts, time, speed and
 * size. Input documents (records and articles read) always equal indexed plus rejected. An incremental build also says how many
 * records and articles it added, updated (re-analysed), deleted and left unchanged (copied from the
 * previous generation without analysis); a full build counts every document as added.
 */
public record BuildSummary(
    Path generation,
    int inputFiles,
    int inputDocuments,
    Map<String, Integer> indexedByKind,
    int entities,
    int rejected,
    Map<String, Integer> facetValues,
    long millis,
    long indexBytes,
    String dataChecksum,
    boolean incremental,
    int added,
    int updated,
    int deleted,
    int unchanged,
    /** Stories of more than one version (syndicated copies grouped). */
    int stories) {

  public int indexed() {
    return indexedByKind.values().stream().mapToInt(Integer::intValue).sum();
  }

  public double docsPerSecond() {
    return millis == 0 ? indexed() : indexed() * 1000.0 / millis;
  }
}
