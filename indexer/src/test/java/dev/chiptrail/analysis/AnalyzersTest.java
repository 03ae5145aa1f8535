package dev.chiptrail.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input → expected tokens tables, offsets included ({@code term[start,end]}, offsets in UTF-16
 * chars of the original input). Plain assertions over the TokenStream attributes: Lucene's
 * BaseTokenStreamTestCase is JUnit 4 and would need the randomized runner beside JUnit 5.
 */
class AnalyzersTest {
  private static final Supplier<Analyzer> ZH = Analyzers::chineseWords, CJK = Analyzers::chineseGrams,
      CJK_QUERY = Analyzers::chineseBigramsQuery, EXACT = () -> Analyzers.chineseGramsExactScript(true),
      EN = Analyzers::english, NAMES = Analyzers::latinNames;

  static Stream<Arguments> tables() {
    return Stream.of(
        // Traditional: converted before segmentation, offsets of the original characters kept.
        row("traditional segmented like simplified", ZH, "之江實驗室", "之江[0,2] 实验室[2,5]"),
        row("simplified", ZH, "之江实验室", "之江[0,2] 实验室[2,5]"),
        row("traditional n-grams folded", CJK, "之江實驗室", "之[0,1] 之江[0,2] 江[1,2] 江实[1,3] 实[2,3] 实验[2,4] 验[3,4] 验室[3,5] 室[4,5]"),
        row("traditional query bigrams", CJK_QUERY, "之江實驗室", "之江[0,2] 江实[1,3] 实验[2,4] 验室[3,5]"),
        row("exact script keeps traditional", EXACT, "之江實驗室", "之[0,1] 之江[0,2] 江[1,2] 江實[1,3] 實[2,3] 實驗[2,4] 驗[3,4] 驗室[3,5] 室[4,5]"),
        // Full width and case.
        row("full-width Latin and digits folded", EN, "ＡＷＳ rents Ａ１００ servers", "aw[0,3] rent[4,9] a100[10,14] server[15,22]"),
        row("hyphen and case of model numbers", NAMES, "A-100 a100 H100", "a100[0,5] a100[6,10] h100[11,15]"),
        row("non-breaking hyphen and memory size", NAMES, "A‑100 80GB", "a100[0,5] 80gb[6,10]"),
        // Mixed Latin and Han.
        row("mixed text in the Chinese field", ZH, "AWS之江实验室租用A100", "aws[0,3] 之江[3,5] 实验室[5,8] 租用[8,10] a[10,11] 100[11,14]"),
        row("English field drops Han, stems English", EN, "AWS之江实验室 tenders", "aw[0,3] tender[9,16]"),
        // Unknown names: smartcn splits them, the n-gram field keeps the pairs.
        row("unknown name split by smartcn", ZH, "运达科技", "运[0,1] 达[1,2] 科技[2,4]"),
        row("unknown name as n-grams", CJK, "运达科技", "运[0,1] 运达[0,2] 达[1,2] 达科[1,3] 科[2,3] 科技[2,4] 技[3,4]"),
        row("one character indexed and queried as a unigram", CJK, "之", "之[0,1]"),
        row("one character query", CJK_QUERY, "之", "之[0,1]"),
        // Surrogate pairs: U+20000 is two UTF-16 chars.
        row("supplementary ideograph", CJK, "𠀀之江", "𠀀[0,2] 𠀀之[0,3] 之[2,3] 之江[2,4] 江[3,4]"),
        // Ideographic space.
        row("ideographic space separates English words", EN, "清华\u3000Tsinghua", "tsinghua[3,11]"),
        row("ideographic space inside a Chinese name", ZH, "清華\u3000大學", "清华大学[0,5]"),
        // Names are never stemmed; prose is.
        row("names not stemmed, possessive dropped", NAMES, "Zhejiang Laboratory's", "zhejiang[0,8] laboratory[9,21]"),
        row("English prose stemmed", EN, "Shenzhen University's tenders", "shenzhen[0,8] univers[9,21] tender[22,29]"));
  }

  private static Arguments row(String name, Supplier<Analyzer> analyzer, String input, String expected) {
    return Arguments.of(name, analyzer, input, expected);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("tables")
  void tokensAndOffsets(String name, Supplier<Analyzer> analyzer, String input, String expected) throws IOException {
    try (Analyzer a = analyzer.get()) {
      assertEquals(expected, String.join(" ", tokens(a, input)));
    }
  }

  @Test
  void veryLongInputKeepsEveryNameAndItsOffsets() throws IOException {
    // Paragraphs end with a line break, where smartcn may safely cut its 1024-char buffer.
    int copies = 20_000;
    String text = "之江實驗室。\n".repeat(copies);
    List<String> words;
    try (Analyzer a = Analyzers.chineseWords()) {
      words = tokens(a, text);
    }
    assertEquals(2 * copies, words.size());
    int last = (copies - 1) * 7;
    assertEquals("实验室[" + (last + 2) + "," + (last + 5) + "]", words.get(words.size() - 1));
  }

  @Test
  void veryLongSentenceKeepsEveryBigramEvenWhereTheSegmenterCutsItsBuffer() throws IOException {
    // With no whitespace, smartcn cuts its 1024-char buffer anywhere and may split a name at the cut
    // (实验|室 at offset 1024); the n-gram field does not, which is why both are searched.
    int copies = 20_000;
    String text = "之江實驗室，".repeat(copies);
    List<String> grams;
    try (Analyzer a = Analyzers.chineseGrams()) {
      grams = tokens(a, text);
    }
    assertEquals(copies, grams.stream().filter(t -> t.startsWith("之江[")).count());
    int last = (copies - 1) * 6;
    assertEquals("室[" + (last + 4) + "," + (last + 5) + "]", grams.get(grams.size() - 1));
  }

  @Test
  void stringNormalisationMatchesTheReaderChain() {
    assertEquals("之江实验室 aws a100", Analyzers.normalize("之江實驗室\u3000ＡＷＳ Ａ-１００"));
  }

  static List<String> tokens(Analyzer a, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(term + "[" + off.startOffset() + "," + off.endOffset() + "]");
      ts.end();
    }
    return out;
  }
}
