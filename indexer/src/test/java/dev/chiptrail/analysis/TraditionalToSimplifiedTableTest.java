package dev.chiptrail.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shipped traditional→simplified table is ICU's: the same one-to-one pairs its
 * Traditional-Simplified transform gives today. When an ICU upgrade changes them, this test writes
 * the new table to target/ and says where to copy it.
 */
class TraditionalToSimplifiedTableTest {
  @Test
  void shippedTableIsIcusOneToOnePairs() throws Exception {
    String icu = TraditionalToSimplified.pairsFromIcu();
    String shipped = TraditionalToSimplified.pairs();
    if (!icu.equals(shipped)) {
      Path fresh = Path.of("target", TraditionalToSimplified.TABLE_RESOURCE);
      Files.createDirectories(fresh.getParent());
      Files.writeString(fresh, "# ICU's Traditional-Simplified transform, every one-to-one pair of the BMP (traditional, simplified).\n"
          + "# Checked against ICU by TraditionalToSimplifiedTableTest, which writes a new file when ICU changes.\n" + icu);
      assertEquals(icu, shipped, "ICU's table changed: copy " + fresh.toAbsolutePath()
          + " to src/main/resources/dev/chiptrail/analysis/");
    }
    assertTrue(icu.lines().count() > 2500, "thousands of pairs, got " + icu.lines().count());
    assertEquals("之江实验室", TraditionalToSimplified.convert("之江實驗室"));
  }
}
