package dev.chiptrail.http;

import dev.chiptrail.search.DocService;
import dev.chiptrail.search.EntityService;
import dev.chiptrail.search.Exporter;
import dev.chiptrail.search.SearchService;
import dev.chiptrail.search.Searchers;
import dev.chiptrail.search.Suggester;

/** The capabilities the API exposes, all over one {@link Searchers}; none of them knows HTTP. */
public record Services(Searchers searchers, SearchService search, DocService docs, EntityService entities,
    Suggester suggester, Exporter exporter) {

  public static Services over(Searchers searchers) {
    SearchService search = new SearchService(searchers);
    Suggester suggester = new Suggester(searchers);
    return new Services(searchers, search, new DocService(searchers), new EntityService(searchers, suggester),
        suggester, new Exporter(search));
  }
}
