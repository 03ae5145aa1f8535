package dev.chiptrail.gazetteer;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Place-name words written in the old postal or Wade-Giles romanization and in pinyin: Peking and
 * Beijing are one word to a researcher, in either direction. Only whole words, only well-attested
 * pairs; names of entities carry their own old forms in the gazetteer ({@code old_romanizations}).
 */
public final class Romanizations {
  private static final Map<String, List<String>> ALTERNATES = build(
      "peking", "beijing",
      "nanking", "nanjing",
      "canton", "guangzhou",
      "chungking", "chongqing",
      "szechwan", "sichuan",
      "szechuan", "sichuan",
      "tsinghua", "qinghua",
      "amoy", "xiamen",
      "soochow", "suzhou",
      "hangchow", "hangzhou",
      "chekiang", "zhejiang",
      "fukien", "fujian",
      "kwangtung", "guangdong",
      "tientsin", "tianjin",
      "chengtu", "chengdu",
      "hofei", "hefei",
      "anhwei", "anhui",
      "kiangsu", "jiangsu");

  private Romanizations() {}

  private static Map<String, List<String>> build(String... pairs) {
    Map<String, java.util.Set<String>> m = new java.util.TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.computeIfAbsent(pairs[i], k -> new java.util.LinkedHashSet<>()).add(pairs[i + 1]);
      m.computeIfAbsent(pairs[i + 1], k -> new java.util.LinkedHashSet<>()).add(pairs[i]);
    }
    Map<String, List<String>> out = new java.util.TreeMap<>();
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return Map.copyOf(out);
  }

  /** The other romanizations of one word (case-insensitive), or an empty list. */
  public static List<String> alternates(String word) {
    return ALTERNATES.getOrDefault(word.toLowerCase(Locale.ROOT), List.of());
  }
}
