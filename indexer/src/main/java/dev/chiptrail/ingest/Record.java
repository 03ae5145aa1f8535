package dev.chiptrail.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chiptrail.gazetteer.Listing;
import java.util.List;

/** One procurement record, as read from data/records/*.jsonl (see data/schema/record.schema.json). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Record(
    String id,
    String entity,
    @JsonProperty("title_en") String titleEn,
    @JsonProperty("title_zh") String titleZh,
    List<String> providers,
    List<String> chips,
    List<String> models,
    String intermediary,
    @JsonProperty("intermediary_role") String intermediaryRole,
    @JsonProperty("sought_en") String soughtEn,
    @JsonProperty("sought_zh") String soughtZh,
    @JsonProperty("quantity_en") String quantityEn,
    @JsonProperty("quantity_zh") String quantityZh,
    Amount amount,
    String date,
    String status,
    List<Listing> restrictions,
    @JsonProperty("summary_en") String summaryEn,
    @JsonProperty("summary_zh") String summaryZh,
    List<String> sources) {

  public Record {
    providers = providers == null ? List.of() : List.copyOf(providers);
    chips = chips == null ? List.of() : List.copyOf(chips);
    models = models == null ? List.of() : List.copyOf(models);
    restrictions = restrictions == null ? List.of() : List.copyOf(restrictions);
    sources = sources == null ? List.of() : List.copyOf(sources);
  }

  /** An amount as stated, in yuan, and in US dollars at the rate the reporting states. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Amount(Long cny, Long usd, Boolean approximate, String stated) {}

  public PartialDate partialDate() {
    return date == null ? null : PartialDate.parse(date);
  }

  /** The record's searchable text, English then Chinese. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (String s : new String[] {titleEn, soughtEn, quantityEn, summaryEn, titleZh, soughtZh, quantityZh, summaryZh}) {
      if (s != null && !s.isBlank()) sb.append(s).append('\n');
    }
    return sb.toString();
  }
}
