package dev.chiptrail.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.chiptrail.gazetteer.Gazetteer;
import dev.chiptrail.ingest.Article;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoriesTest {
  private static final Gazetteer NO_NAMES = new Gazetteer(List.of());

  private static final String WIRE = "State-linked buyers are renting restricted accelerators from foreign cloud platforms, "
      + "procurement documents reviewed by the agency show. Providing remote access to such hardware is not an export "
      + "under the current rules, which only cover shipments and transfers of physical goods, software and technology. "
      + "Lawmakers in Washington have proposed a bill that would let the department regulate remote access as well.";
  private static final String UNRELATED = "The county court sentenced a former commissioner to twelve years in prison "
      + "for corruption on Tuesday, finding that she had granted illegal favours to developers in exchange for the use "
      + "of a property during an election campaign; twelve other people were convicted of related offences.";

  private static Article article(String id, String body) {
    return new Article(id, null, null, null, "en", null, body, id + ".txt");
  }

  @Test
  void aCutAndEditedCopyWithAnotherStoryAppendedJoinsTheOriginal() {
    String cut = WIRE.substring(0, 200).replace("show.", "showed on Monday.") + "\n" + UNRELATED;
    String other = "Typhoon warnings were issued for the northern coast as the storm gathered strength over warm water, "
        + "and ferry services between the islands were suspended until further notice by the port authority.";
    Map<String, String> s = Stories.group(List.of(article("b-copy", cut), article("a-wire", WIRE), article("c-other", other)), NO_NAMES);
    assertEquals("a-wire", s.get("a-wire"));
    assertEquals("a-wire", s.get("b-copy"), "story id is the smallest id of the group");
    assertEquals("c-other", s.get("c-other"));
    assertEquals(Map.of("a-wire", List.of("a-wire", "b-copy")), Stories.multiVersion(s));
  }

  @Test
  void traditionalCharactersAndFullWidthFormsAreNormalisedBeforeShingling() {
    String hans = "美国商务部正在研究如何限制中国企业通过云服务远程使用先进人工智能芯片，业内人士认为这将影响大量高校和研究机构的采购计划。";
    String hant = "美國商務部正在研究如何限制中國企業通過雲服務遠程使用先進人工智能芯片，業內人士認為這將影響大量高校和研究機構的採購計劃。";
    assertEquals(Stories.normalize(hans, List.of()), Stories.normalize(hant, List.of()));
    assertEquals("abc", Stories.normalize("ＡＢＣ 1-2-3", List.of()));
  }

  @Test
  void textsSharingOnlyTheirTopicAreSeparateStories() {
    String a = "Cloud platforms let buyers rent accelerators by the hour; a university tendered for such time last spring, "
        + "paying a local reseller, and said the work was for climate modelling on shared servers in another province.";
    String b = "A carmaker's research arm asked bidders to provide access to a hosted language model, according to a notice "
        + "it posted in May, and a separate filing named the supplier that would resell the service to the company.";
    Map<String, String> s = Stories.group(List.of(article("a", a), article("b", b)), NO_NAMES);
    assertNotEquals(s.get("a"), s.get("b"));
  }

  /** Two sets of 1000 shingles sharing {@code shared}: Jaccard = shared / (2000 - shared). */
  private static Map<String, String> pair(int shared) {
    long[] a = new long[1000], b = new long[1000];
    for (int i = 0; i < 1000; i++) {
      a[i] = i;
      b[i] = i < shared ? i : 1_000_000 + i;
    }
    java.util.Arrays.sort(b);
    return Stories.group(List.of("x", "y"), List.of(a, b));
  }

  @Test
  void theDocumentedThresholdIsWhereVersionsStartToJoin() {
    assertEquals("x", pair(34).get("y"), "34/1966 = 0.0173 is above 0.017");
    assertEquals("y", pair(33).get("y"), "33/1967 = 0.0168 is below 0.017");
  }

  @Test
  void veryShortTextsNeedTheMinimumOfSharedShinglesToJoin() {
    long[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    assertEquals("y", Stories.group(List.of("x", "y"), List.of(a, a.clone())).get("y"), "9 shared shingles, Jaccard 1.0");
  }
}
