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
 */
public record ServerConfig(String host, int port, Path indexDir, Path dataDir, List<String> corsOrigins, boolean allowRemote) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public ServerConfig {
    host = host == null || host.isBlank() ? DEFAULT_HOST : host;
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
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

  private static boolean isLoopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) if (!a.isLoopbackAddress()) return false;
      return true;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--host " + host + " is not a known host name or address", e);
    }
  }
}
