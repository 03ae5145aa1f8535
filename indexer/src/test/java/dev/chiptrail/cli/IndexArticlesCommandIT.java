package dev.chiptrail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code index --articles DIR [--encoding CS]} from the command line, as a researcher runs it. */
class IndexArticlesCommandIT {
  static final Path CORPUS = Path.of("src", "test", "resources", "corpus");

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path folder(String... names) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("articles-" + names.length + "-" + names[0]));
    for (String n : names) Files.copy(CORPUS.resolve(n), dir.resolve(n));
    return dir;
  }

  @Test
  void foldersOfMixedFormatsAndEncodingsAreIndexedAndSearchable() throws Exception {
    Path dir = folder("page.html", "zhejiang-lab-gbk.txt", "yunda-big5.txt", "bom-utf8.md", "export.jsonl");
    Path index = tmp.resolve("index");
    Run r = run("index", "--data", "../data", "--articles", dir.toString(), "--index", index.toString(), "--threads", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("article=" + (16 + 7)), r.out());

    Run s = run("search", "--index", index.toString(), "--json", "运达科技");
    assertEquals(0, s.code(), s.err());
    assertTrue(s.out().contains("\"yunda-big5\""), s.out());
    // 清华同方 is a company: its article is found by the words, but is not tagged Tsinghua University.
    Run t = run("search", "--index", index.toString(), "--json", "--size", "50", "清华同方");
    var hits = dev.chiptrail.ingest.Json.OUT.readTree(t.out()).path("hits");
    var export2 = java.util.stream.StreamSupport.stream(hits.spliterator(), false)
        .filter(h -> h.path("id").asText().equals("export-2")).findFirst().orElseThrow(() -> new AssertionError(t.out()));
    assertTrue(export2.path("entity").isMissingNode(), export2.toString());
    assertTrue(!export2.path("entities").toString().contains("tsinghua-university"), export2.toString());
    // The GBK article names 清华同方 too, and Zhejiang Lab: only the lab is tagged.
    Run g = run("search", "--index", index.toString(), "--json", "id:zhejiang-lab-gbk");
    var gbk = dev.chiptrail.ingest.Json.OUT.readTree(g.out()).path("hits").get(0);
    assertEquals("[\"zhejiang-lab\",\"aws\",\"a100\"]", gbk.path("entities").toString());
  }

  @Test
  void namedEncodingIsUsedForTheArticleFolders() throws Exception {
    Path dir = folder("yunda-big5.txt");
    Run ok = run("validate", "--data", "../data", "--articles", dir.toString(), "--encoding", "big5");
    assertEquals(0, ok.code(), ok.err());
    Run wrong = run("validate", "--data", "../data", "--articles", dir.toString(), "--encoding", "utf-8");
    assertEquals(1, wrong.code(), wrong.out());
    assertTrue(wrong.err().contains("yunda-big5.txt:1: invalid UTF-8 at byte offset 0"), wrong.err());
    Run bad = run("validate", "--data", "../data", "--encoding", "latin1");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("'latin1' is not one of UTF-8, GB18030, GBK, Big5"), bad.err());
  }

  @Test
  void undecodableFileStopsTheRunNamingFileAndOffset() throws Exception {
    Path dir = folder("invalid-bytes.txt");
    Run r = run("index", "--data", "../data", "--articles", dir.toString(), "--index", tmp.resolve("i2").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("invalid-bytes.txt:3: invalid UTF-8 at byte offset 68 (byte 0xFF)"), r.err());
  }
}
