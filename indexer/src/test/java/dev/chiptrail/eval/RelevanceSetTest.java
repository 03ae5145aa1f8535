package dev.chiptrail.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chiptrail.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RelevanceSetTest {
  @TempDir Path dir;

  @Test
  void readsQueriesWithTop5FirstAndExactScript() throws Exception {
    Path f = write("{\"queries\": [{\"q\": \"之江\", \"top5\": [\"a\", \"b\"], \"first\": \"a\", \"exact_script\": true}]}");
    RelevanceSet.Case c = RelevanceSet.read(f).cases().get(0);
    assertEquals("之江", c.q());
    assertEquals("a", c.first());
    assertTrue(c.exactScript());
    assertEquals(2, c.relevant().size());
  }

  @Test
  void aCaseWithoutQueryIsRejectedNamingItsPositionAndField() throws Exception {
    Path f = write("{\"queries\": [{\"q\": \"AWS\", \"first\": \"x\"}, {\"top5\": [\"x\"]}]}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RelevanceSet.read(f));
    assertTrue(e.getMessage().contains("query 2") && e.getMessage().contains("field 'q'"), e.getMessage());
  }

  @Test
  void aCaseWithNothingExpectedIsRejected() throws Exception {
    Path f = write("{\"queries\": [{\"q\": \"AWS\"}]}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RelevanceSet.read(f));
    assertTrue(e.getMessage().contains("'top5' or 'first'"), e.getMessage());
  }

  @Test
  void evalCommandReportsAMissingSetClearly() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("eval", "--index", dir.toString(), "--set", dir.resolve("nope.json").toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("no relevance set at"), err.toString());
  }

  private Path write(String json) throws Exception {
    Path f = dir.resolve("set.json");
    Files.writeString(f, json);
    return f;
  }
}
