package dev.chiptrail.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI-sized version of bench/load-test.sh: 8 clients over a mixed query set for about 15 s while
 * the index is rebuilt and swapped 3 times. No request may fail or get a 5xx, every search answers
 * from one index version (header and body agree), and the server's open files come back to where
 * they were (no reader of a replaced generation is leaked).
 */
class LoadUnderRebuildIT {
  static final int CLIENTS = 8;
  static final int REBUILDS = 3;
  static final List<String> MIX = List.of(
      "/api/search?q=" + Api.enc("AWS A100"),
      "/api/search?q=" + Api.enc("之江实验室") + "&facets=provider,chip,date",
      "/api/search?q=" + Api.enc("\"cloud computing\" OR 英伟达") + "&sort=-date&size=20",
      "/api/search?provider=aws&provider=azure&from=2024-01&sort=amount",
      "/api/search?q=Shenzen+Universty&kind=record",
      "/api/search?sort=date&size=5&page=2",
      "/api/suggest?q=zhij",
      "/api/entities?q=" + Api.enc("清华"),
      "/api/entities/tsinghua-university",
      "/api/docs/rec-zhejiang-lab-2024-04",
      "/api/export?format=jsonl&q=A100",
      "/api/stats");

  @TempDir Path dir;

  /**
   * The files under {@code dir} this JVM has open or memory-mapped (Lucene maps index files, so they
   * show in /proc/self/maps rather than as descriptors); a deleted one still mapped is a leaked reader.
   */
  static Set<String> openFilesUnder(Path dir) throws Exception {
    Set<String> open = new java.util.TreeSet<>();
    String real = dir.toRealPath().toString();
    for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
      int at = line.indexOf(real);
      if (at >= 0) open.add(line.substring(at));
    }
    File[] fds = new File("/proc/self/fd").listFiles();
    for (File fd : fds == null ? new File[0] : fds) {
      try {
        String target = Files.readSymbolicLink(fd.toPath()).toString();
        if (target.startsWith(real)) open.add(target);
      } catch (java.io.IOException gone) {
        // Closed between listing and reading.
      }
    }
    return open;
  }

  @Test
  void mixedLoadWhileTheIndexIsRebuiltFailsNothingAndLeaksNoReader() throws Exception {
    TestIndex.build(dir);
    try (ChiptrailServer server = ChiptrailServer.start(ServerConfig.local(dir, TestIndex.DATA))) {
      String base = "http://127.0.0.1:" + server.port();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (String p : MIX) client.send(HttpRequest.newBuilder(URI.create(base + p)).build(), HttpResponse.BodyHandlers.discarding());
      Set<String> filesBefore = openFilesUnder(dir);
      List<String> failures = Collections.synchronizedList(new ArrayList<>());
      Set<String> versions = Collections.synchronizedSet(new LinkedHashSet<>());
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger requests = new AtomicInteger();
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int offset = c;
        Thread t = new Thread(() -> {
          for (int i = offset; running.get(); i++) {
            String p = MIX.get(i % MIX.size());
            long t0 = System.nanoTime();
            try {
              HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + p)).timeout(Duration.ofSeconds(10)).build(),
                  HttpResponse.BodyHandlers.ofString());
              latencies.add((System.nanoTime() - t0) / 1_000);
              requests.incrementAndGet();
              if (r.statusCode() != 200) {
                failures.add(p + " -> " + r.statusCode());
                continue;
              }
              String header = r.headers().firstValue("x-index-version").orElse(null);
              if (p.startsWith("/api/search") || p.startsWith("/api/stats")) {
                JsonNode body = Api.JSON.readTree(r.body());
                String v = body.path("index_version").asText();
                if (!v.equals(header)) failures.add(p + ": body says " + v + ", header " + header);
                versions.add(v);
              }
            } catch (Exception e) {
              failures.add(p + " -> " + e);
            }
          }
        });
        clients.add(t);
        t.start();
      }
      long start = System.currentTimeMillis();
      for (int i = 0; i < REBUILDS; i++) {
        Thread.sleep(2_000);
        TestIndex.build(dir);
      }
      while (System.currentTimeMillis() - start < 15_000) Thread.sleep(100);
      running.set(false);
      for (Thread t : clients) t.join();
      // The refresher closes a replaced reader once its last request ends; give it a beat.
      Thread.sleep(2 * ChiptrailServer.REFRESH_MILLIS);
      Set<String> filesAfter = openFilesUnder(dir);

      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      long p50 = sorted.get(sorted.size() / 2) / 1000;
      long p99 = sorted.get((int) (sorted.size() * 0.99)) / 1000;
      System.out.printf("LoadUnderRebuildIT: %d requests by %d clients in %d s, %d rebuilds, versions %s, p50 %d ms, p99 %d ms, index files open %d -> %d%n",
          requests.get(), CLIENTS, (System.currentTimeMillis() - start) / 1000, REBUILDS, versions, p50, p99, filesBefore.size(), filesAfter.size());
      assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())));
      assertTrue(versions.size() >= REBUILDS + 1, "every rebuild was served: " + versions);
      assertTrue(filesAfter.size() <= filesBefore.size() + 2, "open index files grew from " + filesBefore.size() + " to " + filesAfter);
      var snap = server.services().searchers().acquire();
      String live = snap.version().split("\\.")[0];
      server.services().searchers().release(snap);
      for (String f : filesAfter) assertTrue(f.contains(live) && !f.contains("(deleted)"), "a file of a replaced generation is still open: " + f);
      assertTrue(!filesBefore.isEmpty(), "the index files are seen at all");
    }
  }
}
