package dev.chiptrail.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chiptrail.ingest.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;

/**
 * The opaque deep-paging cursor: the sort values of the last hit of a page (the document id is the
 * last sort key, so the position is stable across index versions), base64url-encoded JSON.
 */
final class Cursor {
  private Cursor() {}

  static String encode(String sort, FieldDoc last) {
    ObjectNode n = Json.OUT.createObjectNode();
    n.put("s", sort);
    ArrayNode v = n.putArray("v");
    for (Object o : last.fields) {
      switch (o) {
        case Float f -> v.add(f);
        case Long l -> v.add(l);
        case Integer i -> v.add(i);
        case BytesRef b -> v.add(b.utf8ToString());
        case null -> v.addNull();
        default -> throw new IllegalStateException("unexpected sort value " + o.getClass());
      }
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
  }

  static FieldDoc decode(String cursor, String sort) {
    JsonNode n;
    try {
      n = Json.STRICT.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw BadRequestException.param("cursor", "cursor is not one this server issued (" + truncate(cursor) + ")");
    }
    if (n == null || !n.path("s").isTextual() || !n.path("v").isArray() || n.path("v").size() != 2) {
      throw BadRequestException.param("cursor", "cursor is not one this server issued (" + truncate(cursor) + ")");
    }
    if (!n.get("s").asText().equals(sort)) {
      throw BadRequestException.param("cursor", "cursor was made for sort '" + n.get("s").asText() + "', not '" + sort + "'");
    }
    JsonNode first = n.get("v").get(0);
    JsonNode id = n.get("v").get(1);
    if (!id.isTextual() || !(first.isNumber())) {
      throw BadRequestException.param("cursor", "cursor is not one this server issued (" + truncate(cursor) + ")");
    }
    Object key = switch (sort) {
      case "relevance" -> first.floatValue();
      case "date", "-date" -> first.intValue();
      default -> first.longValue();
    };
    return new FieldDoc(Integer.MAX_VALUE, Float.NaN, new Object[] {key, new BytesRef(id.asText())});
  }

  private static String truncate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
