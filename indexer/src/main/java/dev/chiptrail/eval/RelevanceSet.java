package dev.chiptrail.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chiptrail.ingest.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A relevance set: queries with the ids that must appear in the top 5 and, optionally, the id that
 * must rank first. The file format is described in data/README.md ("Relevance set").
 */
public record RelevanceSet(List<Case> cases) {
  /**
   * @param q the query as a user types it
   * @param covers which behaviour of the bilingual search it exercises (free text, for the report)
   * @param top5 ids that must all be among the first five hits
   * @param first the id that must be the first hit, or null
   * @param exactScript search with {@code exact_script}
   */
  public record Case(String q, String covers, List<String> top5, String first, boolean exactScript) {
    /** Every id the case names: top5 plus first. */
    public Set<String> relevant() {
      Set<String> s = new java.util.LinkedHashSet<>();
      if (first != null) s.add(first);
      s.addAll(top5);
      return s;
    }
  }

  /** Reads and checks the file; errors name the file, the case number and the field. */
  public static RelevanceSet read(Path file) throws IOException {
    JsonNode root = Json.STRICT.readTree(Files.readString(file));
    JsonNode qs = root.path("queries");
    if (!qs.isArray()) throw new IllegalArgumentException(file + ": expected an object with a 'queries' array");
    List<Case> cases = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int n = 0;
    for (JsonNode c : qs) {
      n++;
      String where = file + ": query " + n;
      String q = text(c, "q", where, true);
      if (!seen.add(q + "\u0000" + c.path("exact_script").asBoolean(false))) {
        throw new IllegalArgumentException(where + ": field 'q': duplicate query '" + q + "'");
      }
      List<String> top5 = new ArrayList<>();
      for (JsonNode id : c.path("top5")) top5.add(id.asText());
      if (top5.size() > 5) throw new IllegalArgumentException(where + " ('" + q + "'): field 'top5': at most 5 ids");
      String first = text(c, "first", where, false);
      if (top5.isEmpty() && first == null) {
        throw new IllegalArgumentException(where + " ('" + q + "'): needs 'top5' or 'first'");
      }
      cases.add(new Case(q, text(c, "covers", where, false), List.copyOf(top5), first, c.path("exact_script").asBoolean(false)));
    }
    return new RelevanceSet(List.copyOf(cases));
  }

  private static String text(JsonNode c, String field, String where, boolean required) {
    JsonNode v = c.get(field);
    if (v == null || v.isNull()) {
      if (required) throw new IllegalArgumentException(where + ": field '" + field + "' is required");
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) throw new IllegalArgumentException(where + ": field '" + field + "' must be a non-empty string");
    return v.asText();
  }
}
