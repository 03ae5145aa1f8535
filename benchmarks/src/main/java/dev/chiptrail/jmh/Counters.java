package dev.chiptrail.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What each operation processed, reported by JMH beside the ops/s as secondary results
 * {@code :bytes}, {@code :chars} and {@code :docs}, each per second (so {@code :bytes} / 10^6 is
 * MB/s of UTF-8 text and 10^6 / {@code :docs} is µs per document), and {@code :cpuNanos}, the
 * benchmark thread's CPU time over the same operations: {@code :bytes} / {@code :cpuNanos} is bytes per
 * CPU-nanosecond whatever share of a core the neighbours left (the machine is shared; JIT and GC
 * threads are not counted). {@link Summary} turns a JSON result file into that table.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Counters {
  /** UTF-8 bytes of text processed (each text once, however many chains ran over it). */
  public long bytes;
  /** UTF-16 chars of the same text (a Han character is 3 bytes and 1 char). */
  public long chars;
  /** Documents (texts) processed. */
  public long docs;
  /** CPU time of the benchmark thread from the iteration's start to its last operation. */
  public long cpuNanos;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private long cpuStart;

  @Setup(Level.Iteration)
  public void reset() {
    bytes = 0;
    chars = 0;
    docs = 0;
    cpuNanos = 0;
    cpuStart = THREADS.getCurrentThreadCpuTime();
  }

  /** After each operation (one clock_gettime, well under a µs: the operations take tens of µs or more). */
  void add(long bytes, long chars, long docs) {
    this.bytes += bytes;
    this.chars += chars;
    this.docs += docs;
    cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
  }
}
