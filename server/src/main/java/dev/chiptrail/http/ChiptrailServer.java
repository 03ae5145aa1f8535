package dev.chiptrail.http;

import dev.chiptrail.search.IndexUnavailableException;
import dev.chiptrail.search.Searchers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xnio.Options;

/**
 * The running server: Undertow with the API and the UI, and a scheduled thread that picks up an
 * index the indexer rebuilt (every second) without failing a request in flight.
 */
public final class ChiptrailServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ChiptrailServer.class.getName());
  static final long REFRESH_MILLIS = 1000;
  static final int PARSE_TIMEOUT_MILLIS = 5_000;

  private final Undertow undertow;
  private final ScheduledExecutorService refresher;
  private final Services services;
  private final boolean ownsSearchers;
  private final String host;
  private volatile String lastRefreshError;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private ChiptrailServer(Undertow undertow, ScheduledExecutorService refresher, Services services, boolean owns, String host) {
    this.undertow = undertow;
    this.refresher = refresher;
    this.services = services;
    this.ownsSearchers = owns;
    this.host = host;
  }

  /** Opens the index of {@code config} and serves it; closing the server closes the index. */
  public static ChiptrailServer start(ServerConfig config) throws IndexUnavailableException {
    Searchers searchers = Searchers.open(config.indexDir());
    try {
      return start(config, Services.over(searchers, java.time.Duration.ofMillis(config.timeoutMillis())), true, h -> h);
    } catch (RuntimeException e) {
      try {
        searchers.close();
      } catch (IOException ignored) {
        // Already failing.
      }
      throw e;
    }
  }

  /** Serves the given services; the caller keeps ownership of their searchers. */
  public static ChiptrailServer start(ServerConfig config, Services services) {
    return start(config, services, false, h -> h);
  }

  /** For tests: {@code inner} wraps the routes inside the request limit (to hold a request in flight). */
  static ChiptrailServer start(ServerConfig config, Services services, java.util.function.UnaryOperator<io.undertow.server.HttpHandler> inner) {
    return start(config, services, false, inner);
  }

  private static ChiptrailServer start(ServerConfig config, Services services, boolean owns,
      java.util.function.UnaryOperator<io.undertow.server.HttpHandler> inner) {
    Undertow u = Undertow.builder()
        .addHttpListener(config.port(), config.host())
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, Guard.MAX_BODY)
        .setServerOption(UndertowOptions.ALLOW_ENCODED_SLASH, false)
        // Paths stay as sent: the UI handler never sees a decoded ../ and Params decodes query values itself.
        .setServerOption(UndertowOptions.DECODE_URL, false)
        // A client that stops sending mid-request is dropped after PARSE_TIMEOUT_MILLIS; an idle
        // keep-alive connection after a minute; a stalled body or unread response after two. The idle
        // limits stay above clients' own keep-alive (the JDK client's is 30 s): a server closing first
        // races a client's next request on that connection, which fails a POST it cannot retry.
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, PARSE_TIMEOUT_MILLIS)
        .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
        .setServerOption(UndertowOptions.IDLE_TIMEOUT, 120_000)
        // Headers up to 1 MiB are read, so that any URL over 8 KiB gets Guard's JSON 414, not a dropped connection.
        .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 1 << 20)
        .setServerOption(UndertowOptions.MAX_PARAMETERS, 200)
        .setServerOption(UndertowOptions.ALWAYS_SET_DATE, true)
        .setSocketOption(Options.REUSE_ADDRESSES, true)
        .setHandler(Routes.of(services, config, inner))
        .build();
    u.start();
    // Warm after the listener is up: at a million documents the first search, highlighter and
    // suggester take a second or two that no client should wait for before the server answers.
    Thread warming = new Thread(() -> warm(services), "chiptrail-warm");
    warming.setDaemon(true);
    warming.start();
    ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "chiptrail-index-refresh");
      t.setDaemon(true);
      return t;
    });
    ChiptrailServer s = new ChiptrailServer(u, refresher, services, owns, config.host());
    refresher.scheduleWithFixedDelay(s::refresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    return s;
  }

  private void refresh() {
    try {
      if (services.searchers().maybeRefresh()) {
        LOG.info("picked up the rebuilt index");
        warm(services);
      }
      lastRefreshError = null;
    } catch (IndexUnavailableException | RuntimeException e) {
      // The previous generation keeps serving; say so once per distinct problem.
      if (!String.valueOf(e.getMessage()).equals(lastRefreshError)) LOG.log(Level.WARNING, "index refresh failed: " + e.getMessage());
      lastRefreshError = String.valueOf(e.getMessage());
    }
  }

  /**
   * One completion and one search, as early as possible: loads the suggester of this index version,
   * the analyzers and the highlighter's classes, and starts building the facet document sets, so
   * that the first real requests are not the slow ones.
   */
  static void warm(Services s) {
    try {
      s.suggester().suggest("a", 1);
      s.search().search(dev.chiptrail.search.SearchRequest.of("AWS A100"));
    } catch (java.io.IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "warming the index failed: " + e.getMessage());
    }
  }

  public int port() {
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** The base URL, e.g. http://127.0.0.1:8080/. */
  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port() + "/";
  }

  public Services services() {
    return services;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    refresher.shutdownNow();
    undertow.stop();
    if (ownsSearchers) {
      try {
        services.searchers().close();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "closing the index failed", e);
      }
    }
  }
}
