package dev.chiptrail.index;

import dev.chiptrail.analysis.TraditionalToSimplified;
import dev.chiptrail.gazetteer.Gazetteer;
import dev.chiptrail.gazetteer.Mention;
import dev.chiptrail.ingest.Article;
import java.text.Normalizer;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.IntroSorter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups articles that are versions of one story (one wire report as several outlets published it:
 * cut, edited, re-titled, converted to traditional characters, with other stories appended).
 *
 * <p>Each text is normalised (gazetteer names blanked, NFKC, lower case, traditional to simplified,
 * only letters kept) and cut into overlapping {@value #SHINGLE}-character shingles. Two articles are
 * versions of one story when the Jaccard similarity of their shingle sets is at least
 * {@value #THRESHOLD} and they share at least {@value #MIN_SHARED} shingles; groups are the connected
 * components of that relation (union-find), so a short rewrite joins the group through the version
 * it is closest to. The story id is the smallest article id of the group.
 *
 * <p>Why these numbers: syndicated rewrites share sentences, not whole texts. The five versions of one
 * Reuters report in the acceptance corpus have pairwise Jaccard 0.012–0.048 on 20-character shingles,
 * and each of them has a link of at least 0.025 to another version; the closest pair of different
 * articles (shipped data and seeds together, all about the same affair) is 0.013. They share the
 * names of the same buyers and chips, which is why names are blanked first: with names kept the two
 * ranges overlap. Long shingles make a shared run of words count and a shared topic word not; 0.017
 * lies between the ranges on a log scale. At such low similarities a MinHash estimate would be
 * noise (with 256 hashes its standard error at 0.02 is 0.009, half the gap between the ranges), and
 * LSH banding would have to accept nearly every pair anyway, so the similarity is computed exactly,
 * with an inverted index from shingle to articles: only pairs sharing a shingle are ever compared, and shingles found in more than {@value #MAX_DF} articles (boilerplate) are skipped.
 */
public final class Stories {
  public static final int SHINGLE = 20;
  public static final double THRESHOLD = 0.017;
  public static final int MIN_SHARED = 10;
  static final int MAX_DF = 200;

  private Stories() {}

  /** The normalised text that shingles are cut from. */
  public static String normalize(String text, List<Mention> mentions) {
    char[] chars = text.toCharArray();
    for (Mention m : mentions) {
      for (int i = m.start(); i < m.end() && i < chars.length; i++) chars[i] = ' ';
    }
    String s = Normalizer.normalize(new String(chars), Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
    s = TraditionalToSimplified.convert(s);
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().filter(Character::isLetter).forEach(out::appendCodePoint);
    return out.toString();
  }

  /** Hashes of the distinct shingles of a normalised text; a text shorter than one shingle is one. */
  public static long[] shingles(String normalized) {
    if (normalized.isEmpty()) return new long[0];
    int n = Math.max(1, normalized.length() - SHINGLE + 1);
    long[] all = new long[n];
    for (int i = 0; i < n; i++) {
      all[i] = hash(normalized, i, Math.min(normalized.length(), i + SHINGLE));
    }
    return distinctSorted(all, n);
  }

  /** Sorts the first {@code n} values and drops repeats (in place; returns a trimmed copy). */
  private static long[] distinctSorted(long[] a, int n) {
    Arrays.sort(a, 0, n);
    int w = 0;
    for (int i = 0; i < n; i++) {
      if (w == 0 || a[i] != a[w - 1]) a[w++] = a[i];
    }
    return w == a.length ? a : Arrays.copyOf(a, w);
  }

  /** 64-bit FNV-1a: collisions between 20-character shingles are negligible at 2^-64. */
  private static long hash(String s, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      h ^= c & 0xFF;
      h *= 0x100000001b3L;
      h ^= c >>> 8;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** Article id → story id, for every article. */
  public static Map<String, String> group(Collection<Article> articles, Gazetteer gazetteer) {
    List<String> ids = new ArrayList<>();
    List<long[]> sets = new ArrayList<>();
    for (Article a : articles) {
      String text = a.text();
      ids.add(a.id());
      sets.add(shingles(normalize(text, gazetteer.findMentions(text))));
    }
    return group(ids, sets);
  }

  static Map<String, String> group(List<String> ids, List<long[]> sets) {
    int n = ids.size();
    // Primitive arrays sorted by shingle instead of boxed hash maps: at a million articles the maps
    // cost tens of bytes per shingle and most of the grouping time.
    long total = 0;
    for (long[] set : sets) total += set.length;
    if (total > Integer.MAX_VALUE - 8) throw new IllegalStateException("too many shingles: " + total);
    long[] hashes = new long[(int) total];
    int[] docs = new int[(int) total];
    int m = 0;
    for (int d = 0; d < n; d++) {
      for (long h : sets.get(d)) {
        hashes[m] = h;
        docs[m++] = d;
      }
    }
    sortByHash(hashes, docs);
    // Each pair of articles once per shingle they share; sorting the pairs counts the shared shingles.
    long[] pairs = new long[16];
    int np = 0;
    for (int from = 0; from < m; ) {
      int to = from + 1;
      while (to < m && hashes[to] == hashes[from]) to++;
      int df = to - from;
      if (df >= 2 && df <= MAX_DF) {
        for (int i = from; i < to; i++) {
          for (int j = i + 1; j < to; j++) {
            if (np == pairs.length) pairs = Arrays.copyOf(pairs, ArrayUtil.oversize(np + 1, Long.BYTES));
            int x = Math.min(docs[i], docs[j]), y = Math.max(docs[i], docs[j]);
            pairs[np++] = ((long) x << 32) | y;
          }
        }
      }
      from = to;
    }
    Arrays.sort(pairs, 0, np);
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) parent[i] = i;
    for (int from = 0; from < np; ) {
      int to = from + 1;
      while (to < np && pairs[to] == pairs[from]) to++;
      int a = (int) (pairs[from] >>> 32);
      int b = (int) (pairs[from] & 0xFFFFFFFFL);
      int inter = to - from;
      double jaccard = inter / (double) (sets.get(a).length + sets.get(b).length - inter);
      if (inter >= MIN_SHARED && jaccard >= THRESHOLD) union(parent, a, b);
      from = to;
    }
    Map<Integer, TreeSet<String>> members = new TreeMap<>();
    for (int d = 0; d < n; d++) members.computeIfAbsent(find(parent, d), k -> new TreeSet<>()).add(ids.get(d));
    Map<String, String> story = new TreeMap<>();
    for (TreeSet<String> group : members.values()) {
      for (String id : group) story.put(id, group.first());
    }
    return story;
  }

  /** Story id → its versions (sorted), for the stories of more than one article. */
  public static Map<String, List<String>> multiVersion(Map<String, String> storyOf) {
    Map<String, List<String>> out = new TreeMap<>();
    storyOf.forEach((id, story) -> out.computeIfAbsent(story, k -> new ArrayList<>()).add(id));
    out.values().removeIf(v -> v.size() < 2);
    out.values().forEach(v -> v.sort(null));
    return out;
  }

  /** Sorts the shingle hashes, carrying each one's article along. */
  private static void sortByHash(long[] hashes, int[] docs) {
    new IntroSorter() {
      private long pivot;

      @Override
      protected void swap(int i, int j) {
        long h = hashes[i];
        hashes[i] = hashes[j];
        hashes[j] = h;
        int d = docs[i];
        docs[i] = docs[j];
        docs[j] = d;
      }

      @Override
      protected int compare(int i, int j) {
        return Long.compare(hashes[i], hashes[j]);
      }

      @Override
      protected void setPivot(int i) {
        pivot = hashes[i];
      }

      @Override
      protected int comparePivot(int j) {
        return Long.compare(pivot, hashes[j]);
      }
    }.sort(0, hashes.length);
  }

  private static int find(int[] p, int x) {
    while (p[x] != x) {
      p[x] = p[p[x]];
      x = p[x];
    }
    return x;
  }

  private static void union(int[] p, int a, int b) {
    int ra = find(p, a), rb = find(p, b);
    if (ra != rb) p[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}
