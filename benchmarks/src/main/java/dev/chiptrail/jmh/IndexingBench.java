package dev.chiptrail.jmh;

import dev.chiptrail.index.DocumentBuilder;
import dev.chiptrail.ingest.Article;
import dev.chiptrail.ingest.Record;
import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The same {@code docs} documents (the corpus's first 40 % records and 60 % articles, its own mix)
 * three ways, one thread, one operation = all of them, so the three compare directly:
 *
 * <ul>
 *   <li>{@code analyseTextFields}: the four text-field chains over every text, tokens consumed (what
 *       {@code ./chiptrail bench} calls "analysis chains alone", the ceiling of indexing);
 *   <li>{@code buildDocuments}: {@link DocumentBuilder} only;
 *   <li>{@code analyseDocumentFields}: every tokenized field of the built documents (built once, in
 *       the setup) through the index analyzer, as IndexWriter's inversion runs them: the four text
 *       fields plus the name fields of every mentioned entity, each name form a field of its own;
 *   <li>{@code indexDocuments}: DocumentBuilder + {@link IndexWriter#addDocument} into a fresh
 *       {@link ByteBuffersDirectory} (IndexBuilder's writer settings), then commit and close: the
 *       whole of indexing but the disk.
 * </ul>
 *
 * docs/s = {@code :docs}; indexing ÷ analysis = the ratio the 0.70 target is about (here on one thread).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class IndexingBench {
  @Param({"1000"})
  public int docs;

  private DocumentBuilder builder;
  private final List<Record> records = new ArrayList<>();
  private final List<Article> articles = new ArrayList<>();
  private List<String> texts;
  private long bytes;
  private long chars;
  private Analyzer analyzer;
  private List<Document> built;

  private static final String[] TEXT_FIELDS = {Schema.TEXT_EN, Schema.TEXT_ZH, Schema.TEXT_CJK, Schema.TEXT_CJK_EXACT};

  @Setup(Level.Trial)
  public void setUp() {
    Corpus c = Corpus.get();
    builder = new DocumentBuilder(c.gazetteer());
    int nRecords = (int) Math.round(docs * 0.4);
    if (nRecords > c.records().size() || docs - nRecords > c.articles().size()) {
      throw new IllegalArgumentException("the corpus has " + c.records().size() + " records and " + c.articles().size() + " articles");
    }
    records.addAll(c.records().subList(0, nRecords));
    articles.addAll(c.articles().subList(0, docs - nRecords));
    List<String> t = new ArrayList<>();
    records.forEach(r -> t.add(r.text()));
    articles.forEach(a -> t.add(a.text()));
    texts = List.copyOf(t);
    bytes = Corpus.utf8(texts);
    chars = Corpus.chars(texts);
    analyzer = Schema.indexAnalyzer();
    built = new ArrayList<>();
    records.forEach(r -> built.add(builder.record(r)));
    articles.forEach(a -> built.add(builder.article(a)));
  }

  @Benchmark
  public void analyseTextFields(Counters counters, Blackhole bh) throws IOException {
    for (String text : texts) {
      for (String field : TEXT_FIELDS) bh.consume(Tokens.consume(analyzer, field, text));
    }
    counters.add(bytes, chars, docs);
  }

  @Benchmark
  public void analyseDocumentFields(Counters counters, Blackhole bh) throws IOException {
    for (Document doc : built) {
      for (IndexableField f : doc) {
        if (f.fieldType().indexOptions() == IndexOptions.NONE || !f.fieldType().tokenized()) continue;
        try (TokenStream ts = f.tokenStream(analyzer, null)) {
          bh.consume(Tokens.consume(ts));
        }
      }
    }
    counters.add(bytes, chars, docs);
  }

  @Benchmark
  public void buildDocuments(Counters counters, Blackhole bh) {
    for (Record r : records) bh.consume(builder.record(r));
    for (Article a : articles) bh.consume(builder.article(a));
    counters.add(bytes, chars, docs);
  }

  @Benchmark
  public long indexDocuments(Counters counters) throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory(); Analyzer a = Schema.indexAnalyzer()) {
      IndexWriterConfig iwc = new IndexWriterConfig(a)
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
          .setRAMBufferSizeMB(256)
          .setCommitOnClose(false);
      long n;
      try (IndexWriter w = new IndexWriter(dir, iwc)) {
        for (Record r : records) w.addDocument(builder.record(r));
        for (Article ar : articles) w.addDocument(builder.article(ar));
        n = w.commit();
      }
      counters.add(bytes, chars, docs);
      return n + dir.listAll().length;
    }
  }
}
