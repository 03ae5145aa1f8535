package dev.chiptrail.jmh;

import dev.chiptrail.bench.CorpusGenerator;
import dev.chiptrail.gazetteer.Gazetteer;
import dev.chiptrail.ingest.Article;
import dev.chiptrail.ingest.DataReader;
import dev.chiptrail.ingest.DataSet;
import dev.chiptrail.ingest.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The text every benchmark reads: {@code ./chiptrail generate --docs 2000 --seed 1}, made once by
 * {@link CorpusGenerator} (the same seed and size always give the same bytes) and kept in
 * {@code benchmarks/target/jmh-corpus/}, so that each JMH fork only reads and validates it.
 *
 * <p>A <em>sample</em> is the articles of one language ({@code en}, {@code zh_hans}, {@code zh_hant},
 * {@code mixed}) in corpus order, whole articles (title and body, as indexed) until at least
 * {@link #SAMPLE_BYTES} bytes of UTF-8: the same texts for every chain, so chains compare.
 */
public final class Corpus {
  public static final int DOCS = 2000;
  public static final long SEED = 1;
  /** Bytes of UTF-8 per language sample (whole articles, so a little more). */
  public static final int SAMPLE_BYTES = 256_000;

  private static Corpus instance;

  private final DataSet data;

  private Corpus(DataSet data) {
    this.data = data;
  }

  /** The corpus, generated on first use (under the repository root; see {@link #root()}). */
  public static synchronized Corpus get() {
    if (instance == null) {
      try {
        Path root = root();
        Path dir = root.resolve("benchmarks/target/jmh-corpus/docs" + DOCS + "-seed" + SEED);
        if (!Files.isRegularFile(dir.resolve(".complete"))) {
          Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
          deleteTree(tmp);
          new CorpusGenerator(root.resolve("data/gazetteer")).generate(DOCS, SEED, tmp);
          Files.writeString(tmp.resolve(".complete"), "");
          deleteTree(dir);
          Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        }
        instance = new Corpus(DataReader.read(dir, List.of()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        throw new IllegalStateException("cannot make the benchmark corpus", e);
      }
    }
    return instance;
  }

  /**
   * The repository: {@code -Dchiptrail.root}, else the working directory or the first parent of it
   * that holds {@code data/gazetteer} (bench/jmh.sh runs from the root; JMH forks keep it).
   */
  static Path root() {
    String p = System.getProperty("chiptrail.root");
    if (p != null) return Path.of(p).toAbsolutePath();
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("data/gazetteer")) && Files.isRegularFile(d.resolve("pom.xml"))) return d;
    }
    throw new IllegalStateException("run from the chiptrail repository (no data/gazetteer here or above), or set -Dchiptrail.root");
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }

  public Gazetteer gazetteer() {
    return data.gazetteer();
  }

  public List<Record> records() {
    return data.records();
  }

  public List<Article> articles() {
    return data.articles();
  }

  /** The articles of a sample language ({@code all} for every article), in corpus order. */
  public List<Article> articles(String sample) {
    if (sample.equals("all")) return data.articles();
    String lang = language(sample);
    return data.articles().stream().filter(a -> lang.equals(a.language())).toList();
  }

  /** The texts of a language sample (see the class comment). */
  public List<String> sample(String sample) {
    List<String> out = new ArrayList<>();
    long bytes = 0;
    for (Article a : articles(sample)) {
      if (bytes >= SAMPLE_BYTES) break;
      out.add(a.text());
      bytes += utf8(a.text());
    }
    if (bytes < SAMPLE_BYTES) throw new IllegalStateException("only " + bytes + " bytes of " + sample + " articles");
    return List.copyOf(out);
  }

  private static String language(String sample) {
    return switch (sample) {
      case "en" -> "en";
      case "zh_hans" -> "zh-Hans";
      case "zh_hant" -> "zh-Hant";
      case "mixed" -> "mixed";
      default -> throw new IllegalArgumentException("no sample " + sample);
    };
  }

  public static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  public static long utf8(List<String> texts) {
    long n = 0;
    for (String t : texts) n += utf8(t);
    return n;
  }

  public static long chars(List<String> texts) {
    long n = 0;
    for (String t : texts) n += t.length();
    return n;
  }
}
