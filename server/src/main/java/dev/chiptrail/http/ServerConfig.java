package dev.chiptrail.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

/**
 * How the server is set up, built in one place (the serve command, or a test) and checked here.
 *
 * @param host address to bind; a non-loopback one needs {@code allowRemote}
 * @param port port to bind; 0 picks a free one
 * @param indexDir the index folder
 * @param dataDir the data folder the index is built from
 * @param corsOrigins origins allowed to call the API from a browser; empty means CORS is off
 * @param allowRemote whether a non-loopback host may be bound
 * @param timeoutMillis how long one search may collect hits before answering with partial results
 *     ({@code timed_out}); 0 means no limit
 * @param maxConcurrent requests served at once; more wait in the queue
 * @param queueSize requests that may wait; past that the server answers 503 with Retry-After
 */
public record ServerConfig(String host, int port, Path indexDir, Path dataDir, List<String> corsOrigins, boolean allowRemote,
    long timeoutMillis, int maxConcurrent, int queueSize) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_TIMEOUT_MILLIS = 2000;
  public static final int DEFAULT_MAX_CONCURRENT = 16;
  public static final int DEFAULT_QUEUE_SIZE = 256;

  public ServerConfig(String host, int port, Path indexDir, Path dataDir, List<String> corsOrigins, boolean allowRemote) {
    this(host, port, indexDir, dataDir, corsOrigins, allowRemote, DEFAULT_TIMEOUT_MILLIS, DEFAULT_MAX_CONCURRENT, DEFAULT_QUEUE_SIZE);
  }

  public ServerConfig {
    host = host == null || host.isBlank() ? DEFAULT_HOST : host;
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    if (timeoutMillis < 0) throw new IllegalArgumentException("--timeout-ms must be 0 (no limit) or more, got " + timeoutMillis);
    if (maxConcurrent < 1) throw new IllegalArgumentException("--max-concurrent must be 1 or more, got " + maxConcurrent);
    // Undertow reads a queue of 0 as unbounded, the opposite of what one would mean.
    if (queueSize < 1) throw new IllegalArgumentException("--queue-size must be 1 or more, got " + queueSize);
    if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
    for (String o : corsOrigins) {
      if (!o.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+")) {
        throw new IllegalArgumentException("--cors-origin must be an origin like https://example.org (scheme, host, optional port), got '" + o + "'");
      }
    }
    if (!allowRemote && !isLoopback(host)) {
      throw new IllegalArgumentException("--host " + host + " is not a loopback address: the API would be reachable from other machines. "
          + "Add --allow-remote if that is what you want.");
    }
  }

  /** Loopback on this machine, for tests: port 0, no CORS. */
  public static ServerConfig local(Path indexDir, Path dataDir) {
    return new ServerConfig(DEFAULT_HOST, 0, indexDir, dataDir, List.of(), false);
  }

  public ServerConfig withLimits(long timeoutMillis, int maxConcurrent, int queueSize) {
    return new ServerConfig(host, port, indexDir, dataDir, corsOrigins, allowRemote, timeoutMillis, maxConcurrent, queueSize);
  }

  private static boolean isLoopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) if (!a.isLoopbackAddress()) return false;
      return true;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--host " + host + " is not a known host name or address", e);
    }
  }
}
