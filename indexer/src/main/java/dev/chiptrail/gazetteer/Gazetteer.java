package dev.chiptrail.gazetteer;

import dev.chiptrail.analysis.Analyzers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The entities and every form of their names, with look-ups by any form and a mention finder that
 * tags a text with the entities it names.
 */
public final class Gazetteer {
  private final Map<String, Entity> byId;
  /** Normalised form (see {@link #key}) → the name forms written that way. */
  private final Map<String, List<NameForm>> byForm;
  /** Forms to look for in text, longest first so that 清华大学 wins over 清华. */
  private final List<Pattern> patterns;
  /** Entity id → its folded not_names. */
  private final Map<String, List<String>> notNames = new java.util.HashMap<>();
  /** Every word of every Latin name form, lower case: a word spelled right is not "misspelled". */
  private final java.util.Set<String> latinNameWords = new java.util.HashSet<>();

  public Gazetteer(Collection<Entity> entities) {
    this.byId = new LinkedHashMap<>();
    entities.forEach(e -> byId.put(e.id(), e));
    this.byForm = new TreeMap<>();
    List<Pattern> ps = new ArrayList<>();
    for (Entity e : entities) {
      if (!e.notNames().isEmpty()) {
        notNames.put(e.id(), e.notNames().stream().map(MentionText::fold).filter(n -> !n.isEmpty()).toList());
      }
      for (NameForm f : e.nameForms()) {
        byForm.computeIfAbsent(key(f.text()), k -> new ArrayList<>()).add(f);
        if (!f.isHan()) {
          for (String w : f.text().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) if (!w.isEmpty()) latinNameWords.add(w);
        }
        if (!f.form().equals(NameForm.PINYIN)) {
          ps.add(new Pattern(MentionText.fold(f.text()), f));
        }
        if (f.form().equals(NameForm.PINYIN)) {
          // Pinyin is typed spaced or joined: "zhijiang shiyanshi" and "zhijiangshiyanshi".
          byForm.computeIfAbsent(key(f.text().replace(" ", "")), k -> new ArrayList<>()).add(f);
        }
      }
    }
    ps.sort(Comparator.comparingInt((Pattern p) -> p.folded.length()).reversed());
    this.patterns = List.copyOf(ps);
  }

  /** The look-up key of a name: normalised like the analysis chains, spaces collapsed. */
  public static String key(String name) {
    return Analyzers.normalize(name).trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  public Optional<Entity> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Collection<Entity> entities() {
    return byId.values();
  }

  public int size() {
    return byId.size();
  }

  /** Name forms written exactly like {@code text} (after normalisation), across all entities. */
  public List<NameForm> lookup(String text) {
    return byForm.getOrDefault(key(text), List.of());
  }

  /** Whether {@code word} is, exactly (case aside), a word of some Latin name form. */
  public boolean isLatinNameWord(String word) {
    return latinNameWords.contains(word.toLowerCase(Locale.ROOT));
  }

  /** Every normalised form, for prefix completion. */
  public Map<String, List<NameForm>> forms() {
    return byForm;
  }

  /**
   * The entity mentions in a text: longest forms first, no overlaps, Latin forms only at word
   * boundaries (so AWS inside LAWSUIT is not a mention). Han text has no word boundaries to check, so
   * a Han form counts anywhere except inside one of its entity's {@code not_names} (清华 inside
   * 清华同方): the gazetteer lists the longer words that would be false tags, rather than guessing
   * from a segmenter that does not know most company names either.
   */
  public List<Mention> findMentions(String text) {
    String folded = MentionText.fold(text);
    boolean[] taken = new boolean[folded.length()];
    List<Mention> out = new ArrayList<>();
    for (Pattern p : patterns) {
      if (p.folded.isEmpty()) continue;
      int from = 0;
      while (true) {
        int at = folded.indexOf(p.folded, from);
        if (at < 0) break;
        int end = at + p.folded.length();
        from = at + 1;
        if (!MentionText.atBoundaries(folded, at, end, p.form.isHan())) continue;
        if (anyTaken(taken, at, end)) continue;
        if (insideNotName(folded, at, end, p.form.entityId())) continue;
        for (int i = at; i < end; i++) taken[i] = true;
        String surface = text.substring(at, end);
        out.add(new Mention(p.form.entityId(), formWritten(p.form, surface), surface, at, end));
      }
    }
    out.sort(Comparator.comparingInt(Mention::start));
    return out;
  }

  /** Folding matched 之江實驗室 against 之江实验室: say which form the text really uses. */
  private String formWritten(NameForm matchedForm, String surface) {
    Entity e = byId.get(matchedForm.entityId());
    for (NameForm f : e.nameForms()) {
      if (f.text().equals(surface)) return f.form();
    }
    return matchedForm.form();
  }

  private boolean insideNotName(String folded, int at, int end, String entity) {
    for (String n : notNames.getOrDefault(entity, List.of())) {
      int s = folded.indexOf(n, Math.max(0, end - n.length()));
      while (s >= 0 && s <= at) {
        if (s + n.length() >= end) return true;
        s = folded.indexOf(n, s + 1);
      }
    }
    return false;
  }

  private static boolean anyTaken(boolean[] taken, int from, int to) {
    for (int i = from; i < to; i++) if (taken[i]) return true;
    return false;
  }

  private record Pattern(String folded, NameForm form) {}
}
