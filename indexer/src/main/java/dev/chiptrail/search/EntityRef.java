package dev.chiptrail.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chiptrail.gazetteer.Entity;
import dev.chiptrail.gazetteer.Gazetteer;

/** A link to a gazetteer entity: its id, type and labels. An id the gazetteer lacks keeps only the id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityRef(String id, String type, String label, @JsonProperty("label_zh") String labelZh) {
  public static EntityRef of(Gazetteer g, String id) {
    if (id == null) return null;
    Entity e = g.get(id).orElse(null);
    return e == null ? new EntityRef(id, null, id, null) : new EntityRef(id, e.type(), e.en(), e.labelZh());
  }
}
