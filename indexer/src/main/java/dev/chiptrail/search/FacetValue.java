package dev.chiptrail.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A facet value with its labels and, in facet counts, its count. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FacetValue(String value, String label, @JsonProperty("label_zh") String labelZh, Integer count) {
  public FacetValue withCount(int c) {
    return new FacetValue(value, label, labelZh, c);
  }
}
