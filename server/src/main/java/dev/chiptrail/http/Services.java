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
    return over(searchers, java.time.Duration.ZERO);
  }

  /** @param searchTimeLimit how long one search may run before it answers with partial results; zero: no limit */
  public static Services over(Searchers searchers, java.time.Duration searchTimeLimit) {
    SearchService search = new SearchService(searchers, searchTimeLimit);
    Suggester suggester = new Suggester(searchers);
    return new Services(searchers, search, new DocService(searchers), new EntityService(searchers, suggester),
        suggester, new Exporter(search));
  }
}
