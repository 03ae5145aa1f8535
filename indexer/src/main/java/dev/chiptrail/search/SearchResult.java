package dev.chiptrail.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SearchRequest}: exactly what {@code /api/search} and {@code search --json}
 * print.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SearchResult(
    long total,
    @JsonProperty("total_exact") boolean totalExact,
    @JsonProperty("took_ms") long tookMs,
    @JsonProperty("index_version") String indexVersion,
    /** True when the strict (AND) query found nothing and the result is for any of its words. */
    boolean relaxed,
    List<Hit> hits,
    Map<String, Object> facets,
    @JsonProperty("next_cursor") String nextCursor,
    /**
     * True when the search ran past the per-request time limit: the hits and counts are those found
     * until then (partial), and {@code total_exact} is false.
     */
    @JsonProperty("timed_out") boolean timedOut) {}
