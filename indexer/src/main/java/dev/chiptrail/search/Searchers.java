package dev.chiptrail.search;

import dev.chiptrail.index.IndexLayout;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands out the live {@link IndexSnapshot} and swaps in a newly published generation without failing
 * a request in flight: a request holds a reference until it is done, and the old reader closes when
 * the last one is released (the SearcherManager pattern, across generation folders).
 */
public final class Searchers implements Closeable {
  private final IndexLayout layout;
  private final AtomicReference<IndexSnapshot> current = new AtomicReference<>();
  private final Object refreshLock = new Object();

  private Searchers(IndexLayout layout, IndexSnapshot first) {
    this.layout = layout;
    this.current.set(first);
  }

  /** Opens the live index of {@code indexDir}, or says clearly why there is none to open. */
  public static Searchers open(Path indexDir) throws IndexUnavailableException {
    IndexLayout layout = new IndexLayout(indexDir);
    Optional<Path> gen;
    try {
      gen = layout.current();
    } catch (IOException e) {
      throw new IndexUnavailableException("the index folder " + indexDir + " is damaged: " + e.getMessage(), e);
    }
    if (gen.isEmpty()) {
      throw new IndexUnavailableException("there is no index in " + layout.root() + "; build one with ./chiptrail index", null);
    }
    return new Searchers(layout, IndexSnapshot.open(gen.get()));
  }

  /** The live snapshot, referenced: pass it to {@link #release} when done. */
  public IndexSnapshot acquire() {
    while (true) {
      IndexSnapshot s = current.get();
      if (s == null) throw new IllegalStateException("searchers are closed");
      if (s.tryIncRef()) return s;
    }
  }

  public void release(IndexSnapshot s) {
    try {
      s.decRef();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Switches to the generation CURRENT names, if it changed. A generation that cannot be opened is
   * reported and the previous one keeps serving.
   *
   * @return true if a new generation is now live
   */
  public boolean maybeRefresh() throws IndexUnavailableException {
    synchronized (refreshLock) {
      Optional<Path> gen;
      try {
        gen = layout.current();
      } catch (IOException e) {
        throw new IndexUnavailableException("cannot read " + layout.root() + "/" + IndexLayout.CURRENT + ": " + e.getMessage(), e);
      }
      IndexSnapshot old = current.get();
      if (gen.isEmpty() || old == null || gen.get().equals(old.generation())) return false;
      IndexSnapshot fresh = IndexSnapshot.open(gen.get());
      current.set(fresh);
      release(old);
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    IndexSnapshot s = current.getAndSet(null);
    if (s != null) s.decRef();
  }
}
