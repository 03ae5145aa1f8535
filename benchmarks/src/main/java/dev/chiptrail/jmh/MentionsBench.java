package dev.chiptrail.jmh;

import dev.chiptrail.gazetteer.Gazetteer;
import dev.chiptrail.ingest.Article;
import dev.chiptrail.ingest.Record;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Gazetteer#findMentions} on one document text per operation (title and body, as
 * {@code DocumentBuilder} passes it), cycling through the corpus's articles of a language
 * ({@code all}: every article) or its records ({@code records}); the gazetteer is the corpus's own
 * (the shipped entities plus the generated buyers and intermediaries). µs per document =
 * 10^6 / ops/s; MB/s = {@code :bytes} / 10^6.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class MentionsBench {
  @Param({"all", "en", "zh_hans", "zh_hant", "records"})
  public String sample;

  private Gazetteer gazetteer;
  private String[] texts;
  private long[] bytes;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Corpus c = Corpus.get();
    gazetteer = c.gazetteer();
    List<String> t = sample.equals("records") ? c.records().stream().map(Record::text).toList()
        : c.articles(sample).stream().map(Article::text).toList();
    texts = t.toArray(String[]::new);
    bytes = t.stream().mapToLong(Corpus::utf8).toArray();
  }

  @Benchmark
  public Object findMentions(Counters counters) {
    int i = next;
    next = i + 1 == texts.length ? 0 : i + 1;
    counters.add(bytes[i], texts[i].length(), 1);
    return gazetteer.findMentions(texts[i]);
  }
}
