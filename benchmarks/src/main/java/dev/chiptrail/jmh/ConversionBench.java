package dev.chiptrail.jmh;

import dev.chiptrail.analysis.Analyzers;
import dev.chiptrail.analysis.TraditionalToSimplified;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import com.ibm.icu.text.Normalizer2;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Traditional→simplified conversion alone, over a language sample (see {@link Corpus}); one operation
 * is one pass over the sample, MB/s = {@code :bytes} / 10^6.
 *
 * <ul>
 *   <li>{@code convertString}: {@link TraditionalToSimplified#convert(String)}, the string form the
 *       mention finder folds every text with;
 *   <li>{@code charFilter}: {@link TraditionalToSimplified#wrap}, the CharFilter of the analysis chains,
 *       read to the end in 1,024-char reads (the size Lucene's tokenizers ask for);
 *   <li>{@code normalizeChain}: {@link Analyzers#normalize(Reader)}, all three char filters every chain
 *       but {@code text_cjk_exact} starts with (ICU NFKC case folding, letter-digit hyphens,
 *       traditional→simplified);
 *   <li>{@code icuNormalizer} and {@code hyphenPattern}: the first two of those alone (the same
 *       normaliser and a copy of the same pattern), to see which one the chain's cost is.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ConversionBench {
  @Param({"en", "zh_hans", "zh_hant"})
  public String sample;

  private List<String> texts;
  private long bytes;
  private long chars;
  private final char[] buffer = new char[1024];

  @Setup(Level.Trial)
  public void setUp() {
    texts = Corpus.get().sample(sample);
    bytes = Corpus.utf8(texts);
    chars = Corpus.chars(texts);
  }

  @Benchmark
  public void convertString(Counters counters, Blackhole bh) {
    for (String t : texts) bh.consume(TraditionalToSimplified.convert(t));
    counters.add(bytes, chars, texts.size());
  }

  @Benchmark
  public void charFilter(Counters counters, Blackhole bh) throws IOException {
    for (String t : texts) bh.consume(drain(TraditionalToSimplified.wrap(new StringReader(t))));
    counters.add(bytes, chars, texts.size());
  }

  @Benchmark
  public void normalizeChain(Counters counters, Blackhole bh) throws IOException {
    for (String t : texts) bh.consume(drain(Analyzers.normalize(new StringReader(t))));
    counters.add(bytes, chars, texts.size());
  }

  private static final Normalizer2 NFKC_CF = Normalizer2.getInstance(null, "nfkc_cf", Normalizer2.Mode.COMPOSE);
  /** A copy of Analyzers.LETTER_HYPHEN_DIGIT (private there). */
  private static final Pattern LETTER_HYPHEN_DIGIT = Pattern.compile("(?<=\\p{L})[-‐‑–](?=\\p{N})");

  @Benchmark
  public void icuNormalizer(Counters counters, Blackhole bh) throws IOException {
    for (String t : texts) bh.consume(drain(new ICUNormalizer2CharFilter(new StringReader(t), NFKC_CF)));
    counters.add(bytes, chars, texts.size());
  }

  @Benchmark
  public void hyphenPattern(Counters counters, Blackhole bh) throws IOException {
    for (String t : texts) bh.consume(drain(new PatternReplaceCharFilter(LETTER_HYPHEN_DIGIT, "", new StringReader(t))));
    counters.add(bytes, chars, texts.size());
  }

  private long drain(Reader r) throws IOException {
    long h = 0;
    try (r) {
      for (int n; (n = r.read(buffer, 0, buffer.length)) >= 0; ) h += n + buffer[0];
    }
    return h;
  }
}
