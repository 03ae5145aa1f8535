package dev.chiptrail.search;

import dev.chiptrail.gazetteer.Entity;
import dev.chiptrail.gazetteer.Gazetteer;
import dev.chiptrail.ingest.Vocabulary;
import dev.chiptrail.schema.Schema;
import java.util.Map;

/** Labels of facet values in English and Chinese: gazetteer names for entities, vocabulary labels otherwise. */
public final class FacetLabels {
  private final Gazetteer gazetteer;

  public FacetLabels(Gazetteer gazetteer) {
    this.gazetteer = gazetteer;
  }

  public FacetValue label(String dim, String value) {
    Map<String, Vocabulary.Label> vocab = switch (dim) {
      case Schema.DIM_KIND -> Vocabulary.KINDS;
      case Schema.DIM_STATUS -> Vocabulary.STATUSES;
      case Schema.DIM_LANGUAGE -> Vocabulary.LANGUAGES;
      case Schema.DIM_ENTITY_TYPE -> Vocabulary.ENTITY_TYPES;
      default -> null;
    };
    if (vocab != null) {
      Vocabulary.Label l = vocab.get(value);
      return l == null ? new FacetValue(value, value, null, null) : new FacetValue(value, l.en(), l.zh(), null);
    }
    if (dim.equals(Schema.DIM_PROVIDER) && value.equals(Schema.UNSPECIFIED)) {
      return new FacetValue(value, "Unspecified", "未指明", null);
    }
    Entity e = gazetteer.get(value).orElse(null);
    if (e != null) return new FacetValue(value, e.en(), e.labelZh(), null);
    return new FacetValue(value, value, null, null);
  }
}
