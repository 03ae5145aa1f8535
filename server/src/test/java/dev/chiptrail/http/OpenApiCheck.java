package dev.chiptrail.http;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks a real response against server/src/main/resources/openapi.json: the path exists (as a
 * template), the status code is one of its documented responses, and every top-level property of
 * the JSON body is declared in the response schema (and every required one is present).
 */
final class OpenApiCheck {
  static final JsonNode DOC = load();

  private OpenApiCheck() {}

  private static JsonNode load() {
    try (InputStream in = OpenApiCheck.class.getResourceAsStream("/openapi.json")) {
      return Api.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path template of the OpenAPI document matching a concrete path, or null. */
  static String template(String path) {
    for (Iterator<String> it = DOC.path("paths").fieldNames(); it.hasNext(); ) {
      String t = it.next();
      String regex = t.replaceAll("\\{[^}]+}", "[^/]+");
      if (path.matches(regex)) return t;
    }
    return null;
  }

  static void verify(String method, String path, Api.Response r) {
    String template = template(path);
    if (template == null) {
      // Only the UI's files and unknown paths live outside the document; unknown API paths are 404.
      if (path.startsWith("/api/") || path.equals("/health")) {
        assertTrue(r.status() == 404 || r.status() == 414, path + " is not in openapi.json but answered " + r.status());
      }
      return;
    }
    // HEAD is GET without a body; a method the path lacks is answered (405) as its GET documents.
    JsonNode op = DOC.path("paths").path(template).path(method.toLowerCase(java.util.Locale.ROOT));
    if (op.isMissingNode()) op = DOC.path("paths").path(template).path("get");
    JsonNode response = op.path("responses").path(Integer.toString(r.status()));
    if (response.isMissingNode()) fail(method + " " + path + " answered " + r.status() + ", which openapi.json does not list for " + template);
    response = resolve(response);
    String ctype = r.header("content-type");
    if (ctype == null || !ctype.startsWith("application/json") || method.equals("HEAD")) return;
    JsonNode schema = resolve(response.path("content").path("application/json").path("schema"));
    assertNotNull(schema, template + " " + r.status() + " has no JSON schema");
    JsonNode body = r.json();
    if (!schema.path("type").asText().equals("object")) return;
    JsonNode props = schema.path("properties");
    if (props.isMissingNode()) return;
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      String name = it.next().getKey();
      assertTrue(props.has(name), template + " " + r.status() + ": property '" + name + "' is not declared in openapi.json");
    }
    for (JsonNode req : schema.path("required")) {
      assertTrue(body.has(req.asText()), template + " " + r.status() + ": required property '" + req.asText() + "' is missing from " + r.text());
    }
  }

  static JsonNode resolve(JsonNode n) {
    while (n.has("$ref")) {
      String[] parts = n.get("$ref").asText().substring(2).split("/");
      JsonNode t = DOC;
      for (String p : parts) t = t.path(p);
      n = t;
    }
    return n;
  }
}
