package dev.chiptrail.gazetteer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** A canonical entity of the gazetteer, with every form of its name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entity(
    String id,
    String type,
    String en,
    List<String> aliases,
    List<String> acronyms,
    @JsonProperty("old_romanizations") List<String> oldRomanizations,
    @JsonProperty("zh_hans") String zhHans,
    @JsonProperty("zh_hant") String zhHant,
    @JsonProperty("zh_aliases") List<String> zhAliases,
    String pinyin,
    String parent,
    List<Listing> lists,
    String description,
    /**
     * Longer words that contain one of this entity's names but name something else (清华同方 is a
     * company, not Tsinghua University): a name inside one of them is not a mention.
     */
    @JsonProperty("not_names") List<String> notNames) {

  public Entity {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    acronyms = acronyms == null ? List.of() : List.copyOf(acronyms);
    oldRomanizations = oldRomanizations == null ? List.of() : List.copyOf(oldRomanizations);
    zhAliases = zhAliases == null ? List.of() : List.copyOf(zhAliases);
    lists = lists == null ? List.of() : List.copyOf(lists);
    notNames = notNames == null ? List.of() : List.copyOf(notNames);
  }

  /** Every name form, labelled with what kind of form it is. */
  public List<NameForm> nameForms() {
    List<NameForm> forms = new ArrayList<>();
    forms.add(new NameForm(id, NameForm.EN, en));
    aliases.forEach(a -> forms.add(new NameForm(id, NameForm.ALIAS, a)));
    acronyms.forEach(a -> forms.add(new NameForm(id, NameForm.ACRONYM, a)));
    oldRomanizations.forEach(a -> forms.add(new NameForm(id, NameForm.OLD_ROMANIZATION, a)));
    if (zhHans != null) forms.add(new NameForm(id, NameForm.ZH_HANS, zhHans));
    if (zhHant != null) forms.add(new NameForm(id, NameForm.ZH_HANT, zhHant));
    zhAliases.forEach(a -> forms.add(new NameForm(id, NameForm.ZH_ALIAS, a)));
    if (pinyin != null) forms.add(new NameForm(id, NameForm.PINYIN, pinyin));
    return forms;
  }

  /** The Chinese label: simplified where known, else traditional, else null. */
  public String labelZh() {
    return zhHans != null ? zhHans : zhHant;
  }
}
