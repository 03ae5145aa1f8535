package dev.chiptrail.index;

import dev.chiptrail.analysis.TraditionalToSimplified;
import dev.chiptrail.gazetteer.Gazetteer;
import dev.chiptrail.gazetteer.Mention;
import dev.chiptrail.ingest.Article;
import java.text.Normalizer;
import org.apache.lucene.util.ArrayUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

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
 * through one sorted array of (shingle, article) keys: only pairs sharing a shingle are ever compared, and
 * shingles found in more than {@value #MAX_DF} articles (boilerplate; fewer on a corpus so large that
 * the candidate pairs would not fit in memory) are skipped.
 */
public final class Stories {
  public static final int SHINGLE = 20;
  public static final double THRESHOLD = 0.017;
  public static final int MIN_SHARED = 10;
  static final int MAX_DF = 200;
  /** Candidate pairs held at most (8 bytes each: 2 GiB). */
  static final long PAIR_BUDGET = 1L << 28;


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
    List<Article> list = List.copyOf(articles);
    List<String> ids = list.stream().map(Article::id).toList();
    long capacity = 0;
    for (Article a : list) capacity += a.text().length() + 1;
    Packed packed = new Packed(list.size(), capacity);
    // Shingling (mention finding, normalisation, hashing) is most of the work and independent per
    // article: chunks are shingled on every core, then appended in article order.
    int chunk = 4096;
    for (int from = 0; from < list.size(); from += chunk) {
      int base = from;
      long[][] sets = IntStream.range(from, Math.min(list.size(), from + chunk)).parallel()
          .mapToObj(d -> {
            String text = list.get(d).text();
            return shingles(normalize(text, gazetteer.findMentions(text)));
          })
          .toArray(long[][]::new);
      for (int i = 0; i < sets.length; i++) packed.add(base + i, sets[i]);
    }
    return packed.group(ids);
  }

  static Map<String, String> group(List<String> ids, List<long[]> sets) {
    long capacity = 0;
    for (long[] set : sets) capacity += set.length;
    Packed packed = new Packed(ids.size(), capacity);
    for (int d = 0; d < sets.size(); d++) packed.add(d, sets.get(d));
    return packed.group(ids);
  }

  /**
   * Every (shingle, article) pair as one long, the shingle hash in the high bits and the article in
   * the low ones, so one primitive parallel sort brings each shingle's articles together in article
   * order. At a million articles that is ~8 bytes per shingle (6 GB for 780M shingles), where
   * separate hash and article arrays, each article's own set kept beside them, cost 20.
   * Dropping the hash's top {@code docBits} bits leaves 64 - 20 bits at a million articles: two
   * different shingles collide for about one pair in 2^44, far below the {@value #MIN_SHARED}
   * shared shingles a link needs.
   */
  private static final class Packed {
    final int docBits;
    final int[] sizes;
    long[] keys;
    int m;

    Packed(int docs, long capacity) {
      docBits = Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, docs - 1)));
      sizes = new int[docs];
      if (capacity > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("story grouping: " + capacity + " characters of articles exceed one array;"
            + " index the articles in several runs or raise the limit");
      }
      keys = new long[(int) capacity];
    }

    void add(int doc, long[] set) {
      sizes[doc] = set.length;
      if (m + set.length > keys.length) keys = Arrays.copyOf(keys, ArrayUtil.oversize(m + set.length, Long.BYTES));
      for (long h : set) keys[m++] = (h << docBits) | doc;
    }

    private int runEnd(int from) {
      int to = from + 1;
      while (to < m && ((keys[to] ^ keys[from]) >>> docBits) == 0) to++;
      return to;
    }

    /**
     * The boilerplate cut-off: {@value #MAX_DF}, lowered until the candidate pairs fit in
     * {@value #PAIR_BUDGET} longs. Pairs grow with the square of a shingle's document frequency, so a
     * corpus ten times larger can have a hundred times more; syndicated versions of one story are a
     * handful of articles and keep their links under any cut-off that is not tiny.
     */
    private int maxDf() {
      long[] pairsAt = new long[MAX_DF + 1];
      for (int from = 0; from < m; ) {
        int to = runEnd(from);
        int df = to - from;
        if (df <= MAX_DF) pairsAt[df] += (long) df * (df - 1) / 2;
        from = to;
      }
      long total = 0;
      for (long p : pairsAt) total += p;
      int maxDf = MAX_DF;
      while (total > PAIR_BUDGET && maxDf > 2) total -= pairsAt[maxDf--];
      return maxDf;
    }

    Map<String, String> group(List<String> ids) {
      int n = sizes.length;
      long mask = (1L << docBits) - 1;
      Arrays.parallelSort(keys, 0, m);
      int maxDf = maxDf();
      // Each pair of articles once per shingle they share; sorting the pairs counts the shared shingles.
      long[] pairs = new long[16];
      int np = 0;
      for (int from = 0; from < m; ) {
        int to = runEnd(from);
        int df = to - from;
        if (df >= 2 && df <= maxDf) {
          for (int i = from; i < to; i++) {
            for (int j = i + 1; j < to; j++) {
              if (np == pairs.length) pairs = Arrays.copyOf(pairs, ArrayUtil.oversize(np + 1, Long.BYTES));
              long x = keys[i] & mask, y = keys[j] & mask; // x < y: sorted within a shingle
              if (x != y) pairs[np++] = (x << 32) | y;
            }
          }
        }
        from = to;
      }
      keys = null;
      Arrays.parallelSort(pairs, 0, np);
      int[] parent = new int[n];
      for (int i = 0; i < n; i++) parent[i] = i;
      for (int from = 0; from < np; ) {
        int to = from + 1;
        while (to < np && pairs[to] == pairs[from]) to++;
        int a = (int) (pairs[from] >>> 32);
        int b = (int) (pairs[from] & 0xFFFFFFFFL);
        int inter = to - from;
        double jaccard = inter / (double) (sizes[a] + sizes[b] - inter);
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
  }

  /** Story id → its versions (sorted), for the stories of more than one article. */
  public static Map<String, List<String>> multiVersion(Map<String, String> storyOf) {
    Map<String, List<String>> out = new TreeMap<>();
    storyOf.forEach((id, story) -> out.computeIfAbsent(story, k -> new ArrayList<>()).add(id));
    out.values().removeIf(v -> v.size() < 2);
    out.values().forEach(v -> v.sort(null));
    return out;
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
