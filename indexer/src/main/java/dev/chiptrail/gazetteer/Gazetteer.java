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
    Map<Integer, List<Integer>> buckets = new java.util.HashMap<>();
    for (int i = 0; i < patterns.size(); i++) {
      String f = patterns.get(i).folded;
      if (!f.isEmpty()) buckets.computeIfAbsent(bucket(f, 0), k -> new ArrayList<>()).add(i);
    }
    this.byStart = new StartTable(buckets, patterns);
  }

  /**
   * Patterns by their first two characters (one for one-character patterns), so finding mentions
   * looks only at the few patterns that can start at each position instead of scanning the text once
   * per pattern: that scan grew with the gazetteer and dominated indexing at a few thousand entities.
   */
  private final StartTable byStart;

  /**
   * The {@link #byStart} buckets in an open-addressing table of primitive keys, with a bit per
   * possible first character: most positions of a Chinese text start no name at all and are passed
   * over by one bit test, and the others cost no boxed Integer. A boxed HashMap spent a third of
   * mention finding in Integer.equals (JFR, 100,000-document corpus).
   */
  private static final class StartTable {
    private final long[] firstChars = new long[(Character.MAX_VALUE + 1) / 64];
    private final int[] keys;
    private final int[][] values;
    private final int mask;

    StartTable(Map<Integer, List<Integer>> buckets, List<Pattern> patterns) {
      for (Pattern p : patterns) {
        if (!p.folded.isEmpty()) firstChars[p.folded.charAt(0) >>> 6] |= 1L << p.folded.charAt(0);
      }
      int cap = Integer.highestOneBit(Math.max(4, buckets.size() * 3)) << 1;
      keys = new int[cap];
      values = new int[cap][];
      mask = cap - 1;
      buckets.forEach((k, v) -> {
        int slot = slot(k);
        while (values[slot] != null) slot = (slot + 1) & mask;
        keys[slot] = k;
        values[slot] = v.stream().mapToInt(Integer::intValue).toArray();
      });
    }

    boolean mayStart(char c) {
      return (firstChars[c >>> 6] & (1L << c)) != 0;
    }

    private int slot(int key) {
      return (key * 0x9E3779B9 >>> 7) & mask;
    }

    int[] get(int key) {
      for (int slot = slot(key); values[slot] != null; slot = (slot + 1) & mask) {
        if (keys[slot] == key) return values[slot];
      }
      return null;
    }
  }

  private static int bucket(String s, int at) {
    return s.length() - at >= 2 ? (s.charAt(at) << 16) | s.charAt(at + 1) : s.charAt(at) | 0x80000000;
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
    // Candidates in the order of the original greedy pass: pattern (longest first), then position.
    List<long[]> candidates = new ArrayList<>();
    int n = folded.length();
    for (int at = 0; at < n; at++) {
      if (!byStart.mayStart(folded.charAt(at))) continue;
      for (int pass = 0; pass < 2; pass++) {
        int key = pass == 0 ? (at + 1 < n ? (folded.charAt(at) << 16) | folded.charAt(at + 1) : -1)
            : folded.charAt(at) | 0x80000000;
        int[] ps = key == -1 ? null : byStart.get(key);
        if (ps == null) continue;
        for (int pi : ps) {
          Pattern p = patterns.get(pi);
          if (!folded.startsWith(p.folded, at)) continue;
          if (!MentionText.atBoundaries(folded, at, at + p.folded.length(), p.form.isHan())) continue;
          candidates.add(new long[] {pi, at});
        }
      }
    }
    candidates.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    boolean[] taken = new boolean[n];
    List<Mention> out = new ArrayList<>();
    for (long[] c : candidates) {
      Pattern p = patterns.get((int) c[0]);
      int at = (int) c[1];
      int end = at + p.folded.length();
      if (anyTaken(taken, at, end)) continue;
      if (insideNotName(folded, at, end, p.form.entityId())) continue;
      for (int i = at; i < end; i++) taken[i] = true;
      String surface = text.substring(at, end);
      out.add(new Mention(p.form.entityId(), formWritten(p.form, surface), surface, at, end));
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
