package dev.chiptrail.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
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
    String msg = e.getOriginalMessage();
    int nl = msg.indexOf('\n');
    if (nl > 0) msg = msg.substring(0, nl);
    msg = msg.replaceAll(" \\(class [^)]*\\)", "").replaceAll("`[a-z.]+\\.([A-Z]\\w*)(\\$\\w+)?`", "$1");
    int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
    int lineInFile = line;
    if (e.getLocation() != null && e.getLocation().getLineNr() > 1) lineInFile = line + e.getLocation().getLineNr() - 1;
    return new ValidationError(file, lineInFile, Math.max(col, 0), field, msg);
  }
}
