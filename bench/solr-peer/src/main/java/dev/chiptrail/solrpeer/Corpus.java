package dev.chiptrail.solrpeer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.apache.solr.common.SolrInputDocument;

/**
 * Reads a corpus written by {@code ./chiptrail generate} (records/*.jsonl, articles/*.jsonl,
 * gazetteer/*.jsonl; formats in data/schema/) and turns each record and article into the
 * SolrInputDocument the peer indexes: the same text chiptrail indexes (Record.text(), Article.text())
 * and the facet values chiptrail's DocumentBuilder gives it.
 */
final class Corpus {
  static final Set<String> BUYER_TYPES = Set.of(
      "university", "research_institute", "state_owned_enterprise", "vocational_college", "state_backed_centre", "company");
  private static final String[] RECORD_TEXT = {
      "title_en", "sought_en", "quantity_en", "summary_en", "title_zh", "sought_zh", "quantity_zh", "summary_zh"};
  private static final ObjectMapper JSON = new ObjectMapper();

  record Doc(SolrInputDocument solr, long textBytes) {}

  final List<Doc> docs = new ArrayList<>();
  int records;
  int articles;
  int entities;
  long textBytes;
  final List<String> skippedFiles = new ArrayList<>();

  /** Reads the corpus; with {@code limit} > 0, the first records and articles in their proportions. */
  static Corpus read(Path dir, int limit) throws IOException {
    Corpus c = new Corpus();
    Map<String, JsonNode> gazetteer = new LinkedHashMap<>();
    for (Path f : files(dir.resolve("gazetteer"), c.skippedFiles)) {
      forEachLine(f, new long[] {Long.MAX_VALUE}, l -> gazetteer.put(l.json().path("id").asText(), l.json()));
    }
    c.entities = gazetteer.size();
    Mentions mentions = new Mentions(gazetteer.values());
    List<Path> recFiles = files(dir.resolve("records"), c.skippedFiles);
    List<Path> artFiles = files(dir.resolve("articles"), c.skippedFiles);
    long recs = 0, arts = 0;
    for (Path f : recFiles) recs += countLines(f);
    for (Path f : artFiles) arts += countLines(f);
    if (recs + arts == 0) throw new IOException(dir + " holds no records/*.jsonl nor articles/*.jsonl");
    long total = recs + arts;
    if (limit > 0 && limit < total) {
      // As chiptrail's Benchmark.slice: the first records and articles, in their proportions.
      long r = Math.round((double) limit * recs / total);
      recs = r;
      arts = limit - r;
    }
    // Streamed line by line: a million documents' JSON trees would not fit beside the documents.
    long[] left = {recs};
    for (Path f : recFiles) {
      forEachLine(f, left, l -> c.add(record(l.json(), gazetteer)));
    }
    left[0] = arts;
    for (Path f : artFiles) {
      forEachLine(f, left, l -> c.add(article(l, gazetteer, mentions)));
    }
    c.records = (int) recs;
    c.articles = (int) arts;
    return c;
  }

  private static long countLines(Path f) throws IOException {
    try (Stream<String> s = Files.lines(f, StandardCharsets.UTF_8)) {
      return s.filter(l -> !l.isBlank()).count();
    }
  }

  /** Calls {@code each} on the first {@code left[0]} non-blank lines of {@code f}, counting down. */
  private static void forEachLine(Path f, long[] left, java.util.function.Consumer<Line> each) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      String s;
      int n = 0;
      while (left[0] > 0 && (s = r.readLine()) != null) {
        n++;
        if (s.isBlank()) continue;
        each.accept(new Line(f, n, JSON.readTree(s)));
        left[0]--;
      }
    }
  }

  private void add(Doc d) {
    docs.add(d);
    textBytes += d.textBytes();
  }

  record Line(Path file, int number, JsonNode json) {}

  private static List<Path> files(Path dir, List<String> skipped) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> all = s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
      List<Path> out = new ArrayList<>();
      for (Path p : all) {
        if (p.getFileName().toString().endsWith(".jsonl")) out.add(p);
        else skipped.add(p.toString());
      }
      return out;
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Record.text(): the English fields, then the Chinese ones, each followed by a newline. */
  static String recordText(JsonNode r) {
    StringBuilder sb = new StringBuilder();
    for (String f : RECORD_TEXT) {
      String s = text(r, f);
      if (s != null && !s.isBlank()) sb.append(s).append('\n');
    }
    return sb.toString();
  }

  private static Doc record(JsonNode r, Map<String, JsonNode> gazetteer) {
    String text = recordText(r);
    SolrInputDocument d = new SolrInputDocument();
    d.addField("id", text(r, "id"));
    d.addField("kind", "record");
    String title = text(r, "title_en") != null ? text(r, "title_en") : text(r, "title_zh");
    if (title != null) d.addField("title", title);
    d.addField("text_en", text);
    JsonNode buyer = gazetteer.get(text(r, "entity"));
    if (buyer != null && buyer.hasNonNull("type")) d.addField("entity_type", buyer.get("type").asText());
    List<String> providers = list(r, "providers");
    if (providers.isEmpty()) d.addField("provider", "unspecified");
    providers.forEach(p -> d.addField("provider", p));
    list(r, "chips").forEach(c -> d.addField("chip", c));
    if (text(r, "status") != null) d.addField("status", text(r, "status"));
    d.addField("language", "en");
    if (text(r, "summary_zh") != null || text(r, "title_zh") != null) d.addField("language", "zh-Hans");
    date(d, text(r, "date"));
    JsonNode cny = r.path("amount").get("cny");
    if (cny != null && cny.isNumber()) d.addField("amount_cny", cny.asLong());
    return new Doc(d, text.getBytes(StandardCharsets.UTF_8).length);
  }

  /**
   * Article.text() as chiptrail's ArticleReader builds it from a JSONL line: the id given or
   * {@code <file stem>-<line>}, the body stripped, the title (or the body's first line) then the body.
   */
  private static Doc article(Line l, Map<String, JsonNode> gazetteer, Mentions mentions) {
    JsonNode a = l.json();
    String body = text(a, "body") == null ? "" : text(a, "body").strip();
    String title = text(a, "title");
    if (title == null || title.isBlank()) {
      int nl = body.indexOf('\n');
      title = (nl < 0 ? body : body.substring(0, nl)).strip();
      if (title.length() > 200) title = title.substring(0, 200);
      body = nl < 0 ? body : body.substring(nl + 1).strip();
      if (body.isEmpty()) body = title;
    }
    String stem = l.file().getFileName().toString().replaceFirst("\\.jsonl$", "");
    String id = text(a, "id") != null ? text(a, "id") : stem + "-" + l.number();
    String text = title + "\n" + body;
    SolrInputDocument d = new SolrInputDocument();
    d.addField("id", id);
    d.addField("kind", "article");
    d.addField("title", title);
    d.addField("text_en", text);
    // DocumentBuilder.article: every entity the text mentions gives its facet value by type.
    Set<String> types = new LinkedHashSet<>();
    for (String e : mentions.find(text)) {
      JsonNode ent = gazetteer.get(e);
      String type = ent.path("type").asText();
      switch (type) {
        case "cloud_provider" -> d.addField("provider", e);
        case "chip" -> d.addField("chip", e);
        default -> {
          if (BUYER_TYPES.contains(type)) types.add(type);
        }
      }
    }
    types.forEach(t -> d.addField("entity_type", t));
    if (text(a, "language") != null) d.addField("language", text(a, "language"));
    date(d, text(a, "date"));
    return new Doc(d, text.getBytes(StandardCharsets.UTF_8).length);
  }

  private static List<String> list(JsonNode n, String field) {
    List<String> out = new ArrayList<>();
    n.path(field).forEach(v -> out.add(v.asText()));
    return out;
  }

  private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

  /** yyyyMMdd of the first day a partial date can mean (PartialDate.firstDay), and the year facet. */
  static int firstDay(String s) {
    Matcher m = DATE.matcher(s.trim());
    if (!m.matches()) throw new IllegalArgumentException("not a date: " + s);
    int y = Integer.parseInt(m.group(1));
    int mo = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
    int d = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
    return y * 10000 + mo * 100 + d;
  }

  /** yyyyMMdd of the last day a partial date can mean (PartialDate.lastDay). */
  static int lastDay(String s) {
    Matcher m = DATE.matcher(s.trim());
    if (!m.matches()) throw new IllegalArgumentException("not a date: " + s);
    int y = Integer.parseInt(m.group(1));
    if (m.group(3) != null) return firstDay(s);
    if (m.group(2) != null) {
      int mo = Integer.parseInt(m.group(2));
      return y * 10000 + mo * 100 + java.time.YearMonth.of(y, mo).lengthOfMonth();
    }
    return y * 10000 + 1231;
  }

  private static void date(SolrInputDocument d, String date) {
    if (date == null) return;
    d.addField("date_n", firstDay(date));
    d.addField("year", date.trim().substring(0, 4));
  }

  /**
   * chiptrail's Gazetteer.findMentions, re-implemented on the corpus's gazetteer: every name form but
   * pinyin, folded one char for one (lower case, full width to ASCII, traditional to simplified),
   * longest forms first, Latin forms between non-alphanumeric neighbours (a form ending in a digit may
   * take a plural s), no overlaps, an entity's not_names respected. Returns the entity ids mentioned.
   */
  static final class Mentions {
    private record Pattern(String folded, String entity, boolean han) {}

    private final List<Pattern> patterns = new ArrayList<>();
    private final Map<Integer, int[]> byStart = new HashMap<>();
    private final Map<String, List<String>> notNames = new HashMap<>();

    Mentions(Iterable<JsonNode> entities) {
      for (JsonNode e : entities) {
        String id = e.path("id").asText();
        List<String> nn = new ArrayList<>();
        e.path("not_names").forEach(n -> {
          String f = fold(n.asText());
          if (!f.isEmpty()) nn.add(f);
        });
        if (!nn.isEmpty()) notNames.put(id, nn);
        List<String> latin = new ArrayList<>();
        if (e.hasNonNull("en")) latin.add(e.get("en").asText());
        for (String f : List.of("aliases", "acronyms", "old_romanizations")) e.path(f).forEach(v -> latin.add(v.asText()));
        List<String> han = new ArrayList<>();
        if (e.hasNonNull("zh_hans")) han.add(e.get("zh_hans").asText());
        if (e.hasNonNull("zh_hant")) han.add(e.get("zh_hant").asText());
        e.path("zh_aliases").forEach(v -> han.add(v.asText()));
        latin.forEach(s -> patterns.add(new Pattern(fold(s), id, false)));
        han.forEach(s -> patterns.add(new Pattern(fold(s), id, true)));
      }
      patterns.removeIf(p -> p.folded().isEmpty());
      patterns.sort(Comparator.comparingInt((Pattern p) -> p.folded().length()).reversed());
      Map<Integer, List<Integer>> buckets = new HashMap<>();
      for (int i = 0; i < patterns.size(); i++) buckets.computeIfAbsent(bucket(patterns.get(i).folded()), k -> new ArrayList<>()).add(i);
      buckets.forEach((k, v) -> byStart.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static int bucket(String f) {
      return f.length() >= 2 ? (f.charAt(0) << 16) | f.charAt(1) : f.charAt(0) | 0x80000000;
    }

    Set<String> find(String text) {
      String folded = fold(text);
      int n = folded.length();
      List<long[]> candidates = new ArrayList<>();
      for (int at = 0; at < n; at++) {
        for (int pass = 0; pass < 2; pass++) {
          int key = pass == 0 ? (at + 1 < n ? (folded.charAt(at) << 16) | folded.charAt(at + 1) : -1) : folded.charAt(at) | 0x80000000;
          int[] ps = key == -1 ? null : byStart.get(key);
          if (ps == null) continue;
          for (int pi : ps) {
            Pattern p = patterns.get(pi);
            if (folded.startsWith(p.folded(), at) && atBoundaries(folded, at, at + p.folded().length(), p.han())) {
              candidates.add(new long[] {pi, at});
            }
          }
        }
      }
      candidates.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
      boolean[] taken = new boolean[n];
      Set<String> out = new LinkedHashSet<>();
      for (long[] c : candidates) {
        Pattern p = patterns.get((int) c[0]);
        int at = (int) c[1];
        int end = at + p.folded().length();
        boolean free = true;
        for (int i = at; i < end && free; i++) free = !taken[i];
        if (!free || insideNotName(folded, at, end, p.entity())) continue;
        for (int i = at; i < end; i++) taken[i] = true;
        out.add(p.entity());
      }
      return out;
    }

    private boolean insideNotName(String folded, int at, int end, String entity) {
      for (String nn : notNames.getOrDefault(entity, List.of())) {
        int s = folded.indexOf(nn, Math.max(0, end - nn.length()));
        while (s >= 0 && s <= at) {
          if (s + nn.length() >= end) return true;
          s = folded.indexOf(nn, s + 1);
        }
      }
      return false;
    }

    private static boolean atBoundaries(String text, int start, int end, boolean han) {
      if (han) return true;
      boolean before = start == 0 || !isWordChar(text.charAt(start - 1));
      if (end < text.length() && text.charAt(end) == 's' && Character.isDigit(text.charAt(end - 1))) end++;
      boolean after = end == text.length() || !isWordChar(text.charAt(end));
      return before && after;
    }

    private static boolean isWordChar(char c) {
      return Character.isLetterOrDigit(c) && Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN;
    }
  }

  /** The configset's traditional→simplified table (t2s-mapping.txt), as a char array. */
  private static final char[] T2S = loadT2S();

  private static char[] loadT2S() {
    char[] table = new char[0x10000];
    java.util.regex.Pattern rule = java.util.regex.Pattern.compile("\"(.)\"\\s*=>\\s*\"(.)\"");
    try (InputStream in = Corpus.class.getResourceAsStream("/solrpeer/conf/t2s-mapping.txt")) {
      if (in == null) throw new IllegalStateException("t2s-mapping.txt is missing from the classpath");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String s;
      while ((s = r.readLine()) != null) {
        Matcher m = rule.matcher(s);
        if (m.matches()) table[m.group(1).charAt(0)] = m.group(2).charAt(0);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return table;
  }

  /** MentionText.fold: lower case, full width to ASCII, dashes to '-', traditional to simplified; same length. */
  static String fold(String s) {
    char[] out = new char[s.length()];
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0xFF01 && c <= 0xFF5E) c = (char) (c - 0xFEE0);
      else if (c == 0x3000) c = ' ';
      else if (c == '‐' || c == '‑' || c == '–') c = '-';
      c = Character.toLowerCase(c);
      char m = T2S[c];
      out[i] = m != 0 && Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? m : c;
    }
    return new String(out);
  }
}
