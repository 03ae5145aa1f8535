package dev.chiptrail.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The strict JSON reading every input goes through, and the plain mapper for output. */
public final class Json {
  /** Input nesting deeper than this is an error, not a stack overflow. */
  public static final int MAX_DEPTH = 64;
  /** A single string over 1 MiB is an error (no field of the data model needs one). */
  public static final int MAX_STRING = 1 << 20;

  public static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING).build())
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  public static final ObjectMapper OUT = JsonMapper.builder().build();

  private Json() {}

  /**
   * Reads one JSON value strictly. The text is first scanned token by token, so the limits on depth and
   * string length and the duplicate-key check apply to all of it, before binding would stop at the first
   * value that does not fit the type (a 70-deep array in a string field is reported as too deep).
   */
  public static <T> T read(String json, Class<T> type) throws JsonProcessingException {
    try (JsonParser p = STRICT.createParser(json)) {
      try {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          // Decoding each string makes the length limit apply here, where the parser knows the line.
          if (t == JsonToken.VALUE_STRING) p.getText();
        }
      } catch (StreamConstraintsException e) {
        // Thrown without a location or field; the parser knows both.
        JsonMappingException m = new JsonMappingException(e.getOriginalMessage(), p.currentLocation(), e);
        String name = p.currentName();
        if (name != null) m.prependPath(new JsonMappingException.Reference(null, name));
        throw m;
      }
    } catch (JsonProcessingException e) {
      throw e;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return STRICT.readValue(json, type);
  }

  /** A readable error for a Jackson failure on one line of a file. */
  public static ValidationError error(String file, int line, JsonProcessingException e) {
    String field = null;
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      StringBuilder path = new StringBuilder();
      for (JsonMappingException.Reference r : m.getPath()) {
        if (r.getFieldName() != null) {
          if (!path.isEmpty()) path.append('.');
          path.append(r.getFieldName());
        } else if (r.getIndex() >= 0) {
          path.append('[').append(r.getIndex()).append(']');
        }
      }
      field = path.isEmpty() ? null : path.toString();
    }
    String msg = message(e);
    int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
    int lineInFile = line;
    if (e.getLocation() != null && e.getLocation().getLineNr() > 1) lineInFile = line + e.getLocation().getLineNr() - 1;
    return new ValidationError(file, lineInFile, Math.max(col, 0), field, msg);
  }


  /** Jackson's message in the terms of the data, without class names or feature flags. */
  private static String message(JsonProcessingException e) {
    String msg = e.getOriginalMessage();
    int nl = msg.indexOf('\n');
    if (nl > 0) msg = msg.substring(0, nl);
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = new ArrayList<>();
      u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      known.sort(null);
      return "unknown field '" + u.getPropertyName() + "'; the known fields are " + String.join(", ", known);
    }
    if (e instanceof MismatchedInputException && msg.startsWith("Trailing token")) {
      return "unexpected text after the JSON value; each line holds exactly one JSON object";
    }
    Throwable limit = e;
    while (limit != null && !(limit instanceof StreamConstraintsException)) limit = limit.getCause();
    if (limit != null) {
      // Matched on words only: Jackson formats its numbers in the JVM's locale (Arabic digits in ar-SA),
      // and stops reading once over a limit, so its figures are not the input's own anyway.
      if (msg.contains("nesting depth")) return "JSON nested deeper than " + MAX_DEPTH + " levels, the most allowed";
      if (msg.contains("String value length")) return "a string longer than " + MAX_STRING + " characters (1 MiB), the most allowed";
    }
    if (msg.startsWith("Duplicate field ")) return "duplicate key " + msg.substring("Duplicate field ".length()) + "; a key may appear once";
    return msg.replaceAll(" \\(class [^)]*\\)", "").replaceAll("`[a-z.]+\\.([A-Z]\\w*)(\\$\\w+)?`", "$1");
  }
}
