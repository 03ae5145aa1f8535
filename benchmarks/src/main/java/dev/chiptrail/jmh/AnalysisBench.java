package dev.chiptrail.jmh;

import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One analysis chain over one language sample (see {@link Corpus}): one operation is one pass of the
 * chain over every text of the sample, tokens consumed as indexing consumes them. MB/s = the
 * {@code :bytes} result / 10^6 (UTF-8 bytes of the sample, counted once per pass).
 *
 * <p>Chains: chiptrail's index-time chains by field ({@link Schema#indexAnalyzer()}): {@code text_en}
 * (English, stemmed), {@code text_zh} (smartcn after NFKC and traditional→simplified),
 * {@code text_cjk} (unigrams and bigrams, simplified; {@code names_zh} uses the same chain),
 * {@code text_cjk_exact} (the same in the script written), {@code names} (Latin names, never
 * stemmed; {@code names_pinyin} uses the same chain); {@code all_text_fields}: the four text fields
 * every record and article is analysed into, one after the other, as indexing does (bytes counted
 * once, as in {@code ./chiptrail bench}). Baselines, plain Lucene as in the reference figures:
 * {@code lucene_smartcn} (SmartChineseAnalyzer), {@code lucene_cjk} (CJKAnalyzer),
 * {@code lucene_english} (EnglishAnalyzer).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class AnalysisBench {
  @Param({"text_en", "text_zh", "text_cjk", "text_cjk_exact", "names", "all_text_fields",
      "lucene_smartcn", "lucene_cjk", "lucene_english"})
  public String chain;

  @Param({"en", "zh_hans", "zh_hant"})
  public String sample;

  private Analyzer analyzer;
  private String[] fields;
  private List<String> texts;
  private long bytes;
  private long chars;

  @Setup(Level.Trial)
  public void setUp() {
    texts = Corpus.get().sample(sample);
    bytes = Corpus.utf8(texts);
    chars = Corpus.chars(texts);
    switch (chain) {
      case "lucene_smartcn" -> analyzer = new SmartChineseAnalyzer();
      case "lucene_cjk" -> analyzer = new CJKAnalyzer();
      case "lucene_english" -> analyzer = new EnglishAnalyzer();
      default -> analyzer = Schema.indexAnalyzer();
    }
    fields = switch (chain) {
      case "all_text_fields" -> new String[] {Schema.TEXT_EN, Schema.TEXT_ZH, Schema.TEXT_CJK, Schema.TEXT_CJK_EXACT};
      case "text_en", "text_zh", "text_cjk", "text_cjk_exact", "names" -> new String[] {chain};
      case "lucene_smartcn", "lucene_cjk", "lucene_english" -> new String[] {"body"};
      default -> throw new IllegalArgumentException("no chain " + chain);
    };
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    analyzer.close();
  }

  @Benchmark
  public void analyse(Counters counters, Blackhole bh) throws IOException {
    for (String text : texts) {
      for (String field : fields) bh.consume(Tokens.consume(analyzer, field, text));
    }
    counters.add(bytes, chars, texts.size());
  }
}
