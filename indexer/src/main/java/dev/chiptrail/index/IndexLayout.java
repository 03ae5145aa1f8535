package dev.chiptrail.index;

import java.util.Locale;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.IOUtils;

/**
 * The index folder: one sub-folder per build ({@code gen-000007}) and a {@code CURRENT} file that
 * names the live one. A build writes a fresh generation and then replaces CURRENT with an atomic
 * rename, so a reader sees either the old index or the new one, whole, whatever crashes when.
 */
public final class IndexLayout {
  public static final String CURRENT = "CURRENT";
  private static final String LOCK = "indexer.lock";
  /** Generations kept besides the live one: a server may still be reading the previous one. */
  private static final int KEEP_PREVIOUS = 1;

  private final Path root;

  public IndexLayout(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The live generation, if an index was ever published here. */
  public Optional<Path> current() throws IOException {
    Path pointer = root.resolve(CURRENT);
    if (!Files.exists(pointer)) return Optional.empty();
    String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
    if (!name.matches("gen-\\d{6,}")) {
      throw new IOException(pointer + " names '" + name + "', not an index generation");
    }
    Path gen = root.resolve(name);
    if (!Files.isDirectory(gen)) throw new IOException(pointer + " names " + name + ", which does not exist");
    return Optional.of(gen);
  }

  /** Takes the single-writer lock of this index folder, or fails at once naming the reason. */
  public Lock lock() throws IOException {
    Files.createDirectories(root);
    Directory dir = FSDirectory.open(root);
    try {
      Lock lock = dir.obtainLock(LOCK);
      return new Lock() {
        @Override
        public void close() throws IOException {
          IOUtils.close(lock, dir);
        }

        @Override
        public void ensureValid() throws IOException {
          lock.ensureValid();
        }
      };
    } catch (LockObtainFailedException e) {
      dir.close();
      throw new IOException("another indexer is writing to " + root + " (lock " + LOCK + " is held); wait for it to finish", e);
    }
  }

  /** A new, empty generation folder, numbered after every existing one. */
  public Path newGeneration() throws IOException {
    Files.createDirectories(root);
    int next = generations().stream().mapToInt(IndexLayout::number).max().orElse(0) + 1;
    while (true) {
      Path p = root.resolve(String.format(Locale.ROOT, "gen-%06d", next));
      try {
        Files.createDirectory(p);
        return p;
      } catch (FileAlreadyExistsException e) {
        next++;
      }
    }
  }

  /** Makes {@code gen} the live index: write, fsync, atomic rename of CURRENT. */
  public void publish(Path gen) throws IOException {
    Path tmp = root.resolve(CURRENT + ".tmp");
    Files.writeString(tmp, gen.getFileName().toString() + "\n", StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    try {
      Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + root + " cannot rename atomically; the index needs one that can", e);
    }
    IOUtils.fsync(root, true);
  }

  /**
   * Deletes generations older than the live one and its predecessor, and every generation newer than
   * the live one (or every generation, when none is live): those are leftovers of a build that crashed
   * before publishing. Only call it holding {@link #lock()}, or it would delete a build in progress.
   */
  public void prune() throws IOException {
    Optional<Path> live = current();
    int liveNumber = live.map(IndexLayout::number).orElse(-1);
    List<Path> all = generations();
    for (Path g : all) {
      if (number(g) > liveNumber) deleteTree(g);
    }
    List<Path> older = all.stream().filter(g -> number(g) < liveNumber)
        .sorted(Comparator.comparingInt(IndexLayout::number).reversed()).toList();
    for (int i = KEEP_PREVIOUS; i < older.size(); i++) deleteTree(older.get(i));
    Files.deleteIfExists(root.resolve(CURRENT + ".tmp"));
  }

  /** Deletes a generation that never became live (a failed build). */
  public void discard(Path gen) {
    try {
      deleteTree(gen);
    } catch (IOException ignored) {
      // Left for the next prune: an unpublished generation is never read.
    }
  }

  List<Path> generations() throws IOException {
    if (!Files.isDirectory(root)) return List.of();
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> p.getFileName().toString().matches("gen-\\d{6,}") && Files.isDirectory(p)).toList();
    }
  }

  private static int number(Path gen) {
    return Integer.parseInt(gen.getFileName().toString().substring(4));
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
    }
  }
}
