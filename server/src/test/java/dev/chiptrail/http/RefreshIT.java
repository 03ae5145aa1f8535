package dev.chiptrail.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshIT {
  @TempDir Path dir;

  @Test
  void aRebuiltIndexIsPickedUpWithoutRestartAndWithoutFailingARequest() throws Exception {
    TestIndex.build(dir);
    try (ChiptrailServer server = ChiptrailServer.start(ServerConfig.local(dir, TestIndex.DATA))) {
      Api api = new Api(server.port());
      String first = api.ok("/api/stats").path("index_version").asText();
      List<String> failures = Collections.synchronizedList(new ArrayList<>());
      Set<String> versions = Collections.synchronizedSet(new LinkedHashSet<>());
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> clients = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Thread t = new Thread(() -> {
          while (running.get()) {
            Api.Response r = api.get("/api/search?q=" + Api.enc("AWS 英伟达 OR A100") + "&sort=-date&size=20");
            if (r.status() != 200) {
              failures.add(r.status() + " " + r.text());
              continue;
            }
            JsonNode body = r.json();
            String v = body.path("index_version").asText();
            if (!v.equals(r.header("x-index-version"))) failures.add("body says " + v + ", header " + r.header("x-index-version"));
            if (body.path("total").asInt() == 0) failures.add("no hits from " + v);
            versions.add(v);
          }
        });
        clients.add(t);
        t.start();
      }
      // Two rebuilds: the second prunes the first generation while requests may still be reading it.
      TestIndex.build(dir);
      TestIndex.build(dir);
      String now = first;
      long deadline = System.currentTimeMillis() + 15_000;
      while (System.currentTimeMillis() < deadline) {
        now = api.ok("/api/stats").path("index_version").asText();
        if (now.startsWith("gen-000003")) break;
        Thread.sleep(100);
      }
      Thread.sleep(300);
      running.set(false);
      for (Thread t : clients) t.join();
      assertEquals(List.of(), failures);
      assertNotEquals(first, now);
      assertTrue(now.startsWith("gen-000003"), now);
      assertTrue(versions.contains(first) && versions.contains(now), versions.toString());
      assertEquals(now, api.ok("/health").path("index_version").asText());
    }
  }

  @Test
  void aBrokenPublishKeepsThePreviousIndexServing() throws Exception {
    TestIndex.build(dir);
    try (ChiptrailServer server = ChiptrailServer.start(ServerConfig.local(dir, TestIndex.DATA))) {
      Api api = new Api(server.port());
      String version = api.ok("/health").path("index_version").asText();
      java.nio.file.Path current = dir.resolve("CURRENT");
      String good = java.nio.file.Files.readString(current);
      java.nio.file.Files.writeString(current, "gen-999999\n");
      Thread.sleep(2 * ChiptrailServer.REFRESH_MILLIS + 200);
      assertEquals(version, api.ok("/health").path("index_version").asText());
      assertEquals(11, api.ok("/api/search?kind=record").path("total").asInt());
      java.nio.file.Files.writeString(current, good);
    }
  }
}
