package dev.chiptrail.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses one article file into an {@link Article}: {@code .md}/{@code .txt} with an optional front
 * matter header, {@code .json} (one article) and {@code .jsonl} (one per line). Metadata missing from
 * the file is derived: the first line as title, the language from the characters. {@code .html} and
 * {@code .htm} pages give their main text (see {@link HtmlArticle}) and their meta tags.
 */
public final class ArticleReader {
  public static final Set<String> EXTENSIONS = Set.of("md", "txt", "json", "jsonl", "html", "htm");

  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** The fields an article file may set (front matter, or the .json object with its body). */
  public record Meta(
      String id, String title, String outlet, String date, String language, String url, String body,
      @JsonProperty("source") String sourceIgnored) {}

  private ArticleReader() {}

  public static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** The id derived from a file name: lower case, runs of other characters as one hyphen. */
  public static String idOf(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot > 0) name = name.substring(0, dot);
    String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return id.isEmpty() ? "article" : id;
  }

  public static List<Article> read(Path file, String display, List<ValidationError> errors) {
    return read(file, display, null, errors);
  }

  /** {@code encoding}: the charset named on the command line, or null to detect it. */
  public static List<Article> read(Path file, String display, java.nio.charset.Charset encoding, List<ValidationError> errors) {
    String text = TextFile.readArticleText(file, display, encoding, errors);
    if (text == null) return List.of();
    if (text.isBlank()) {
      errors.add(new ValidationError(display, 0, 0, null, "the file is empty"));
      return List.of();
    }
    String ext = extension(file);
    List<Article> out = new ArrayList<>();
    switch (ext) {
      case "html", "htm" -> {
        Meta m = HtmlArticle.parse(text);
        add(out, m, idOf(file), display, 1, errors);
      }
      case "json" -> {
        Meta m = parseJson(text, display, 1, errors);
        if (m != null) add(out, m, idOf(file), display, 1, errors);
      }
      case "jsonl" -> {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          if (lines[i].isBlank()) continue;
          Meta m = parseJson(lines[i], display, i + 1, errors);
          if (m != null) add(out, m, idOf(file) + "-" + (i + 1), display, i + 1, errors);
        }
      }
      default -> {
        Meta m = parseText(text, display, errors);
        if (m != null) add(out, m, idOf(file), display, 1, errors);
      }
    }
    return out;
  }

  private static Meta parseJson(String json, String display, int line, List<ValidationError> errors) {
    try {
      return Json.read(json, Meta.class);
    } catch (JsonProcessingException e) {
      errors.add(Json.error(display, line, e));
      return null;
    }
  }

  private static Meta parseText(String text, String display, List<ValidationError> errors) {
    if (text.startsWith("---\n")) {
      int end = text.indexOf("\n---", 4);
      if (end < 0) {
        errors.add(new ValidationError(display, 1, 1, null, "front matter opened with --- is never closed"));
        return null;
      }
      String header = text.substring(4, end + 1);
      int bodyStart = text.indexOf('\n', end + 4);
      String body = bodyStart < 0 ? "" : text.substring(bodyStart + 1);
      try {
        Meta m = header.isBlank() ? null : YAML.readValue(header, Meta.class);
        if (m == null) m = new Meta(null, null, null, null, null, null, null, null);
        if (m.body() != null) {
          errors.add(new ValidationError(display, 1, 0, "body", "the body follows the front matter; it is not a front-matter field"));
          return null;
        }
        return new Meta(m.id(), m.title(), m.outlet(), m.date(), m.language(), m.url(), body, null);
      } catch (JsonProcessingException e) {
        ValidationError err = Json.error(display, 1, e);
        int line = err.line() + 1;
        int column = err.column();
        if (e instanceof UnrecognizedPropertyException u) {
          // The YAML parser reports where it stopped (after the value); the key's own line is clearer.
          int keyLine = keyLine(header, u.getPropertyName());
          if (keyLine > 0) {
            line = keyLine + 1;
            column = 1;
          }
        }
        errors.add(new ValidationError(display, line, column, err.field(), err.message()));
        return null;
      }
    }
    return new Meta(null, null, null, null, null, null, text, null);
  }

  /** The 1-based line of the header where {@code key} is set, or 0. */
  private static int keyLine(String header, String key) {
    String[] lines = header.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.startsWith(key + ":") || l.startsWith("\"" + key + "\":")) return i + 1;
    }
    return 0;
  }

  private static void add(List<Article> out, Meta m, String derivedId, String display, int line, List<ValidationError> errors) {
    String body = m.body() == null ? "" : m.body().strip();
    if (body.isEmpty()) {
      errors.add(new ValidationError(display, line, 0, "body", "the article has no text"));
      return;
    }
    String id = m.id() != null ? m.id() : derivedId;
    String idTooLong = Terms.tooLong(id);
    if (idTooLong != null) {
      errors.add(new ValidationError(display, line, 0, "id", idTooLong));
      return;
    }
    String outletTooLong = Terms.tooLongForFacet(m.outlet());
    if (outletTooLong != null) {
      errors.add(new ValidationError(display, line, 0, "outlet", outletTooLong));
      return;
    }
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      errors.add(new ValidationError(display, line, 0, "id", "'" + id + "' is not an id of lower-case letters, digits and hyphens"));
      return;
    }
    String title = m.title();
    if (title == null || title.isBlank()) {
      int nl = body.indexOf('\n');
      title = (nl < 0 ? body : body.substring(0, nl)).strip();
      if (title.length() > 200) title = title.substring(0, 200);
      body = nl < 0 ? body : body.substring(nl + 1).strip();
      if (body.isEmpty()) body = title;
    }
    String language = m.language();
    if (language == null) {
      language = LanguageDetector.detect(title + "\n" + body);
    } else if (!Vocabulary.LANGUAGES.containsKey(language)) {
      errors.add(new ValidationError(display, line, 0, "language",
          "'" + language + "' is not one of " + Vocabulary.LANGUAGES.keySet()));
      return;
    }
    if (m.date() != null) {
      try {
        PartialDate.parse(m.date());
      } catch (IllegalArgumentException e) {
        errors.add(new ValidationError(display, line, 0, "date", e.getMessage()));
        return;
      }
    }
    out.add(new Article(id, title, m.outlet(), m.date(), language, m.url(), body, display));
  }
}
