package dev.chiptrail.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandIT {
  static final Pattern URL = Pattern.compile("serving (http://127\\.0\\.0\\.1:(\\d+)/)");
  @TempDir Path index;

  /** Runs `serve` in a thread; returns its output once it prints the URL, then stops it. */
  record Run(Thread thread, StringWriter out, int port) {}

  static Run serve(String... args) throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cl = ServerMain.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    Thread t = new Thread(() -> cl.execute(args));
    t.start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      Matcher m = URL.matcher(out.toString());
      if (m.find()) return new Run(t, out, Integer.parseInt(m.group(2)));
      if (!t.isAlive()) break;
      Thread.sleep(50);
    }
    t.interrupt();
    throw new AssertionError("serve did not print its URL: " + out);
  }

  @Test
  void serveIndexesWhenThereIsNoIndexThenServesAndPrintsTheUrl() throws Exception {
    Run first = serve("serve", "--port", "0", "--index", index.toString(), "--data", TestIndex.DATA.toString());
    try {
      assertTrue(first.out().toString().contains("there is no index"), first.out().toString());
      Api api = new Api(first.port());
      assertEquals("ok", api.ok("/health").path("status").asText());
      assertEquals(11, api.ok("/api/search?kind=record").path("total").asInt());
    } finally {
      first.thread().interrupt();
      first.thread().join(10_000);
    }
    assertFalse(first.thread().isAlive());
    Run second = serve("serve", "--port", "0", "--index", index.toString(), "--data", TestIndex.DATA.toString());
    try {
      assertFalse(second.out().toString().contains("indexing"), "an index of unchanged data is served as it is: " + second.out());
      assertEquals(200, new Api(second.port()).get("/health").status());
    } finally {
      second.thread().interrupt();
      second.thread().join(10_000);
    }
  }

  @Test
  void serveRefusesANonLoopbackHostWithoutAllowRemote() {
    StringWriter err = new StringWriter();
    CommandLine cl = ServerMain.commandLine();
    cl.setErr(new PrintWriter(err, true));
    int rc = cl.execute("serve", "--host", "0.0.0.0", "--port", "0", "--index", index.toString(), "--data", TestIndex.DATA.toString());
    assertEquals(2, rc);
    assertTrue(err.toString().contains("--allow-remote"), err.toString());
  }

  @Test
  void theCommandLineHasServeBesideTheIndexerCommands() {
    CommandLine cl = ServerMain.commandLine();
    assertTrue(cl.getSubcommands().keySet().containsAll(java.util.List.of("serve", "index", "validate", "search")));
  }
}
