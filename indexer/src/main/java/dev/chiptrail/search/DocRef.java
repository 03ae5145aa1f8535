package dev.chiptrail.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** A link to an indexed record or article: id, kind, title and date. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocRef(String id, String kind, String title, @JsonProperty("title_zh") String titleZh, String date, String outlet, String language) {
  static DocRef of(IndexSnapshot.StoredDoc d) {
    JsonNode s = d.source();
    boolean record = "record".equals(d.kind());
    return new DocRef(d.id(), d.kind(), text(s, record ? "title_en" : "title"), record ? text(s, "title_zh") : null,
        text(s, "date"), record ? null : text(s, "outlet"), record ? null : text(s, "language"));
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
