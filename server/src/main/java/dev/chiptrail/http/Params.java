package dev.chiptrail.http;

import dev.chiptrail.search.BadRequestException;
import io.undertow.server.HttpServerExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of one request, read with errors that name the parameter and its value
 * (size=abc → "size must be a whole number, got 'abc'"). Parameters an endpoint does not know are an
 * error too, so a typo (sizee=5) is not silently ignored.
 */
final class Params {
  /** A single value longer than this is refused (the whole URL is limited to 8 KiB anyway). */
  static final int MAX_VALUE = 2000;

  private final Map<String, Deque<String>> values;

  private Params(Map<String, Deque<String>> values) {
    this.values = values;
  }

  /** The parameters of the exchange, refusing any not in {@code allowed}. */
  static Params of(HttpServerExchange ex, Set<String> allowed) {
    Map<String, Deque<String>> q = decode(ex.getQueryParameters());
    for (Map.Entry<String, Deque<String>> e : q.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw BadRequestException.param(e.getKey(), "unknown parameter '" + e.getKey() + "'; this endpoint takes " + new TreeSet<>(allowed));
      }
      for (String v : e.getValue()) {
        if (v.length() > MAX_VALUE) {
          throw BadRequestException.param(e.getKey(), e.getKey() + " is " + v.length() + " characters long; at most " + MAX_VALUE + " are allowed");
        }
        if (v.indexOf('\0') >= 0) throw BadRequestException.param(e.getKey(), e.getKey() + " contains a NUL character");
      }
    }
    return new Params(q);
  }

  /**
   * Undertow leaves URLs undecoded (DECODE_URL off, so encoded paths never reach the UI files
   * decoded); query names and values are decoded here, '+' as a space, bad bytes as U+FFFD.
   */
  private static Map<String, Deque<String>> decode(Map<String, Deque<String>> raw) {
    Map<String, Deque<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Deque<String>> e : raw.entrySet()) {
      String name = decode("parameter name", e.getKey(), e.getKey());
      Deque<String> values = out.computeIfAbsent(name, k -> new ArrayDeque<>());
      for (String v : e.getValue()) values.add(decode(name, name, v));
    }
    return out;
  }

  static String decode(String param, String label, String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw BadRequestException.param(param, label + " has a malformed percent-escape: '" + shorten(raw) + "'");
    }
  }

  /** The single value of {@code name}, or null when absent. Given twice is an error. */
  String string(String name) {
    Deque<String> d = values.get(name);
    if (d == null || d.isEmpty()) return null;
    if (d.size() > 1) throw BadRequestException.param(name, name + " may be given once, got " + d.size() + " values");
    return d.getFirst();
  }

  /** Every value of a repeatable parameter; blank values are dropped. */
  List<String> list(String name) {
    Deque<String> d = values.get(name);
    List<String> out = new ArrayList<>();
    if (d != null) for (String v : d) if (!v.isBlank()) out.add(v.strip());
    return out;
  }

  int integer(String name, int dflt) {
    String s = string(name);
    if (s == null || s.isBlank()) return dflt;
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw BadRequestException.param(name, name + " must be a whole number, got '" + shorten(s) + "'");
    }
  }

  int integer(String name, int dflt, int min, int max) {
    int v = integer(name, dflt);
    if (v < min || v > max) throw BadRequestException.param(name, name + " must be between " + min + " and " + max + ", got " + v);
    return v;
  }

  boolean bool(String name) {
    String s = string(name);
    if (s == null || s.isBlank()) return false;
    return switch (s.strip()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw BadRequestException.param(name, name + " must be true or false, got '" + shorten(s) + "'");
    };
  }

  /** One of {@code choices}; {@code dflt} when absent. */
  String choice(String name, List<String> choices, String dflt) {
    String s = string(name);
    if (s == null || s.isBlank()) return dflt;
    if (!choices.contains(s)) throw BadRequestException.param(name, name + " must be one of " + choices + ", got '" + shorten(s) + "'");
    return s;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
