package dev.chiptrail.search;

import dev.chiptrail.gazetteer.Entity;
import dev.chiptrail.gazetteer.Gazetteer;
import dev.chiptrail.gazetteer.NameForm;
import dev.chiptrail.gazetteer.Romanizations;
import dev.chiptrail.schema.Schema;
import dev.chiptrail.search.QueryParser.And;
import dev.chiptrail.search.QueryParser.FieldTerm;
import dev.chiptrail.search.QueryParser.Node;
import dev.chiptrail.search.QueryParser.Not;
import dev.chiptrail.search.QueryParser.Or;
import dev.chiptrail.search.QueryParser.Phrase;
import dev.chiptrail.search.QueryParser.Word;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * Turns a parsed query into a Lucene query, routing each piece by script: Han text to the Chinese
 * fields (smartcn words first, character bigrams for recall, Chinese names), Latin text to the
 * English, name and pinyin fields, with bounded fuzzy matching on names below exact matches. Words
 * that spell a gazetteer name (in any form) also match every document that mentions that entity, in
 * any language, and are remembered as the forms that matched.
 */
final class QueryCompiler {
  /** Boosts: whole-word and exact-name matches rank above n-gram, pinyin and fuzzy ones. */
  private static final float ENTITY = 4f, SUBJECT = 8f, BUYER = 6f, ROMANIZATION = 0.3f, NAMED_TEXT_SCALE = 0.5f, FUZZY_ENTITY = 0.5f, ZH_WORDS = 3f, NAME = 2.5f, EN_TEXT = 1.5f, CJK = 1f, PINYIN = 1f, FUZZY = 0.3f;
  private static final int MAX_NAME_WORDS = 6;

  /**
   * Levenshtein automata one query may build (each takes about a millisecond and is not covered by
   * the search time limit): a long pasted text gets exact matching past the first ones.
   */
  static final int FUZZY_BUDGET = 100;

  /** Longer words are not names anyone misspells, and their automata grow with their length. */
  static final int MAX_FUZZY_LENGTH = 32;
  private int fuzzyBudget = FUZZY_BUDGET;
  private static final java.util.regex.Pattern PLURAL_MODEL = java.util.regex.Pattern.compile("(\\p{L}+-?\\d+)[sS]");

  private final Gazetteer gazetteer;
  private final boolean exactScript;
  private final QueryBuilder builder = new QueryBuilder(Schema.queryAnalyzer());
  private final Set<NameForm> matched = new LinkedHashSet<>();
  private final List<Query> highlightExtras = new ArrayList<>();

  QueryCompiler(Gazetteer gazetteer, boolean exactScript) {
    this.gazetteer = gazetteer;
    this.exactScript = exactScript;
    builder.setEnablePositionIncrements(true);
  }

  /** The compiled query, its relaxed (any word) form, the highlight query and the matched name forms. */
  record Compiled(Query query, Query relaxed, Query highlight, List<NameForm> matched) {}

  Compiled compile(Node root) {
    if (root == null) {
      return new Compiled(new MatchAllDocsQuery(), null, null, List.of());
    }
    Query q = node(root);
    Query relaxed = null;
    if (root instanceof And and && and.clauses().stream().filter(c -> !(c instanceof Not)).count() > 1) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (Query c : andClauses(and)) b.add(c, Occur.SHOULD);
      for (Node c : and.clauses()) if (c instanceof Not n) b.add(node(n.clause()), Occur.MUST_NOT);
      relaxed = b.build();
    }
    BooleanQuery.Builder h = new BooleanQuery.Builder().add(q, Occur.SHOULD);
    highlightExtras.forEach(x -> h.add(x, Occur.SHOULD));
    return new Compiled(q, relaxed, h.build(), List.copyOf(matched));
  }

  private Query node(Node n) {
    return switch (n) {
      case Word w -> words(List.of(w.text()));
      case Phrase p -> phrase(p.text());
      case FieldTerm f -> field(f);
      case Or or -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Node c : or.clauses()) b.add(node(c), Occur.SHOULD);
        yield b.build();
      }
      case And and -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean positive = false;
        for (Query c : andClauses(and)) {
          b.add(c, Occur.MUST);
          positive = true;
        }
        for (Node c : and.clauses()) if (c instanceof Not not) b.add(node(not.clause()), Occur.MUST_NOT);
        if (!positive) b.add(new MatchAllDocsQuery(), Occur.MUST);
        yield b.build();
      }
      case Not not -> new BooleanQuery.Builder()
          .add(new MatchAllDocsQuery(), Occur.MUST).add(node(not.clause()), Occur.MUST_NOT).build();
    };
  }

  /** The positive clauses of an AND, with runs of plain words grouped where they spell a name. */
  private List<Query> andClauses(And and) {
    List<Query> out = new ArrayList<>();
    List<String> run = new ArrayList<>();
    for (Node c : and.clauses()) {
      if (c instanceof Word w) {
        // A lone dash or comma between words ("Zhejiang Lab - AWS") is a separator, not a word.
        if (!scriptRuns(w.text()).isEmpty()) run.add(w.text());
        continue;
      }
      if (!run.isEmpty()) {
        out.addAll(nameRuns(run));
        run.clear();
      }
      if (!(c instanceof Not)) out.add(node(c));
    }
    if (!run.isEmpty()) out.addAll(nameRuns(run));
    return out;
  }

  /** Splits consecutive words into the longest sequences that are gazetteer names, and single words. */
  private List<Query> nameRuns(List<String> words) {
    List<Query> out = new ArrayList<>();
    int k = 0;
    while (k < words.size()) {
      int best = 0;
      for (int len = Math.min(MAX_NAME_WORDS, words.size() - k); len >= 2; len--) {
        String seq = String.join(" ", words.subList(k, k + len));
        if (!gazetteer.lookup(seq).isEmpty()) {
          best = len;
          break;
        }
      }
      String corrected = null;
      for (int len = Math.min(MAX_NAME_WORDS, words.size() - k); best == 0 && len >= 2; len--) {
        corrected = fuzzyName(String.join(" ", words.subList(k, k + len)));
        if (corrected != null) best = len;
      }
      if (best >= 2) {
        String typed = String.join(" ", words.subList(k, k + best));
        if (corrected == null) {
          out.add(phrase(typed));
        } else {
          // The name it most likely means, ranked below an exact match of that name.
          out.add(new BoostQuery(phrase(corrected), FUZZY_ENTITY));
        }
        k += best;
      } else {
        out.add(words(List.of(words.get(k))));
        k++;
      }
    }
    return out;
  }

  private Query words(List<String> ws) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String w : ws) for (String run : scriptRuns(w)) b.add(isHan(run) ? han(run) : latin(run, false), Occur.MUST);
    return simplify(b.build());
  }

  private Query phrase(String text) {
    List<String> runs = scriptRuns(text.strip());
    if (runs.isEmpty()) return new MatchNoDocsQuery("empty phrase");
    if (runs.size() == 1) return isHan(runs.get(0)) ? han(runs.get(0)) : latin(runs.get(0), true);
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String run : runs) b.add(isHan(run) ? han(run) : latin(run, true), Occur.MUST);
    return b.build();
  }

  /** Han text: words, bigrams, Chinese names and the entities it names. */
  private Query han(String text) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    if (exactScript) {
      add(b, builder.createPhraseQuery(Schema.TEXT_CJK_EXACT, text), 1f);
      return simplify(b.build());
    }
    // A gazetteer name identifies its entity whatever the form: 輝達 and 英伟达 must rank the same
    // Nvidia material, so the literal text counts for less than the entity.
    float scale = gazetteer.lookup(text).isEmpty() ? 1f : NAMED_TEXT_SCALE;
    add(b, builder.createPhraseQuery(Schema.TEXT_ZH, text), ZH_WORDS * scale);
    add(b, builder.createPhraseQuery(Schema.TEXT_CJK, text), CJK * scale);
    add(b, builder.createPhraseQuery(Schema.NAMES_ZH, text), NAME * scale);
    entities(b, text);
    return simplify(b.build());
  }

  /** Latin text: English prose (stemmed), exact names, pinyin, misspelled names, entities. */
  private Query latin(String text, boolean isPhrase) {
    return latin(text, isPhrase, true);
  }

  private Query latin(String text, boolean isPhrase, boolean alternates) {
    if (!isPhrase && gazetteer.lookup(text).isEmpty()) {
      // "H100s": a plural of a model number is the model.
      java.util.regex.Matcher plural = PLURAL_MODEL.matcher(text);
      if (plural.matches() && !gazetteer.lookup(plural.group(1)).isEmpty()) text = plural.group(1);
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    if (alternates && !isPhrase) {
      for (String alt : Romanizations.alternates(text)) {
        b.add(new BoostQuery(latin(alt, false, false), ROMANIZATION), Occur.SHOULD);
      }
    }
    add(b, isPhrase ? builder.createPhraseQuery(Schema.TEXT_EN, text) : builder.createBooleanQuery(Schema.TEXT_EN, text, Occur.MUST), EN_TEXT);
    add(b, isPhrase ? builder.createPhraseQuery(Schema.NAMES, text) : builder.createBooleanQuery(Schema.NAMES, text, Occur.MUST), NAME);
    add(b, isPhrase ? builder.createPhraseQuery(Schema.NAMES_PINYIN, text) : builder.createBooleanQuery(Schema.NAMES_PINYIN, text, Occur.MUST), PINYIN);
    boolean entity = entities(b, text);
    String folded = text.toLowerCase(Locale.ROOT);
    if (!entity && !isPhrase && folded.length() >= 5 && folded.length() <= MAX_FUZZY_LENGTH && folded.chars().allMatch(Character::isLetter)
        && !gazetteer.isLatinNameWord(folded) && fuzzyBudget-- > 0) {
      int edits = folded.length() >= 8 ? 2 : 1;
      b.add(new BoostQuery(new FuzzyQuery(new Term(Schema.NAMES, folded), edits, 1), FUZZY), Occur.SHOULD);
      for (String id : fuzzyMatches(folded, edits)) entityClauses(b, id, FUZZY_ENTITY);
    }
    BooleanQuery q = b.build();
    if (q.clauses().isEmpty()) {
      // Only stop words ("the"): they constrain nothing.
      return new MatchAllDocsQuery();
    }
    return simplify(q);
  }

  /** Adds the mentions of every entity named {@code text}; remembers the forms for "matched". */
  private boolean entities(BooleanQuery.Builder b, String text) {
    List<NameForm> forms = gazetteer.lookup(text);
    Set<String> ids = new LinkedHashSet<>();
    for (NameForm f : forms) {
      if (ids.add(f.entityId())) {
        entityClauses(b, f.entityId(), 1f);
        matched.add(f);
        gazetteer.get(f.entityId()).ifPresent(this::highlightAllForms);
      }
    }
    return !ids.isEmpty();
  }

  /** Documents mentioning the entity; above them those about it; above all the buyer's record. */
  private static void entityClauses(BooleanQuery.Builder b, String id, float factor) {
    b.add(new BoostQuery(new TermQuery(new Term(Schema.MENTIONS, id)), ENTITY * factor), Occur.SHOULD);
    b.add(new BoostQuery(new TermQuery(new Term(Schema.SUBJECTS, id)), SUBJECT * factor), Occur.SHOULD);
    b.add(new BoostQuery(new TermQuery(new Term(Schema.BUYER, id)), BUYER * factor), Occur.SHOULD);
  }

  /** Misspelled names: the entities with a name word within {@code edits} of the query word. */
  private Set<String> fuzzyMatches(String word, int edits) {
    Set<String> ids = new LinkedHashSet<>();
    CharacterRunAutomaton a = new CharacterRunAutomaton(new LevenshteinAutomata(word, true).toAutomaton(edits));
    for (Entity e : gazetteer.entities()) {
      for (NameForm f : e.nameForms()) {
        if (f.isHan()) continue;
        for (String part : f.text().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
          if (part.length() >= 4 && a.run(part)) {
            matched.add(f);
            if (ids.add(e.id())) highlightAllForms(e);
            break;
          }
        }
      }
    }
    return ids;
  }

  /**
   * A run of words within a bounded edit distance of a whole Latin name ("Shenzen University"): the
   * name it most likely means (the closest), or null. Two edits at most, one for names under ten
   * letters. Never with digits: Nvidia A10 is another chip, not a misspelled A100.
   */
  private String fuzzyName(String seq) {
    String folded = seq.toLowerCase(Locale.ROOT);
    if (folded.length() < 8 || folded.length() > MAX_FUZZY_LENGTH * 2 || folded.chars().anyMatch(Character::isDigit)) return null;
    int maxEdits = folded.length() >= 10 ? 2 : 1;
    for (int edits = 1; edits <= maxEdits; edits++) {
      if (fuzzyBudget-- <= 0) return null;
      CharacterRunAutomaton a = new CharacterRunAutomaton(new LevenshteinAutomata(folded, true).toAutomaton(edits));
      for (Entity e : gazetteer.entities()) {
        for (NameForm f : e.nameForms()) {
          if (!f.isHan() && a.run(f.text().toLowerCase(Locale.ROOT))) return f.text();
        }
      }
    }
    return null;
  }

  /** So that a match by any form highlights the form the document itself uses. */
  private void highlightAllForms(Entity e) {
    for (NameForm f : e.nameForms()) {
      if (f.form().equals(NameForm.PINYIN)) continue;
      Query q = builder.createPhraseQuery(f.isHan() ? Schema.TEXT_CJK : Schema.TEXT_EN, f.text());
      if (q != null) highlightExtras.add(q);
    }
  }

  private Query field(FieldTerm f) {
    if (f.field().equals("id")) return new TermQuery(new Term(Schema.ID, f.value()));
    String dim = f.field();
    String indexField = Schema.facetsConfig().getDimConfig(dim).indexFieldName;
    Set<String> values = new LinkedHashSet<>();
    if (gazetteer.get(f.value()).isPresent() || !isEntityDim(dim)) {
      values.add(f.value());
    } else {
      gazetteer.lookup(f.value()).forEach(n -> values.add(n.entityId()));
      if (values.isEmpty()) values.add(f.value().toLowerCase(Locale.ROOT));
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String v : values) b.add(new TermQuery(DrillDownQuery.term(indexField, dim, v)), Occur.SHOULD);
    return simplify(b.build());
  }

  static boolean isEntityDim(String dim) {
    return Set.of(Schema.DIM_PROVIDER, Schema.DIM_CHIP, Schema.DIM_MODEL, Schema.DIM_ENTITY,
        Schema.DIM_INTERMEDIARY, Schema.DIM_LIST).contains(dim);
  }

  private static void add(BooleanQuery.Builder b, Query q, float boost) {
    if (q != null) b.add(boost == 1f ? q : new BoostQuery(q, boost), Occur.SHOULD);
  }

  private static Query simplify(BooleanQuery q) {
    if (q.clauses().size() == 1 && q.clauses().get(0).occur() != Occur.MUST_NOT) {
      Query only = q.clauses().get(0).query();
      return only;
    }
    if (q.clauses().isEmpty()) return new MatchNoDocsQuery("nothing to search for");
    return q;
  }

  static boolean isHan(String run) {
    int cp = run.codePointAt(0);
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }

  /** Splits "AWS之江" into "AWS" and "之江"; punctuation-only runs are dropped. */
  static List<String> scriptRuns(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    Boolean curHan = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      boolean han = Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
      if (curHan != null && han != curHan) {
        flush(out, cur);
      }
      curHan = han;
      cur.appendCodePoint(cp);
    }
    flush(out, cur);
    return out;
  }

  private static void flush(List<String> out, StringBuilder cur) {
    String s = cur.toString().strip();
    cur.setLength(0);
    if (s.codePoints().anyMatch(Character::isLetterOrDigit)) out.add(s);
  }
}
