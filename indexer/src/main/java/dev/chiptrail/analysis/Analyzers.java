package dev.chiptrail.analysis;

import com.ibm.icu.text.Normalizer2;
import java.io.Reader;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analysis chains of chiptrail. Every chain starts with the same character normalisation so that
 * index and query agree on width, case and punctuation:
 *
 * <ol>
 *   <li>NFKC with case folding (ICU): full-width ＡＷＳ and Ａ１００ become aws and a100, the ideographic
 *       space a space;
 *   <li>a hyphen between a letter and a digit is dropped: A-100 and A100 are one token;
 *   <li>traditional Han characters become simplified ones, one for one, offsets kept.
 * </ol>
 */
public final class Analyzers {
  private static final Normalizer2 NFKC_CF = Normalizer2.getInstance(null, "nfkc_cf", Normalizer2.Mode.COMPOSE);

  private Analyzers() {}

  /** The shared character normalisation (width, case, letter-digit hyphens, traditional to simplified). */
  public static Reader normalize(Reader in) {
    Reader r = new ICUNormalizer2CharFilter(in, NFKC_CF);
    r = new LetterDigitHyphenFilter(r);
    return TraditionalToSimplified.wrap(r);
  }

  /** Width, case and hyphen normalisation only: Han characters keep their script. */
  public static Reader normalizeKeepScript(Reader in) {
    return new LetterDigitHyphenFilter(new ICUNormalizer2CharFilter(in, NFKC_CF));
  }

  /** The same normalisation on a string (used for gazetteer look-ups and mention finding). */
  public static String normalize(String s) {
    String n = NFKC_CF.normalize(s);
    n = LetterDigitHyphenFilter.apply(n);
    return TraditionalToSimplified.convert(n);
  }

  /** English prose: stemmed, stop words removed, Han characters left to the Chinese fields. */
  public static Analyzer english() {
    return new NormalizingAnalyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer src = new StandardTokenizer();
        TokenStream ts = new StopFilter(latinWords(src), EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        ts = new PorterStemFilter(ts);
        return new TokenStreamComponents(src, ts);
      }
    };
  }

  /** Chinese words: smartcn's HMM segmentation over the simplified form of the text. */
  public static Analyzer chineseWords() {
    return new NormalizingAnalyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer src = new HMMChineseTokenizer();
        TokenStream ts = new LowerCaseFilter(src);
        // smartcn emits punctuation as the token ","; it carries no meaning.
        ts = new StopFilter(ts, new CharArraySet(Set.of(","), false));
        return new TokenStreamComponents(src, ts);
      }
    };
  }

  /**
   * Chinese character n-grams (unigrams and bigrams) for names the segmenter does not know. At query
   * time use {@link #chineseBigramsQuery()}: bigrams only, a lone character stays a unigram.
   */
  public static Analyzer chineseGrams() {
    return cjk(true);
  }

  public static Analyzer chineseBigramsQuery() {
    return cjk(false);
  }

  private static Analyzer cjk(boolean unigrams) {
    return new NormalizingAnalyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer src = new StandardTokenizer();
        TokenStream ts = new TypeTokenFilter(src, Set.of("<IDEOGRAPHIC>"), true);
        ts = new CJKBigramFilter(ts, CJKBigramFilter.HAN, unigrams);
        return new TokenStreamComponents(src, ts);
      }
    };
  }

  /**
   * Chinese character n-grams in the script written, for searches restricted to the exact script
   * typed ({@code exact_script}): 实 and 實 stay apart.
   */
  public static Analyzer chineseGramsExactScript(boolean unigrams) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer src = new StandardTokenizer();
        TokenStream ts = new TypeTokenFilter(src, Set.of("<IDEOGRAPHIC>"), true);
        ts = new CJKBigramFilter(ts, CJKBigramFilter.HAN, unigrams);
        return new TokenStreamComponents(src, ts);
      }

      @Override
      protected Reader initReader(String fieldName, Reader reader) {
        return normalizeKeepScript(reader);
      }
    };
  }

  /** Latin name forms (English names, acronyms, romanizations): exact words, folded, never stemmed. */
  public static Analyzer latinNames() {
    return new NormalizingAnalyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer src = new StandardTokenizer();
        return new TokenStreamComponents(src, latinWords(src));
      }
    };
  }

  /** Latin words only (Han characters are the Chinese fields' business), possessives off, accents folded. */
  private static TokenStream latinWords(Tokenizer src) {
    TokenStream ts = new TypeTokenFilter(src, Set.of("<IDEOGRAPHIC>"), false);
    ts = new EnglishPossessiveFilter(ts);
    return new ASCIIFoldingFilter(ts);
  }

  private abstract static class NormalizingAnalyzer extends Analyzer {
    @Override
    protected Reader initReader(String fieldName, Reader reader) {
      return Analyzers.normalize(reader);
    }

    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
      return Analyzers.normalize(reader);
    }
  }
}
