package dev.chiptrail.http;

import dev.chiptrail.cli.DataOptions;
import dev.chiptrail.cli.IndexCommand;
import dev.chiptrail.index.IndexLayout;
import dev.chiptrail.ingest.DataReader;
import dev.chiptrail.ingest.DataSet;
import dev.chiptrail.ingest.ValidationException;
import dev.chiptrail.schema.Schema;
import dev.chiptrail.search.IndexSnapshot;
import dev.chiptrail.search.IndexUnavailableException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", description = "Index the data if the index is missing or older than the data, then serve the UI and the JSON API.")
public final class ServeCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Option(names = "--index", paramLabel = "DIR", defaultValue = IndexCommand.DEFAULT_INDEX, description = "Index folder (default: ${DEFAULT-VALUE}).")
  Path index;

  @Option(names = "--host", defaultValue = ServerConfig.DEFAULT_HOST, description = "Address to bind (default: ${DEFAULT-VALUE}); a non-loopback one needs --allow-remote.")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN", description = "Let pages from this origin call the API (repeatable); CORS is off by default.")
  List<String> corsOrigins = new ArrayList<>();

  @Option(names = "--allow-remote", description = "Allow binding an address other machines can reach.")
  boolean allowRemote;

  @Option(names = "--timeout-ms", defaultValue = "" + ServerConfig.DEFAULT_TIMEOUT_MILLIS,
      description = "Time one search may take; past it the answer holds the hits found so far and says \"timed_out\": true (default: ${DEFAULT-VALUE}; 0: no limit).")
  long timeoutMillis;

  @Option(names = "--max-concurrent", defaultValue = "" + ServerConfig.DEFAULT_MAX_CONCURRENT,
      description = "Requests served at once; more wait in a queue (default: ${DEFAULT-VALUE}).")
  int maxConcurrent;

  @Option(names = "--queue-size", defaultValue = "" + ServerConfig.DEFAULT_QUEUE_SIZE,
      description = "Requests that may wait; when the queue is full the server answers 503 with Retry-After (default: ${DEFAULT-VALUE}).")
  int queueSize;

  @Option(names = "--no-reindex", description = "Serve the existing index even if the data changed.")
  boolean noReindex;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    // What opening the index initialises anyway (ICU's normaliser, the traditional-to-simplified
    // table, the JSON mapper) is initialised on the other core while this one opens the index's files.
    Thread preload = new Thread(() -> {
      dev.chiptrail.analysis.Analyzers.normalize("預熱 A-100");
      dev.chiptrail.ingest.Json.OUT.getTypeFactory();
    }, "chiptrail-preload");
    preload.setDaemon(true);
    preload.start();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServerConfig config;
    try {
      config = new ServerConfig(host, port, index, data.data, corsOrigins, allowRemote, timeoutMillis, maxConcurrent, queueSize);
    } catch (IllegalArgumentException e) {
      err.println("chiptrail: " + e.getMessage());
      return 2;
    }
    if (!noReindex) {
      int rc = indexIfStale(out, err);
      if (rc != 0) return rc;
    }
    ChiptrailServer server;
    try {
      server = ChiptrailServer.start(config);
    } catch (IndexUnavailableException e) {
      err.println("chiptrail: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("chiptrail: cannot serve on " + host + ":" + port + ": " + rootMessage(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "chiptrail-shutdown"));
    out.println("chiptrail is serving " + server.url() + "  (API: " + server.url() + "api/search, docs: " + server.url()
        + "api/openapi.json; Ctrl-C stops; " + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
        + " ms after the JVM started)");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Whoever runs the command in a thread (a test) stops it by interrupting it.
      server.close();
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Builds the index when there is none or when the data's checksum differs from the one it was built from. */
  private int indexIfStale(PrintWriter out, PrintWriter err) throws Exception {
    Optional<Path> gen;
    try {
      gen = new IndexLayout(index).current();
    } catch (java.io.IOException e) {
      gen = Optional.empty();
    }
    String reason = null;
    if (gen.isEmpty()) {
      reason = "there is no index in " + index + " yet";
    } else {
      DataSet ds;
      try {
        ds = DataReader.read(data.data, data.articles);
      } catch (ValidationException e) {
        err.println("chiptrail: the data has " + e.errors().size() + " error(s) (see ./chiptrail validate); serving the existing index");
        return 0;
      }
      String built = null;
      try {
        IndexSnapshot s = IndexSnapshot.open(gen.get());
        built = s.commitData().get(Schema.COMMIT_DATA_CHECKSUM);
        s.reader().close();
      } catch (IndexUnavailableException e) {
        reason = e.getMessage();
      }
      if (reason == null && !ds.checksum().equals(built)) reason = "the data changed since the index was built";
    }
    if (reason == null) return 0;
    out.println("chiptrail: " + reason + "; indexing " + data.data);
    out.flush();
    return IndexCommand.run(data.config(index, false), out, err);
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
