package dev.chiptrail.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chiptrail.gazetteer.NameForm;
import dev.chiptrail.index.DocumentBuilder;
import dev.chiptrail.ingest.Json;
import dev.chiptrail.ingest.PartialDate;
import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.time.Duration;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.MultiFacets;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Faceted search over one index snapshot: the query language, multi-select facet counts with
 * {@link DrillSideways}, date ranges, sorting, paging and cursors, highlighted snippets and the name
 * forms that matched. Knows nothing of HTTP: the server and {@code search --json} both call it.
 */
public final class SearchService {
  /** Facet values returned per dimension (selected values are always added). */
  public static final int FACET_SIZE = 100;
  private static final int SNIPPETS = 2;
  private static final Set<String> QUERY_FIELDS = queryFields();

  private final Searchers searchers;
  private final long timeLimitNanos;

  public SearchService(Searchers searchers) {
    this(searchers, Duration.ZERO);
  }

  /**
   * @param timeLimit how long one search may collect hits before it stops and answers with what it
   *     found (flagged {@code timed_out}); zero or negative means no limit
   */
  public SearchService(Searchers searchers, Duration timeLimit) {
    this.searchers = searchers;
    this.timeLimitNanos = timeLimit.isNegative() || timeLimit.isZero() ? 0 : timeLimit.toNanos();
  }

  public Searchers searchers() {
    return searchers;
  }

  private static Set<String> queryFields() {
    Set<String> s = new LinkedHashSet<>(Schema.FILTER_DIMS);
    s.add("id");
    return Set.copyOf(s);
  }

  public SearchResult search(SearchRequest req) throws IOException {
    long start = System.nanoTime();
    validate(req);
    IndexSnapshot snap = searchers.acquire();
    try {
      return search(snap, req, start, true);
    } finally {
      searchers.release(snap);
    }
  }

  /**
   * The same search on a snapshot the caller holds, without the time limit, so that several calls (an
   * export's pages) answer whole and from one index version.
   */
  public SearchResult search(IndexSnapshot snap, SearchRequest req) throws IOException {
    long start = System.nanoTime();
    validate(req);
    return search(snap, req, start, false);
  }

  /** Checks every parameter, naming it and its value; nothing touches the index before this passes. */
  public static void validate(SearchRequest req) {
    if (req.size() < 1 || req.size() > SearchRequest.MAX_SIZE) {
      throw BadRequestException.param("size", "size must be between 1 and " + SearchRequest.MAX_SIZE + ", got " + req.size());
    }
    if (req.page() < 1) throw BadRequestException.param("page", "page must be 1 or more, got " + req.page());
    if ((long) req.page() * req.size() > SearchRequest.MAX_WINDOW) {
      throw BadRequestException.param("page", "page " + req.page() + " of size " + req.size() + " reaches past result "
          + SearchRequest.MAX_WINDOW + "; use the cursor (next_cursor) to page deeper");
    }
    if (!SearchRequest.SORTS.contains(req.sort())) {
      throw BadRequestException.param("sort", "sort must be one of " + SearchRequest.SORTS + ", got '" + req.sort() + "'");
    }
    for (String dim : req.filters().keySet()) {
      if (!Schema.FILTER_DIMS.contains(dim)) {
        throw BadRequestException.param(dim, "'" + dim + "' is not a facet; facets are " + Schema.FILTER_DIMS);
      }
    }
    if (req.facets() != null) {
      for (String dim : req.facets()) {
        if (!Schema.FILTER_DIMS.contains(dim) && !dim.equals("date")) {
          throw BadRequestException.param("facets", "'" + dim + "' is not a facet; facets are " + Schema.FILTER_DIMS + " and date");
        }
      }
    }
    PartialDate from = date("from", req.from());
    PartialDate to = date("to", req.to());
    if (from != null && to != null && from.firstDay() > to.lastDay()) {
      throw BadRequestException.param("from", "from (" + req.from() + ") is after to (" + req.to() + ")");
    }
  }

  private static PartialDate date(String param, String value) {
    if (value == null || value.isBlank()) return null;
    try {
      return PartialDate.parse(value);
    } catch (IllegalArgumentException e) {
      throw BadRequestException.param(param, param + ": " + e.getMessage());
    }
  }

  /** @param limited whether the time limit applies: not to an export's pages, which must be whole */
  private SearchResult search(IndexSnapshot snap, SearchRequest req, long start, boolean limited) throws IOException {
    try {
      return searchOrThrow(snap, req, start, limited);
    } catch (IndexSearcher.TooManyClauses e) {
      // Under MAX_CLAUSES words, but each word fans out to several fields and name forms.
      throw new BadRequestException("too_many_clauses", "q", "the query expands to more than "
          + IndexSearcher.getMaxClauseCount() + " clauses across fields and name forms; use fewer words or filters");
    }
  }

  private SearchResult searchOrThrow(IndexSnapshot snap, SearchRequest req, long start, boolean limited) throws IOException {
    // The time limit is part of the query (DeadlineQuery), so it holds under drill sideways too.
    long deadline = limited && timeLimitNanos > 0 ? start + timeLimitNanos : 0;
    IndexSearcher searcher = snap.searcher();
    QueryParser.Node ast = QueryParser.parse(req.q(), QUERY_FIELDS);
    QueryCompiler.Compiled compiled = new QueryCompiler(snap.gazetteer(), req.exactScript()).compile(ast);
    Sort sort = sort(req.sort());
    FieldDoc after = req.cursor() == null || req.cursor().isBlank() ? null : Cursor.decode(req.cursor(), req.sort());
    int offset = after == null ? (req.page() - 1) * req.size() : 0;
    int topN = offset + req.size() + 1;

    Query query = compiled.query();
    Run run = run(snap, searcher, req, query, sort, after, topN, deadline);
    boolean relaxed = false;
    if (run.total == 0 && compiled.relaxed() != null) {
      query = compiled.relaxed();
      run = run(snap, searcher, req, query, sort, after, topN, deadline);
      relaxed = true;
    }
    // Versions of one story are one hit: fetch more documents until the page has its groups.
    Collapsed collapsed = req.collapse() ? collapse(snap, run, sort, after, offset, req.size()) : plainPage(run, offset, req.size());
    while (req.collapse() && collapsed.short_ && run.hits.scoreDocs.length >= topN && topN < MAX_COLLAPSE_FETCH) {
      topN = Math.min(MAX_COLLAPSE_FETCH, topN * 4);
      run = run(snap, searcher, req, query, sort, after, topN, deadline);
      collapsed = collapse(snap, run, sort, after, offset, req.size());
    }
    List<ScoreDoc> page = collapsed.page;
    String next = collapsed.more && !page.isEmpty()
        ? Cursor.encode(req.sort(), (FieldDoc) page.get(page.size() - 1)) : null;

    List<Hit> hits = hits(snap, page, compiled);
    Map<String, Object> facets = facets(snap, req, run.facets);
    long took = (System.nanoTime() - start) / 1_000_000;
    boolean timedOut = run.deadline != null && run.deadline.expired();
    boolean exact = !timedOut && run.exact;
    return new SearchResult(run.total, exact, took, snap.version(), relaxed, hits, facets, next, timedOut);
  }

  /**
   * The hits of one search and its facet counts; {@code filtered} is the query with the facet filters
   * and without the time limit (it finds the other versions of a story on the page).
   */
  private record Run(TopDocs hits, Facets facets, long total, boolean exact, Query filtered, DeadlineQuery deadline) {}

  /** Documents fetched at most to fill a page of collapsed hits. */
  private static final int MAX_COLLAPSE_FETCH = SearchRequest.MAX_WINDOW * 2;

  /**
   * One page of hits after collapsing: {@code short_} when the fetched documents ran out before the
   * page (and one more group) was full, {@code more} when a group follows the page.
   */
  private record Collapsed(List<ScoreDoc> page, boolean more, boolean short_) {}

  /**
   * Keeps the first-ranked version of each story and skips the others (they are listed in the hit).
   * Page-based paging collapses from the first result; after a cursor, a version is also skipped when
   * another version of its story ranks at or before the cursor, because that one was already shown.
   * {@code total} and the facet counts still count documents, every version included.
   */
  private Collapsed collapse(IndexSnapshot snap, Run run, Sort sort, FieldDoc after, int offset, int size) throws IOException {
    ScoreDoc[] docs = run.hits.scoreDocs;
    Map<String, List<String>> versions = DocumentLinks.versionsByArticle(snap);
    StoredFields stored = snap.searcher().storedFields();
    Set<String> seen = new HashSet<>();
    List<ScoreDoc> page = new ArrayList<>();
    int groups = 0;
    for (ScoreDoc sd : docs) {
      if (!versions.isEmpty()) {
        String id = stored.document(sd.doc, Set.of(Schema.ID)).get(Schema.ID);
        List<String> v = versions.get(id);
        if (v != null) {
          if (!seen.add(v.get(0))) continue;
          if (after != null && shownBefore(snap, run.filtered, sort, after, v)) continue;
        }
      }
      if (groups >= offset + size) return new Collapsed(page, true, false);
      if (groups >= offset) page.add(sd);
      groups++;
    }
    return new Collapsed(page, false, true);
  }

  /** A page of documents as they rank, syndicated copies included. */
  private static Collapsed plainPage(Run run, int offset, int size) {
    ScoreDoc[] docs = run.hits.scoreDocs;
    List<ScoreDoc> page = new ArrayList<>();
    for (int i = offset; i < Math.min(docs.length, offset + size); i++) page.add(docs[i]);
    return new Collapsed(page, docs.length > offset + size, false);
  }

  /** Whether a version of the story matches and ranks at or before the cursor. */
  private static boolean shownBefore(IndexSnapshot snap, Query filtered, Sort sort, FieldDoc after, List<String> versions) throws IOException {
    Query q = new BooleanQuery.Builder()
        .add(filtered, Occur.MUST)
        .add(new TermInSetQuery(Schema.ID, versions.stream().map(BytesRef::new).toList()), Occur.FILTER)
        .build();
    for (ScoreDoc sd : snap.searcher().search(q, versions.size(), sort, true).scoreDocs) {
      if (compare((FieldDoc) sd, after, sort) <= 0) return true;
    }
    return false;
  }

  /** Orders two sort positions as the sort does (the cursor carries values, not a doc id). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(FieldDoc a, FieldDoc b, Sort sort) {
    SortField[] fields = sort.getSort();
    for (int i = 0; i < fields.length; i++) {
      Object x = a.fields[i], y = b.fields[i];
      int c;
      if (fields[i].getType() == SortField.Type.SCORE) {
        c = Float.compare(((Number) y).floatValue(), ((Number) x).floatValue());
      } else if (x instanceof Number nx && y instanceof Number ny) {
        c = Long.compare(nx.longValue(), ny.longValue());
        if (fields[i].getReverse()) c = -c;
      } else {
        c = ((Comparable) x).compareTo(y);
        if (fields[i].getReverse()) c = -c;
      }
      if (c != 0) return c;
    }
    return 0;
  }

  private Run run(IndexSnapshot snap, IndexSearcher searcher, SearchRequest req, Query q, Sort sort, FieldDoc after,
      int topN, long deadline) throws IOException {
    BooleanQuery.Builder base = new BooleanQuery.Builder()
        .add(q, Occur.MUST)
        .add(new TermQuery(new Term(Schema.DOCTYPE, Schema.DOCTYPE_DOC)), Occur.FILTER);
    PartialDate from = date("from", req.from());
    PartialDate to = date("to", req.to());
    if (from != null || to != null) {
      base.add(IntPoint.newRangeQuery(Schema.DATE, from == null ? Integer.MIN_VALUE : from.firstDay(),
          to == null ? Integer.MAX_VALUE : to.lastDay()), Occur.FILTER);
    }
    Query baseQuery = base.build();
    DeadlineQuery limited = deadline == 0 ? null : new DeadlineQuery(baseQuery, deadline);
    Query scored = limited == null ? baseQuery : limited;
    boolean everything = q instanceof MatchAllDocsQuery && from == null && to == null;
    if (everything && req.filters().values().stream().allMatch(List::isEmpty)) {
      // Every document matches: the counts are the index version's, so only the page is collected,
      // and the collector may stop early because the total is known.
      IndexSnapshot.Everything all = snap.everything();
      TopFieldDocs hits = inIdOrder(snap, searcher, req, baseQuery, null, all.documents(), sort, after, topN);
      if (hits == null) {
        hits = searcher.search(scored, new TopFieldCollectorManager(sort, topN, after, topN));
        TopFieldCollector.populateScores(hits.scoreDocs, searcher, baseQuery);
      }
      return new Run(hits, all.facets(), all.documents(), true, baseQuery, limited);
    }
    DrillDownQuery ddq = drillDown(scored, req);
    // Scores of the page's hits are computed again after collecting them, with a query that has no
    // time limit: past it, the limited query matches nothing and Lucene refuses a hit it collected.
    DrillDownQuery unlimited = drillDown(baseQuery, req);
    if (req.facets() != null && req.facets().isEmpty()) {
      // No dimension asked for (an export's pages, a client that only wants hits): nothing to count.
      TopFieldDocs hits = searcher.search(ddq, new TopFieldCollectorManager(sort, topN, after, Integer.MAX_VALUE));
      TopFieldCollector.populateScores(hits.scoreDocs, searcher, unlimited);
      return new Run(hits, null, hits.totalHits.value(), hits.totalHits.relation() == TotalHits.Relation.EQUAL_TO, unlimited, limited);
    }
    boolean filtered = req.filters().values().stream().anyMatch(v -> !v.isEmpty());
    FacetDocSets sets = filtered ? snap.readyDocSets() : null;
    if (sets != null) {
      // The documents the query matches, as one bit set; a small set is counted as drill sideways does.
      FixedBitSet matches = everything ? null : sets.hits(searcher.search(scored, new FacetsCollectorManager()));
      if (matches == null || (long) matches.cardinality() * IndexSnapshot.SMALL_RESULT >= searcher.getIndexReader().maxDoc()) {
        return filteredByDocSets(snap, searcher, req, sets, matches, ddq, unlimited, sort, after, topN, limited);
      }
    }
    DrillSideways ds = new Sideways(searcher, snap, everything);
    DrillSideways.DrillSidewaysResult r = ds.search(ddq, null, after, topN, sort, false);
    TopFieldCollector.populateScores(r.hits.scoreDocs, searcher, unlimited);
    return new Run(r.hits, r.facets, r.hits.totalHits.value(), r.hits.totalHits.relation() == TotalHits.Relation.EQUAL_TO,
        unlimited, limited);
  }

  /** The query with the request's facet filters: OR within a dimension, AND across. */
  private static DrillDownQuery drillDown(Query base, SearchRequest req) {
    DrillDownQuery ddq = new DrillDownQuery(Schema.facetsConfig(), base);
    for (String dim : Schema.FILTER_DIMS) {
      // Adding the same dimension again ORs the values (the varargs of add() are a path, not values).
      for (String v : new LinkedHashSet<>(req.filters().getOrDefault(dim, List.of()))) ddq.add(dim, v);
    }
    return ddq;
  }

  /**
   * Facet filters from the facet values' document sets: the hits and each dimension's sideways set
   * are intersections of bit sets (the query's matches, or everything, and each filtered dimension's
   * values), counted value by value; only the page of hits is collected by a query. The same hits,
   * total and counts as drill sideways, without its pass over every match of the query once per
   * filtered dimension.
   *
   * @param base the documents the query matches, over the whole index; null for everything
   */
  private static Run filteredByDocSets(IndexSnapshot snap, IndexSearcher searcher, SearchRequest req, FacetDocSets sets,
      FixedBitSet base, DrillDownQuery ddq, DrillDownQuery unlimited, Sort sort, FieldDoc after, int topN, DeadlineQuery limited)
      throws IOException {
    Map<String, FixedBitSet> byDim = new LinkedHashMap<>();
    for (String dim : Schema.FILTER_DIMS) {
      List<String> values = req.filters().getOrDefault(dim, List.of());
      if (!values.isEmpty()) byDim.put(dim, sets.anyOf(dim, new LinkedHashSet<>(values)));
    }
    FixedBitSet hits = intersection(base, byDim, null);
    Map<String, Facets> sideways = new HashMap<>();
    for (String dim : byDim.keySet()) {
      FixedBitSet others = intersection(base, byDim, dim);
      // One filtered dimension of everything: its sideways counts are those of the whole index.
      sideways.put(dim, others == null ? snap.everything().facets() : new DocSetFacetCounts(sets, others));
    }
    int total = hits.cardinality();
    TopFieldDocs page = base == null ? inIdOrder(snap, searcher, req, unlimited, hits, total, sort, after, topN) : null;
    if (page == null) {
      page = searcher.search(ddq, new TopFieldCollectorManager(sort, topN, after, topN));
      TopFieldCollector.populateScores(page.scoreDocs, searcher, unlimited);
    }
    return new Run(page, new MultiFacets(sideways, new DocSetFacetCounts(sets, hits)), total, true, unlimited, limited);
  }

  /**
   * A new set of the documents in {@code base} (null: everything) and in every dimension's set but
   * {@code except}'s; null when that leaves no set at all (everything).
   */
  private static FixedBitSet intersection(FixedBitSet base, Map<String, FixedBitSet> byDim, String except) {
    FixedBitSet out = base == null ? null : base.clone();
    for (var e : byDim.entrySet()) {
      if (e.getKey().equals(except)) continue;
      if (out == null) out = e.getValue().clone();
      else out.and(e.getValue());
    }
    return out;
  }

  /**
   * The page of a search whose hits all score the same, ranked by relevance: that is id order, so
   * the page is read from the index version's id order ({@link IdOrder}) instead of comparing the id
   * of every hit. Null when it does not apply (another sort, the order not built yet, or a cursor of
   * another score), and the caller collects the page with a query.
   *
   * @param hits the matching documents over the whole index, or null for every document
   */
  private static TopFieldDocs inIdOrder(IndexSnapshot snap, IndexSearcher searcher, SearchRequest req, Query query,
      FixedBitSet hits, long total, Sort sort, FieldDoc after, int topN) throws IOException {
    if (!req.sort().equals("relevance")) return null;
    IdOrder order = snap.readyIdOrder();
    if (order == null) return null;
    BytesRef afterId = after == null ? null : (BytesRef) after.fields[1];
    List<IdOrder.Entry> entries = order.page(hits, afterId, topN);
    FieldDoc[] docs = new FieldDoc[entries.size()];
    for (int i = 0; i < docs.length; i++) docs[i] = new FieldDoc(entries.get(i).doc(), Float.NaN);
    TopFieldCollector.populateScores(docs, searcher, query);
    for (int i = 0; i < docs.length; i++) {
      if (after != null && ((Float) after.fields[0]) != docs[i].score) return null;
      docs[i].fields = new Object[] {docs[i].score, entries.get(i).id()};
    }
    return new TopFieldDocs(new TotalHits(total, TotalHits.Relation.EQUAL_TO), docs, sort.getSort());
  }

  /**
   * Drill sideways that counts through the snapshot ({@link IndexSnapshot#facetCounts}), and takes the
   * sideways counts of a filter on one dimension of everything from the index version's counts: they
   * are the counts of every document, so counting them again on every click of a facet is waste.
   */
  private static final class Sideways extends DrillSideways {
    private final IndexSnapshot snap;
    private final boolean baseIsEverything;

    Sideways(IndexSearcher searcher, IndexSnapshot snap, boolean baseIsEverything) {
      super(searcher, Schema.facetsConfig(), snap.facetState());
      this.snap = snap;
      this.baseIsEverything = baseIsEverything;
    }

    @Override
    protected Facets buildFacetsResult(FacetsCollector drillDowns, FacetsCollector[] drillSideways, String[] dims)
        throws IOException {
      Facets down = drillDowns == null ? null : snap.facetCounts(drillDowns);
      if (drillSideways == null || drillSideways.length == 0) return down;
      Map<String, Facets> sideways = new HashMap<>();
      for (int i = 0; i < drillSideways.length; i++) {
        sideways.put(dims[i], baseIsEverything && drillSideways.length == 1
            ? snap.everything().facets() : snap.facetCounts(drillSideways[i]));
      }
      return new MultiFacets(sideways, down);
    }
  }

  private static Sort sort(String sort) {
    SortField id = new SortField(Schema.SORT_ID, SortField.Type.STRING);
    return switch (sort) {
      case "date" -> new Sort(dateField(false), id);
      case "-date" -> new Sort(dateField(true), id);
      case "amount" -> new Sort(numeric(Schema.AMOUNT_CNY, SortField.Type.LONG, false), id);
      case "-amount" -> new Sort(numeric(Schema.AMOUNT_CNY, SortField.Type.LONG, true), id);
      default -> new Sort(SortField.FIELD_SCORE, id);
    };
  }

  /** Newest or oldest first, undated documents last (the date is an int: yyyyMMdd in an IntPoint). */
  static SortField dateField(boolean reverse) {
    return numeric(Schema.DATE, SortField.Type.INT, reverse);
  }

  /** Documents without the value sort last in both directions. */
  private static SortField numeric(String field, SortField.Type type, boolean reverse) {
    SortField f = new SortField(field, type, reverse);
    if (type == SortField.Type.INT) f.setMissingValue(reverse ? Integer.MIN_VALUE : Integer.MAX_VALUE);
    else f.setMissingValue(reverse ? Long.MIN_VALUE : Long.MAX_VALUE);
    return f;
  }

  private Map<String, Object> facets(IndexSnapshot snap, SearchRequest req, Facets facets) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    FacetLabels labels = new FacetLabels(snap.gazetteer());
    List<String> dims = req.facets() == null ? Schema.FILTER_DIMS : req.facets();
    for (String dim : Schema.FILTER_DIMS) {
      if (!dims.contains(dim)) continue;
      List<FacetValue> values = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      FacetResult fr = topChildren(facets, dim);
      if (fr != null) {
        for (LabelAndValue lv : fr.labelValues) {
          values.add(labels.label(dim, lv.label).withCount(lv.value.intValue()));
          seen.add(lv.label);
        }
      }
      for (String selected : req.filters().getOrDefault(dim, List.of())) {
        if (seen.add(selected)) values.add(labels.label(dim, selected).withCount(0));
      }
      out.put(dim, values);
    }
    if (req.facets() == null || req.facets().contains("date")) {
      Map<String, List<FacetValue>> date = new LinkedHashMap<>();
      date.put("years", dateValues(facets, Schema.DIM_YEAR));
      date.put("months", dateValues(facets, Schema.DIM_MONTH));
      out.put("date", date);
    }
    return out;
  }

  private static FacetResult topChildren(Facets facets, String dim) throws IOException {
    try {
      return facets.getTopChildren(FACET_SIZE, dim);
    } catch (IllegalArgumentException e) {
      // The dimension has no value anywhere in this index.
      return null;
    }
  }

  private static List<FacetValue> dateValues(Facets facets, String dim) throws IOException {
    FacetResult fr;
    try {
      fr = facets.getAllChildren(dim);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    List<FacetValue> out = new ArrayList<>();
    if (fr == null) return out;
    for (LabelAndValue lv : fr.labelValues) out.add(new FacetValue(lv.label, null, null, lv.value.intValue()));
    out.sort(java.util.Comparator.comparing(FacetValue::value));
    return out;
  }

  private List<Hit> hits(IndexSnapshot snap, List<ScoreDoc> page, QueryCompiler.Compiled compiled) throws IOException {
    if (page.isEmpty()) return List.of();
    List<String>[] snippets = snippets(snap, page, compiled);
    FacetLabels labels = new FacetLabels(snap.gazetteer());
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < page.size(); i++) {
      ScoreDoc sd = page.get(i);
      IndexSnapshot.StoredDoc d = snap.load(sd.doc);
      JsonNode src = d.source();
      JsonNode facetsJson = Json.OUT.readTree(snap.searcher().storedFields().document(sd.doc).get(DocumentBuilder.FACETS_JSON));
      Map<String, List<FacetValue>> values = new LinkedHashMap<>();
      for (String dim : Schema.FILTER_DIMS) {
        if (dim.equals(Schema.DIM_KIND)) continue;
        List<FacetValue> vs = new ArrayList<>();
        for (JsonNode v : facetsJson.path(dim)) vs.add(labels.label(dim, v.asText()));
        if (!vs.isEmpty()) values.put(dim, vs);
      }
      boolean record = "record".equals(d.kind());
      Map<String, Object> amount = null;
      if (record && src.hasNonNull("amount")) {
        amount = Json.OUT.convertValue(src.get("amount"), Map.class);
      }
      float score = Float.isNaN(sd.score) ? 0f : sd.score;
      DocumentLinks.Links links = DocumentLinks.of(snap, d);
      hits.add(new Hit(
          d.id(), d.kind(),
          text(src, record ? "title_en" : "title"),
          record ? text(src, "title_zh") : null,
          text(src, "date"),
          score,
          snippets[i],
          matched(d, compiled.matched()),
          amount,
          record ? null : text(src, "source"),
          links.story(),
          links.otherVersions(),
          values,
          links.records(),
          links.sources(),
          links.entities()));
    }
    return hits;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Exposes the per-passage results of the unified highlighter (one list of snippets per doc). */
  private static final class PassageHighlighter extends UnifiedHighlighter {
    PassageHighlighter(UnifiedHighlighter.Builder b) {
      super(b);
    }

    Object[] passages(String field, Query q, int[] docIds, int max) throws IOException {
      return highlightFieldsAsObjects(new String[] {field}, q, docIds, new int[] {max}).get(field);
    }
  }

  /** Each passage on its own, matches in mark tags and every other character HTML-escaped. */
  private static final class PerPassageFormatter extends PassageFormatter {
    private final DefaultPassageFormatter one = new DefaultPassageFormatter("<mark>", "</mark>", "", true);

    @Override
    public Object format(Passage[] passages, String content) {
      List<String> out = new ArrayList<>();
      for (Passage p : passages) out.add(one.format(new Passage[] {p}, content).strip());
      return out;
    }
  }

  @SuppressWarnings("unchecked")
  private List<String>[] snippets(IndexSnapshot snap, List<ScoreDoc> page, QueryCompiler.Compiled compiled) throws IOException {
    UnifiedHighlighter.Builder b = new UnifiedHighlighter.Builder(snap.searcher(), Schema.indexAnalyzer())
        .withMaskedFieldsFunc(f -> f.equals(Schema.TEXT_EN)
            ? Set.of(Schema.TEXT_ZH, Schema.TEXT_CJK, Schema.TEXT_CJK_EXACT) : Set.of())
        .withFormatter(new PerPassageFormatter())
        .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(BreakIterator.getSentenceInstance(Locale.ROOT), 160, 0.5f))
        .withMaxLength(100_000)
        .withHighlightPhrasesStrictly(true);
    PassageHighlighter uh = new PassageHighlighter(b);
    Query q = compiled.highlight() != null ? compiled.highlight() : compiled.query();
    int[] ids = page.stream().mapToInt(sd -> sd.doc).toArray();
    Object[] res = uh.passages(Schema.TEXT_EN, q, ids, SNIPPETS);
    List<String>[] out = new List[ids.length];
    for (int i = 0; i < ids.length; i++) out[i] = res == null || res[i] == null ? List.of() : (List<String>) res[i];
    return out;
  }

  /** The name forms as this document writes them, for the entities the query named. */
  private static List<NameForm> matched(IndexSnapshot.StoredDoc d, List<NameForm> queryForms) {
    if (queryForms.isEmpty()) return List.of();
    Set<String> entities = new LinkedHashSet<>();
    queryForms.forEach(f -> entities.add(f.entityId()));
    Map<String, NameForm> out = new LinkedHashMap<>();
    for (JsonNode m : d.mentions()) {
      String e = m.path("entity").asText();
      if (entities.contains(e)) {
        String text = m.path("text").asText();
        out.putIfAbsent(e + "\u0000" + text, new NameForm(e, m.path("form").asText(), text));
      }
    }
    return List.copyOf(out.values());
  }
}
