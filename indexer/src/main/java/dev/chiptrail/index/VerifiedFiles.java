package dev.chiptrail.index;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.chiptrail.ingest.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;

/**
 * Which files of an index generation had every checksum verified, with their size and modification
 * time. The indexer verifies each generation it writes before publishing it; a reader opening the
 * generation again verifies every checksum only when a file is not exactly one that was verified
 * (rewritten, truncated, added or missing). Reading every byte of a million-document index (gigabytes)
 * at each start would take longer than the whole rest of the start.
 */
public final class VerifiedFiles {
  static final String FILE = "verified.json";

  private VerifiedFiles() {}

  /** Verifies every checksum of the open generation (throws CorruptIndexException) and records its files. */
  public static void verifyAndRecord(Path generation, DirectoryReader reader) throws IOException {
    verifyAll(reader);
    Path tmp = generation.resolve(FILE + ".tmp");
    Files.writeString(tmp, Json.OUT.writeValueAsString(snapshot(generation)));
    Files.move(tmp, generation.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Verifies every checksum of the generation unless its files are exactly the ones last verified. */
  public static void verify(Path generation, DirectoryReader reader) throws IOException {
    if (!unchanged(generation)) verifyAll(reader);
  }

  private static void verifyAll(DirectoryReader reader) throws IOException {
    for (LeafReaderContext leaf : reader.leaves()) leaf.reader().checkIntegrity();
  }

  static boolean unchanged(Path generation) {
    try {
      Map<String, String> recorded = Json.STRICT.readValue(Files.readString(generation.resolve(FILE)),
          new TypeReference<Map<String, String>>() {});
      return recorded.equals(snapshot(generation));
    } catch (IOException | RuntimeException e) {
      return false; // no record, or an unreadable one: everything is verified
    }
  }

  /** File name → "size mtime-in-nanoseconds" of every index file of the generation. */
  private static Map<String, String> snapshot(Path generation) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(generation)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(FILE) || name.equals("write.lock")) continue;
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        out.put(name, a.size() + " " + a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
      }
    }
    return out;
  }
}
