package dev.chiptrail.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.search.BadRequestException;
import dev.chiptrail.search.FacetValue;
import dev.chiptrail.search.Hit;
import dev.chiptrail.search.IndexUnavailableException;
import dev.chiptrail.search.SearchRequest;
import dev.chiptrail.search.SearchResult;
import dev.chiptrail.search.SearchService;
import dev.chiptrail.search.Searchers;
import dev.chiptrail.schema.Schema;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "search", description = "Search the index from the shell. --json prints exactly what /api/search returns.")
public final class SearchCommand implements Callable<Integer> {
  @Option(names = "--index", paramLabel = "DIR", defaultValue = IndexCommand.DEFAULT_INDEX, description = "Index folder (default: ${DEFAULT-VALUE}).")
  Path index;
  @Option(names = "--json", description = "Print the JSON of /api/search.") boolean json;
  @Option(names = "--size", defaultValue = "10", description = "Hits to show (1-100, default ${DEFAULT-VALUE}).") int size;
  @Option(names = "--page", defaultValue = "1") int page;
  @Option(names = "--cursor") String cursor;
  @Option(names = "--sort", defaultValue = "relevance", description = "relevance, date, -date, amount or -amount.") String sort;
  @Option(names = "--kind") List<String> kind = new ArrayList<>();
  @Option(names = "--provider") List<String> provider = new ArrayList<>();
  @Option(names = "--chip") List<String> chip = new ArrayList<>();
  @Option(names = "--model") List<String> model = new ArrayList<>();
  @Option(names = "--entity-type") List<String> entityType = new ArrayList<>();
  @Option(names = "--entity") List<String> entity = new ArrayList<>();
  @Option(names = "--intermediary") List<String> intermediary = new ArrayList<>();
  @Option(names = "--language") List<String> language = new ArrayList<>();
  @Option(names = "--outlet") List<String> outlet = new ArrayList<>();
  @Option(names = "--status") List<String> status = new ArrayList<>();
  @Option(names = "--list") List<String> list = new ArrayList<>();
  @Option(names = "--from", description = "yyyy, yyyy-MM or yyyy-MM-dd, inclusive.") String from;
  @Option(names = "--to", description = "yyyy, yyyy-MM or yyyy-MM-dd, inclusive.") String to;
  @Option(names = "--exact-script", description = "Match Han text only in the script typed.") boolean exactScript;
  @Parameters(arity = "0..*", paramLabel = "QUERY", description = "The query; none means everything.") List<String> query = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, List<String>> filters = new LinkedHashMap<>();
    put(filters, Schema.DIM_KIND, kind);
    put(filters, Schema.DIM_PROVIDER, provider);
    put(filters, Schema.DIM_CHIP, chip);
    put(filters, Schema.DIM_MODEL, model);
    put(filters, Schema.DIM_ENTITY_TYPE, entityType);
    put(filters, Schema.DIM_ENTITY, entity);
    put(filters, Schema.DIM_INTERMEDIARY, intermediary);
    put(filters, Schema.DIM_LANGUAGE, language);
    put(filters, Schema.DIM_OUTLET, outlet);
    put(filters, Schema.DIM_STATUS, status);
    put(filters, Schema.DIM_LIST, list);
    SearchRequest req = new SearchRequest(String.join(" ", query), filters, from, to, sort, size, page, cursor, null, exactScript);
    try (Searchers searchers = Searchers.open(index)) {
      SearchResult r = new SearchService(searchers).search(req);
      if (json) {
        out.println(Json.OUT.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
      } else {
        print(r, out);
      }
      return 0;
    } catch (BadRequestException e) {
      err.println("chiptrail: " + e.getMessage());
      return 2;
    } catch (IndexUnavailableException e) {
      err.println("chiptrail: " + e.getMessage());
      return 1;
    }
  }

  private static void put(Map<String, List<String>> m, String dim, List<String> v) {
    if (!v.isEmpty()) m.put(dim, v);
  }

  private static void print(SearchResult r, PrintWriter out) {
    out.printf("%d hits%s (%d ms, index %s)%n", r.total(), r.relaxed() ? " for any of the words (none had all)" : "", r.tookMs(), r.indexVersion());
    for (Hit h : r.hits()) {
      out.printf("%n[%s] %s  %s%s%n", h.kind(), h.id(), h.date() == null ? "date unknown" : h.date(),
          h.source() == null ? "" : "  (" + h.source() + ")");
      out.println("  " + h.title() + (h.titleZh() == null ? "" : " / " + h.titleZh()));
      for (String s : h.snippets()) {
        // Snippets are HTML (escaped text, matches in mark tags); the shell shows matches in brackets.
        String marked = s.replace("<mark>", "[").replace("</mark>", "]");
        out.println("  … " + org.jsoup.parser.Parser.unescapeEntities(marked, false).replace('\n', ' ') + " …");
      }
      if (h.otherVersions() != null && !h.otherVersions().isEmpty()) out.println("  other versions of this story: " + h.otherVersions());
      if (h.records() != null && !h.records().isEmpty()) out.println("  cited by records: " + h.records());
      if (h.sources() != null && !h.sources().isEmpty()) out.println("  sources: " + h.sources());
      if (!h.matched().isEmpty()) out.println("  matched: " + h.matched().stream().map(m -> m.text() + " (" + m.entityId() + ", " + m.form() + ")").toList());
    }
    out.println();
    for (Map.Entry<String, Object> f : r.facets().entrySet()) {
      if (f.getValue() instanceof List<?> values && !values.isEmpty()) {
        StringBuilder sb = new StringBuilder(f.getKey() + ":");
        for (Object o : values) {
          FacetValue v = (FacetValue) o;
          sb.append(' ').append(v.value()).append('=').append(v.count());
        }
        out.println(sb);
      }
    }
    if (r.nextCursor() != null) out.println("next page: --cursor " + r.nextCursor());
  }
}
