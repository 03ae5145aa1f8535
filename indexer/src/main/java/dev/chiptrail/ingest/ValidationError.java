package dev.chiptrail.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What is wrong with an input: the file, line (1-based; 0 when not known), column, field and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationError(String file, int line, int column, String field, String message) {
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) sb.append(':').append(line);
    if (column > 0) sb.append(':').append(column);
    sb.append(": ");
    if (field != null) sb.append("field '").append(field).append("': ");
    return sb.append(message).toString();
  }
}
