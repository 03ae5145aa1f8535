package dev.chiptrail.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the live index holds and when it was built: counts, version, schema, build time, data checksum. */
public record IndexStats(
    @JsonProperty("index_version") String indexVersion,
    @JsonProperty("schema_version") int schemaVersion,
    @JsonProperty("built_at") String builtAt,
    @JsonProperty("data_checksum") String dataChecksum,
    @JsonProperty("documents") int documents,
    Map<String, Object> counts) {

  public static IndexStats of(Searchers searchers) throws IOException {
    IndexSnapshot s = searchers.acquire();
    try {
      return of(s);
    } finally {
      searchers.release(s);
    }
  }

  public static IndexStats of(IndexSnapshot s) throws IOException {
    Map<String, String> c = s.commitData();
    Map<String, Object> counts = new LinkedHashMap<>();
    String json = c.get(Schema.COMMIT_COUNTS);
    if (json != null) counts.putAll(Json.OUT.readValue(json, new TypeReference<Map<String, Object>>() {}));
    int docs = s.searcher().count(new org.apache.lucene.search.TermQuery(
        new org.apache.lucene.index.Term(Schema.DOCTYPE, Schema.DOCTYPE_DOC)));
    return new IndexStats(s.version(), Integer.parseInt(c.get(Schema.COMMIT_SCHEMA_VERSION)),
        c.get(Schema.COMMIT_BUILT_AT), c.get(Schema.COMMIT_DATA_CHECKSUM), docs, counts);
  }
}
