package dev.chiptrail.gazetteer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chiptrail.ingest.DataReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tags from the shipped gazetteer: every form of a name, and no tags from words that only contain one. */
class MentionBoundaryTest {
  static Gazetteer gazetteer;

  @BeforeAll
  static void load() throws Exception {
    gazetteer = DataReader.read(Path.of("..", "data"), List.of()).gazetteer();
  }

  private static List<String> entities(String text) {
    return gazetteer.findMentions(text).stream().map(Mention::entity).distinct().toList();
  }

  @Test
  void everyFormOfAProviderTagsIt() {
    assertEquals(List.of("aws"), entities("They rent from AWS."));
    assertEquals(List.of("aws"), entities("They rent from Amazon Web Services."));
    assertEquals(List.of("aws"), entities("他们租用亚马逊云科技的服务器"));
  }

  @Test
  void chipNamesTagInLatinAndAfterAChineseVendorName() {
    assertEquals(List.of("a100"), entities("eight A100 chips"));
    assertEquals(List.of("a100"), entities("配备英伟达A100的服务器"));
  }

  @Test
  void traditionalFormTagsTheEntityWithItsOffsets() {
    String text = "報導提到之江實驗室。";
    List<Mention> ms = gazetteer.findMentions(text);
    assertEquals(1, ms.size());
    Mention m = ms.get(0);
    assertEquals("zhejiang-lab", m.entity());
    assertEquals("之江實驗室", m.text());
    assertEquals("zh-Hant", m.form());
    assertEquals("之江實驗室", text.substring(m.start(), m.end()));
  }

  @Test
  void modelNumbersTakeAPluralButAcronymsDoNot() {
    assertEquals(List.of("a100", "h100"), entities("access Nvidia A100s and H100s"));
    assertFalse(entities("and thus the rules").contains("tsinghua-university"));
    assertEquals(List.of(), entities("A100x and A1000 are other parts"));
  }

  @Test
  void ambiguousEnglishAliasIsNotTaggedInsideTheGazetteersNotNames() {
    assertEquals(List.of(), entities("Fires in the Amazon rainforest spread along the Amazon River."));
    assertEquals(List.of(), entities("亚马逊雨林的火灾"));
    assertEquals(List.of("aws"), entities("Amazon said its cloud complies with the law."));
  }

  @Test
  void acronymInsideALatinWordIsNotAMention() {
    assertEquals(List.of(), entities("The LAWSUIT was filed; DRAWS and JAWS too."));
    assertEquals(List.of("aws"), entities("The lawsuit named AWS."));
  }

  @Test
  void shortHanAliasInsideAnotherCompanysNameIsNotAMention() {
    assertFalse(entities("清华同方发布新电脑").contains("tsinghua-university"));
    assertFalse(entities("清華同方發布新電腦").contains("tsinghua-university"));
    assertFalse(entities("他是一位资深大律师").contains("shenzhen-university"));
    assertTrue(entities("清华租用了服务器").contains("tsinghua-university"));
    assertTrue(entities("清华大学与清华同方").contains("tsinghua-university"));
    assertEquals(1, gazetteer.findMentions("清华大学与清华同方").stream()
        .filter(m -> m.entity().equals("tsinghua-university")).count());
  }
}
