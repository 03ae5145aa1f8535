package dev.chiptrail.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.chiptrail.gazetteer.Entity;
import dev.chiptrail.gazetteer.Gazetteer;
import dev.chiptrail.gazetteer.Listing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads and validates a data folder ({@code gazetteer/}, {@code records/}, {@code articles/}) and any
 * extra article folders. Every problem is collected with its file, line, column and field; any error
 * fails the whole read, so nothing is indexed from data that does not validate.
 */
public final class DataReader {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private final List<ValidationError> errors = new ArrayList<>();
  private final MessageDigest digest;
  private final Path root;
  private int files;

  private DataReader(Path root) {
    this.root = root;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads {@code dataDir} and {@code extraArticleDirs}; throws with every error found. */
  public static DataSet read(Path dataDir, List<Path> extraArticleDirs) throws ValidationException, IOException {
    return read(dataDir, extraArticleDirs, null);
  }

  /**
   * {@code encoding}: the charset of the extra article folders, or null to detect it per file (the
   * shipped data is always UTF-8).
   */
  public static DataSet read(Path dataDir, List<Path> extraArticleDirs, java.nio.charset.Charset encoding)
      throws ValidationException, IOException {
    DataReader r = new DataReader(dataDir);
    if (!Files.isDirectory(dataDir)) {
      throw new ValidationException(List.of(new ValidationError(dataDir.toString(), 0, 0, null, "no such data folder")));
    }
    List<Entity> entities = r.readEntities(dataDir.resolve("gazetteer"));
    Gazetteer gazetteer = new Gazetteer(entities);
    Map<Record, Loc> recordLocs = new java.util.IdentityHashMap<>();
    List<Record> records = r.readRecords(dataDir.resolve("records"), recordLocs);
    List<Article> articles = new ArrayList<>(r.readArticles(dataDir.resolve("articles"), null));
    for (Path extra : extraArticleDirs) {
      if (!Files.isDirectory(extra)) {
        r.errors.add(new ValidationError(extra.toString(), 0, 0, null, "no such article folder"));
        continue;
      }
      articles.addAll(r.readArticles(extra, encoding));
    }
    r.checkRecords(gazetteer, records, recordLocs, articles);
    if (!r.errors.isEmpty()) throw new ValidationException(r.errors);
    return new DataSet(gazetteer, List.copyOf(records), List.copyOf(articles),
        HexFormat.of().formatHex(r.digest.digest()), r.files);
  }

  private List<Path> list(Path dir, java.util.function.Predicate<Path> accept) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(accept).sorted().toList();
    }
  }

  private String display(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path base = root.toAbsolutePath().normalize();
    return abs.startsWith(base) ? base.getFileName() + "/" + base.relativize(abs) : file.toString();
  }

  private void hash(Path file, String display) throws IOException {
    files++;
    digest.update(display.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(Files.readAllBytes(file));
  }

  /** Lines of a JSONL file as (line number, text), blank lines skipped; null if unreadable. */
  private List<Map.Entry<Integer, String>> jsonl(Path file, String display) throws IOException {
    hash(file, display);
    String text = TextFile.readUtf8(file, display, errors);
    if (text == null) return null;
    List<Map.Entry<Integer, String>> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) out.add(Map.entry(i + 1, lines[i]));
    }
    if (out.isEmpty()) errors.add(new ValidationError(display, 0, 0, null, "the file is empty"));
    return out;
  }

  private List<Entity> readEntities(Path dir) throws IOException {
    List<Entity> out = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    List<Path> files = list(dir, p -> p.toString().endsWith(".jsonl"));
    if (files.isEmpty()) errors.add(new ValidationError(display(dir), 0, 0, null, "no gazetteer files (*.jsonl)"));
    List<Object[]> located = new ArrayList<>();
    for (Path f : files) {
      String display = display(f);
      List<Map.Entry<Integer, String>> lines = jsonl(f, display);
      if (lines == null) continue;
      for (var line : lines) {
        Entity e;
        try {
          e = Json.read(line.getValue(), Entity.class);
        } catch (JsonProcessingException ex) {
          errors.add(Json.error(display, line.getKey(), ex));
          continue;
        }
        String where = display + ":" + line.getKey();
        if (!checkId(e.id(), true, display, line.getKey())) continue;
        if (seen.containsKey(e.id())) {
          errors.add(new ValidationError(display, line.getKey(), 0, "id", "duplicate id '" + e.id() + "' (first at " + seen.get(e.id()) + ")"));
          continue;
        }
        seen.put(e.id(), where);
        required(e.en(), "en", display, line.getKey());
        vocab(e.type(), Vocabulary.ENTITY_TYPES.keySet(), "type", display, line.getKey());
        out.add(e);
        located.add(new Object[] {e, display, line.getKey()});
      }
    }
    Map<String, String> types = new LinkedHashMap<>();
    out.forEach(e -> types.put(e.id(), String.valueOf(e.type())));
    for (Object[] l : located) {
      Entity e = (Entity) l[0];
      String display = (String) l[1];
      int line = (Integer) l[2];
      if (e.parent() != null && !seen.containsKey(e.parent())) {
        errors.add(new ValidationError(display, line, 0, "parent", "unknown gazetteer id '" + e.parent() + "'"));
      }
      checkListings(e.lists(), types, "lists", display, line);
    }
    return out;
  }

  /** {@code types}: gazetteer id → entity type. */
  private void checkListings(List<Listing> lists, Map<String, String> types, String field, String display, int line) {
    for (int i = 0; i < lists.size(); i++) {
      Listing l = lists.get(i);
      String f = field + "[" + i + "]";
      if (l.list() == null || !types.containsKey(l.list())) {
        errors.add(new ValidationError(display, line, 0, f + ".list", "unknown gazetteer id '" + l.list() + "'"));
      } else {
        String type = types.get(l.list());
        if (!type.equals("restriction_list")) {
          errors.add(new ValidationError(display, line, 0, f + ".list", "'" + l.list() + "' is a " + type + ", not a restriction_list"));
        }
      }
      date(l.since(), f + ".since", display, line);
    }
  }

  /** Where a record was read, for its errors. */
  private record Loc(String file, int line) {}

  private List<Record> readRecords(Path dir, Map<Record, Loc> locs) throws IOException {
    List<Record> out = new ArrayList<>();
    List<Path> files = list(dir, p -> p.toString().endsWith(".jsonl"));
    for (Path f : files) {
      String display = display(f);
      List<Map.Entry<Integer, String>> lines = jsonl(f, display);
      if (lines == null) continue;
      for (var line : lines) {
        try {
          Record r = Json.read(line.getValue(), Record.class);
          if (!checkId(r.id(), false, display, line.getKey())) continue;
          locs.put(r, new Loc(display, line.getKey()));
          out.add(r);
        } catch (JsonProcessingException ex) {
          errors.add(Json.error(display, line.getKey(), ex));
        }
      }
    }
    return out;
  }

  private List<Article> readArticles(Path dir, java.nio.charset.Charset encoding) throws IOException {
    List<Article> out = new ArrayList<>();
    for (Path f : list(dir, p -> ArticleReader.EXTENSIONS.contains(ArticleReader.extension(p)))) {
      String display = display(f);
      hash(f, display);
      out.addAll(ArticleReader.read(f, display, encoding, errors));
    }
    return out;
  }

  private void checkRecords(Gazetteer g, List<Record> records, Map<Record, Loc> locs, List<Article> articles) {
    Map<String, String> gIds = new LinkedHashMap<>();
    g.entities().forEach(e -> gIds.put(e.id(), String.valueOf(e.type())));
    java.util.Set<String> articleIds = new java.util.HashSet<>();
    Map<String, String> docIds = new LinkedHashMap<>();
    for (Article a : articles) {
      articleIds.add(a.id());
      String prev = docIds.putIfAbsent(a.id(), a.source());
      if (prev != null) {
        errors.add(new ValidationError(a.source(), 0, 0, "id", "duplicate id '" + a.id() + "' (also " + prev + ")"));
      }
    }
    for (Record r : records) {
      String display = locs.get(r).file();
      int line = locs.get(r).line();
      String prev = docIds.putIfAbsent(r.id(), display + ":" + line);
      if (prev != null) {
        errors.add(new ValidationError(display, line, 0, "id", "duplicate id '" + r.id() + "' (first at " + prev + ")"));
      }
      required(r.titleEn(), "title_en", display, line);
      required(r.summaryEn(), "summary_en", display, line);
      ref(g, r.entity(), null, "entity", display, line, true);
      for (int i = 0; i < r.providers().size(); i++) ref(g, r.providers().get(i), "cloud_provider", "providers[" + i + "]", display, line, true);
      for (int i = 0; i < r.chips().size(); i++) ref(g, r.chips().get(i), "chip", "chips[" + i + "]", display, line, true);
      for (int i = 0; i < r.models().size(); i++) ref(g, r.models().get(i), "model", "models[" + i + "]", display, line, true);
      ref(g, r.intermediary(), null, "intermediary", display, line, false);
      if (r.intermediaryRole() != null) vocab(r.intermediaryRole(), Vocabulary.INTERMEDIARY_ROLES.keySet(), "intermediary_role", display, line);
      vocab(r.status(), Vocabulary.STATUSES.keySet(), "status", display, line);
      if (r.date() != null) date(r.date(), "date", display, line);
      if (r.amount() != null && r.amount().cny() != null && r.amount().cny() < 0) {
        errors.add(new ValidationError(display, line, 0, "amount.cny", "must not be negative, got " + r.amount().cny()));
      }
      checkListings(r.restrictions(), gIds, "restrictions", display, line);
      for (int i = 0; i < r.sources().size(); i++) {
        String s = r.sources().get(i);
        if (!articleIds.contains(s)) {
          errors.add(new ValidationError(display, line, 0, "sources[" + i + "]", "unknown article id '" + s + "'"));
        }
      }
    }
  }

  private void ref(Gazetteer g, String id, String type, String field, String display, int line, boolean required) {
    if (id == null) {
      if (required) errors.add(new ValidationError(display, line, 0, field, "is required"));
      return;
    }
    var e = g.get(id);
    if (e.isEmpty()) {
      errors.add(new ValidationError(display, line, 0, field, "unknown gazetteer id '" + id + "'"));
    } else if (type != null && !type.equals(e.get().type())) {
      errors.add(new ValidationError(display, line, 0, field, "'" + id + "' is a " + e.get().type() + ", not a " + type));
    }
  }

  /** {@code facet}: gazetteer ids are facet values too, with Lucene's tighter limit on those. */
  private boolean checkId(String id, boolean facet, String display, int line) {
    if (id == null) {
      errors.add(new ValidationError(display, line, 0, "id", "is required"));
      return false;
    }
    String tooLong = facet ? Terms.tooLongForFacet(id) : Terms.tooLong(id);
    if (tooLong != null) {
      errors.add(new ValidationError(display, line, 0, "id", tooLong));
      return false;
    }
    if (!ID.matcher(id).matches()) {
      errors.add(new ValidationError(display, line, 0, "id", "'" + id + "' is not an id of lower-case letters, digits and hyphens"));
      return false;
    }
    return true;
  }

  private void required(String value, String field, String display, int line) {
    if (value == null || value.isBlank()) errors.add(new ValidationError(display, line, 0, field, "is required"));
  }

  private void vocab(String value, java.util.Set<String> allowed, String field, String display, int line) {
    if (value == null) {
      errors.add(new ValidationError(display, line, 0, field, "is required; one of " + allowed));
    } else if (!allowed.contains(value)) {
      errors.add(new ValidationError(display, line, 0, field, "'" + value + "' is not one of " + allowed));
    }
  }

  private void date(String value, String field, String display, int line) {
    if (value == null) return;
    try {
      PartialDate.parse(value);
    } catch (IllegalArgumentException e) {
      errors.add(new ValidationError(display, line, 0, field, e.getMessage()));
    }
  }
}
