package dev.chiptrail.search;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every document matching a search, streamed page by page (cursor walk) from one index snapshot, as
 * CSV (UTF-8 with a BOM so spreadsheets read the Chinese right, fixed columns {@link #CSV_COLUMNS})
 * or JSON lines (one search hit per line). Nothing is written before the request is known to be
 * valid, so a bad request still gets a clean error.
 */
public final class Exporter {
  public enum Format { CSV, JSONL }

  /** The CSV columns, in order. Multi-valued columns hold ids joined by {@code |}. */
  public static final List<String> CSV_COLUMNS = List.of(
      "id", "kind", "date", "title", "title_zh", "entity", "entity_type", "provider", "chip", "model",
      "intermediary", "status", "list", "language", "outlet", "amount_cny", "amount_usd", "source");
  private static final int PAGE = SearchRequest.MAX_SIZE;

  private final SearchService search;

  public Exporter(SearchService search) {
    this.search = search;
  }

  /** Opens the output once the first page is known: the total and the index version can go in headers. */
  public interface Opener {
    OutputStream open(long total, String indexVersion) throws IOException;
  }

  /** Writes every match; returns the number of rows written. */
  public long export(SearchRequest req, Format format, Opener opener) throws IOException {
    SearchRequest first = new SearchRequest(req.q(), req.filters(), req.from(), req.to(), req.sort(), PAGE, 1, null, List.of(), req.exactScript())
        .withCollapse(false); // every matching document, syndicated copies included: rows == total
    Searchers searchers = search.searchers();
    SearchService.validate(first);
    IndexSnapshot snap = searchers.acquire();
    try {
      SearchResult page = search.search(snap, first);
      OutputStream out = opener.open(page.total(), page.indexVersion());
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      long rows = 0;
      SequenceWriter csv = null;
      if (format == Format.CSV) {
        w.write('\uFEFF');
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        CSV_COLUMNS.forEach(schema::addColumn);
        csv = new CsvMapper().writer(schema.build()).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValues(w);
      }
      while (true) {
        for (Hit h : page.hits()) {
          if (csv != null) {
            csv.write(row(h));
          } else {
            w.write(Json.OUT.writeValueAsString(h));
            w.write('\n');
          }
          rows++;
        }
        if (page.nextCursor() == null) break;
        page = search.search(snap, first.withCursor(page.nextCursor()));
      }
      if (csv != null) csv.flush();
      w.flush();
      return rows;
    } finally {
      searchers.release(snap);
    }
  }

  private static Object[] row(Hit h) {
    Map<String, List<FacetValue>> v = h.values();
    List<Object> r = new ArrayList<>();
    r.add(h.id());
    r.add(h.kind());
    r.add(h.date());
    r.add(h.title());
    r.add(h.titleZh());
    r.add(ids(v, Schema.DIM_ENTITY));
    r.add(ids(v, Schema.DIM_ENTITY_TYPE));
    r.add(ids(v, Schema.DIM_PROVIDER));
    r.add(ids(v, Schema.DIM_CHIP));
    r.add(ids(v, Schema.DIM_MODEL));
    r.add(ids(v, Schema.DIM_INTERMEDIARY));
    r.add(ids(v, Schema.DIM_STATUS));
    r.add(ids(v, Schema.DIM_LIST));
    r.add(ids(v, Schema.DIM_LANGUAGE));
    r.add(ids(v, Schema.DIM_OUTLET));
    r.add(h.amount() == null ? null : h.amount().get("cny"));
    r.add(h.amount() == null ? null : h.amount().get("usd"));
    r.add(h.source());
    return r.toArray();
  }

  private static String ids(Map<String, List<FacetValue>> v, String dim) {
    List<FacetValue> vs = v.get(dim);
    return vs == null ? "" : vs.stream().map(FacetValue::value).collect(Collectors.joining("|"));
  }
}
