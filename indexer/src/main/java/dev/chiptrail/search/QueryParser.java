package dev.chiptrail.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * chiptrail's query language, parsed into a small tree before anything is analysed.
 *
 * <ul>
 *   <li>words are ANDed by default: {@code Shenzhen University A100};
 *   <li>{@code "double quotes"} make a phrase, in either language;
 *   <li>{@code OR} (also {@code |}), {@code AND} (also {@code &}), {@code NOT} and a leading {@code -}
 *       exclude; {@code NOT} binds tightest, then AND, then OR; parentheses group;
 *   <li>{@code field:value} or {@code field:"a value"} filters on a facet field (provider:aws);
 *   <li>lower-case and, or, not are ordinary words.
 * </ul>
 *
 * A syntax error is a {@link BadRequestException} with code {@code query_syntax} naming the position
 * (0-based, in characters) and the reason. Nesting deeper than {@link #MAX_DEPTH} is rejected before
 * parsing, and more than {@link #MAX_CLAUSES} words or phrases after.
 */
public final class QueryParser {
  public static final int MAX_DEPTH = 100;
  public static final int MAX_CLAUSES = 1024;
  public static final int MAX_LENGTH = 4096;

  public sealed interface Node permits Word, Phrase, FieldTerm, And, Or, Not {}

  /** A bare word; may mix scripts (AWS之江), which the query builder splits. */
  public record Word(String text, int pos) implements Node {}

  public record Phrase(String text, int pos) implements Node {}

  public record FieldTerm(String field, String value, int pos) implements Node {}

  public record And(List<Node> clauses) implements Node {}

  public record Or(List<Node> clauses) implements Node {}

  public record Not(Node clause) implements Node {}

  private enum T { WORD, PHRASE, FIELD, LPAREN, RPAREN, AND, OR, NOT, MINUS, EOF }

  private record Tok(T type, String text, String field, int pos) {}

  private final String input;
  private final Set<String> fields;
  private final List<Tok> toks = new ArrayList<>();
  private int i;
  private int clauses;

  private QueryParser(String input, Set<String> fields) {
    this.input = input;
    this.fields = fields;
  }

  /** Parses {@code q}; null for a blank query (everything). {@code fields}: the names allowed before a colon. */
  public static Node parse(String q, Set<String> fields) {
    if (q == null || q.isBlank()) return null;
    if (q.length() > MAX_LENGTH) {
      throw syntax(MAX_LENGTH, "the query is " + q.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
    }
    checkDepth(q);
    QueryParser p = new QueryParser(q, fields);
    p.lex();
    if (p.toks.size() == 1) return null;
    Node n = p.or();
    if (p.peek().type != T.EOF) {
      Tok t = p.peek();
      throw syntax(t.pos, t.type == T.RPAREN ? "')' without a matching '('" : "unexpected '" + t.text + "'");
    }
    return n;
  }

  private static BadRequestException syntax(int pos, String reason) {
    return new BadRequestException("query_syntax", "q", "query syntax error at position " + pos + ": " + reason);
  }

  private static void checkDepth(String q) {
    int depth = 0;
    boolean inQuote = false;
    for (int k = 0; k < q.length(); k++) {
      char c = q.charAt(k);
      if (c == '"') inQuote = !inQuote;
      if (inQuote) continue;
      if (c == '(' && ++depth > MAX_DEPTH) {
        throw syntax(k, "parentheses nested deeper than " + MAX_DEPTH);
      }
      if (c == ')') depth--;
    }
  }

  private void lex() {
    int n = input.length();
    int k = 0;
    while (k < n) {
      char c = input.charAt(k);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        k++;
      } else if (c == '(' || c == '（') {
        toks.add(new Tok(T.LPAREN, "(", null, k++));
      } else if (c == ')' || c == '）') {
        toks.add(new Tok(T.RPAREN, ")", null, k++));
      } else if (isQuote(c)) {
        int end = closingQuote(k);
        toks.add(new Tok(T.PHRASE, input.substring(k + 1, end), null, k));
        k = end + 1;
      } else if (c == '|') {
        toks.add(new Tok(T.OR, "|", null, k));
        k += k + 1 < n && input.charAt(k + 1) == '|' ? 2 : 1;
      } else if (c == '&') {
        toks.add(new Tok(T.AND, "&", null, k));
        k += k + 1 < n && input.charAt(k + 1) == '&' ? 2 : 1;
      } else if ((c == '-' || c == '!') && k + 1 < n && !Character.isWhitespace(input.charAt(k + 1)) && (k == 0 || isBoundary(input.charAt(k - 1)))) {
        toks.add(new Tok(T.MINUS, String.valueOf(c), null, k++));
      } else {
        int start = k;
        while (k < n && !isBoundary(input.charAt(k))) k++;
        String w = input.substring(start, k);
        int colon = w.indexOf(':');
        if (colon > 0 && w.substring(0, colon).matches("[A-Za-z_]+")) {
          String field = w.substring(0, colon);
          if (!fields.contains(field)) {
            throw syntax(start, "unknown field '" + field + "'; fields are " + String.join(", ", fields.stream().sorted().toList()));
          }
          String value = w.substring(colon + 1);
          if (value.isEmpty() && k < n && isQuote(input.charAt(k))) {
            int end = closingQuote(k);
            value = input.substring(k + 1, end);
            k = end + 1;
          }
          if (value.isBlank()) throw syntax(start + colon + 1, "'" + field + ":' needs a value");
          toks.add(new Tok(T.FIELD, value, field, start));
        } else if (w.equals("AND")) {
          toks.add(new Tok(T.AND, w, null, start));
        } else if (w.equals("OR")) {
          toks.add(new Tok(T.OR, w, null, start));
        } else if (w.equals("NOT")) {
          toks.add(new Tok(T.NOT, w, null, start));
        } else {
          toks.add(new Tok(T.WORD, w, null, start));
        }
      }
    }
    toks.add(new Tok(T.EOF, "end of query", null, n));
  }

  private int closingQuote(int open) {
    for (int k = open + 1; k < input.length(); k++) if (isQuote(input.charAt(k))) return k;
    throw syntax(open, "the quote opened here is never closed");
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '“' || c == '”' || c == '＂' || c == '「' || c == '」';
  }

  private static boolean isBoundary(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '(' || c == ')' || c == '（' || c == '）' || isQuote(c);
  }

  private Tok peek() {
    return toks.get(i);
  }

  private Node or() {
    List<Node> parts = new ArrayList<>();
    parts.add(and());
    while (peek().type == T.OR) {
      Tok op = toks.get(i++);
      if (startsClause(peek().type)) parts.add(and());
      else throw syntax(op.pos, "'" + op.text + "' needs something on its right");
    }
    return parts.size() == 1 ? parts.get(0) : new Or(parts);
  }

  private Node and() {
    List<Node> parts = new ArrayList<>();
    parts.add(unary());
    while (true) {
      T t = peek().type;
      if (t == T.AND) {
        Tok op = toks.get(i++);
        if (!startsClause(peek().type)) throw syntax(op.pos, "'" + op.text + "' needs something on its right");
        parts.add(unary());
      } else if (startsClause(t)) {
        parts.add(unary());
      } else {
        break;
      }
    }
    return parts.size() == 1 ? parts.get(0) : new And(parts);
  }

  private static boolean startsClause(T t) {
    return t == T.WORD || t == T.PHRASE || t == T.FIELD || t == T.LPAREN || t == T.NOT || t == T.MINUS;
  }

  private Node unary() {
    Tok t = peek();
    if (t.type == T.NOT || t.type == T.MINUS) {
      i++;
      if (!startsClause(peek().type)) throw syntax(t.pos, "'" + t.text + "' needs something to exclude");
      return new Not(unary());
    }
    return primary();
  }

  private Node primary() {
    Tok t = toks.get(i++);
    switch (t.type) {
      case LPAREN -> {
        if (peek().type == T.RPAREN) throw syntax(t.pos, "empty parentheses");
        Node inner = or();
        if (peek().type != T.RPAREN) throw syntax(t.pos, "'(' is never closed");
        i++;
        return inner;
      }
      case WORD -> {
        count(t);
        return new Word(t.text, t.pos);
      }
      case PHRASE -> {
        count(t);
        if (t.text.isBlank()) throw syntax(t.pos, "empty phrase");
        return new Phrase(t.text, t.pos);
      }
      case FIELD -> {
        count(t);
        return new FieldTerm(t.field, t.text, t.pos);
      }
      default -> throw syntax(t.pos, t.type == T.EOF ? "the query ends too early" : "unexpected '" + t.text + "'");
    }
  }

  private void count(Tok t) {
    if (++clauses > MAX_CLAUSES) throw syntax(t.pos, "more than " + MAX_CLAUSES + " words or phrases");
  }
}
