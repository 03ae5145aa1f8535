package dev.chiptrail.search;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chiptrail.gazetteer.NameForm;
import java.util.List;
import java.util.Map;

/**
 * One search hit. {@code values} holds its facet values by dimension (provider, chip, …), each as an
 * id with labels; they are written as top-level fields of the hit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hit(
    String id,
    String kind,
    String title,
    @JsonProperty("title_zh") String titleZh,
    String date,
    Float score,
    List<String> snippets,
    List<NameForm> matched,
    @JsonProperty("amount") Map<String, Object> amount,
    /** Articles: the file the article was read from. */
    String source,
    /** Articles: the story (group of syndicated copies) this version belongs to. */
    String story,
    /** Articles: the other versions of the same story, collapsed into this hit. */
    @JsonProperty("other_versions") List<String> otherVersions,
    @com.fasterxml.jackson.annotation.JsonIgnore Map<String, List<FacetValue>> values,
    /** Articles: the records that cite this article as a source. */
    List<String> records,
    /** Records: the articles they cite. */
    List<String> sources,
    /** Every gazetteer entity the text mentions, by id, in order of first mention. */
    List<String> entities) {

  /** A hit without links (story versions, citing records, sources, mentioned entities). */
  public Hit(String id, String kind, String title, String titleZh, String date, Float score, List<String> snippets,
      List<NameForm> matched, Map<String, Object> amount, String source, String story, List<String> otherVersions,
      Map<String, List<FacetValue>> values) {
    this(id, kind, title, titleZh, date, score, snippets, matched, amount, source, story, otherVersions, values,
        null, null, null);
  }

  @JsonAnyGetter
  public Map<String, List<FacetValue>> valuesAsFields() {
    return values;
  }
}
