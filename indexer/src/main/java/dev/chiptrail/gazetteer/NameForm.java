package dev.chiptrail.gazetteer;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One written form of an entity's name. {@code form} says which: en, alias, zh-Hant, pinyin… */
public record NameForm(@JsonProperty("entity") String entityId, String form, String text) {
  public static final String EN = "en";
  public static final String ALIAS = "alias";
  public static final String ACRONYM = "acronym";
  public static final String OLD_ROMANIZATION = "old_romanization";
  public static final String ZH_HANS = "zh-Hans";
  public static final String ZH_HANT = "zh-Hant";
  public static final String ZH_ALIAS = "zh-alias";
  public static final String PINYIN = "pinyin";

  public boolean isHan() {
    return form.startsWith("zh");
  }
}
