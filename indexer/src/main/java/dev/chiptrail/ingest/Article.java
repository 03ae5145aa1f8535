package dev.chiptrail.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A news article or other document of a researcher's corpus. Its id derives from its file name, so it
 * is stable across runs; {@code source} is the path it was read from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Article(
    String id, String title, String outlet, String date, String language, String url, String body, String source) {

  public PartialDate partialDate() {
    return date == null ? null : PartialDate.parse(date);
  }

  public String text() {
    return (title == null ? "" : title + "\n") + body;
  }
}
