package dev.chiptrail.jmh;

import dev.chiptrail.index.DocumentBuilder;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link DocumentBuilder#article} and {@link DocumentBuilder#record}: one Lucene document per
 * operation, built but not indexed (no analysis runs: fields hold their strings until IndexWriter
 * inverts them), cycling through the corpus's articles or records. What it costs: the mention finder
 * (twice for an article: text and title), the source JSON, its SHA-256, the mentions' and facets'
 * JSON, the name fields of every mentioned entity and FacetsConfig.build. µs per document =
 * 10^6 / ops/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DocumentBuilderBench {
  private DocumentBuilder builder;
  private List<Article> articles;
  private List<Record> records;
  private long[] articleBytes;
  private long[] recordBytes;
  private int nextArticle;
  private int nextRecord;

  @Setup(Level.Trial)
  public void setUp() {
    Corpus c = Corpus.get();
    builder = new DocumentBuilder(c.gazetteer());
    articles = c.articles();
    records = c.records();
    articleBytes = articles.stream().mapToLong(a -> Corpus.utf8(a.text())).toArray();
    recordBytes = records.stream().mapToLong(r -> Corpus.utf8(r.text())).toArray();
  }

  @Benchmark
  public Object article(Counters counters) {
    int i = nextArticle;
    nextArticle = i + 1 == articles.size() ? 0 : i + 1;
    counters.add(articleBytes[i], articles.get(i).text().length(), 1);
    return builder.article(articles.get(i));
  }

  @Benchmark
  public Object record(Counters counters) {
    int i = nextRecord;
    nextRecord = i + 1 == records.size() ? 0 : i + 1;
    counters.add(recordBytes[i], records.get(i).text().length(), 1);
    return builder.record(records.get(i));
  }
}
