package dev.chiptrail.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DocsAndEntitiesIT {
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    api = TestServer.api();
  }

  static List<String> values(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  @Test
  void aRecordLinksItsEntityIntermediaryAndSourceArticles() {
    JsonNode d = api.ok("/api/docs/rec-shenzhen-university-2024-03");
    assertEquals("record", d.path("kind").asText());
    assertEquals(200000, d.path("document").path("amount").path("cny").asInt());
    JsonNode links = d.path("links");
    assertEquals("shenzhen-university", links.path("entity").path("id").asText());
    assertEquals("深圳大学", links.path("entity").path("label_zh").asText());
    assertEquals("university", links.path("entity").path("type").asText());
    assertEquals("yunda-technology", links.path("intermediary").path("entity").path("id").asText());
    assertEquals("intermediary", links.path("intermediary").path("role").asText());
    assertEquals(List.of("a100", "h100"), values(links.path("chips"), "id"));
    assertEquals(List.of("aws"), values(links.path("providers"), "id"));
    List<String> sources = values(links.path("sources"), "id");
    List<String> cited = new ArrayList<>();
    d.path("document").path("sources").forEach(n -> cited.add(n.asText()));
    assertEquals(cited, sources);
    assertEquals(7, sources.size());
    assertTrue(sources.contains("2024-08-26-shenzhen-university-yunda-en"));
    for (JsonNode s : links.path("sources")) {
      assertEquals("article", s.path("kind").asText(), "every source resolves to an indexed article: " + s);
      assertTrue(s.path("title").isTextual());
    }
  }

  @Test
  void aListedBuyersRecordCarriesItsRestriction() {
    JsonNode links = api.ok("/api/docs/rec-ustc-suzhou-institute-2024-03").path("links");
    JsonNode r = links.path("restrictions").get(0);
    assertEquals("us-entity-list", r.path("list").path("id").asText());
    assertEquals("Entity List", r.path("list").path("label").asText());
    assertEquals("2024-05", r.path("since").asText());
  }

  @Test
  void anArticleLinksItsEntitiesAndTheRecordsCitingIt() throws Exception {
    JsonNode d = api.ok("/api/docs/2024-08-26-shenzhen-university-yunda-en");
    assertEquals("article", d.path("kind").asText());
    JsonNode links = d.path("links");
    List<String> entities = new ArrayList<>();
    links.path("entities").forEach(e -> entities.add(e.path("entity").path("id").asText()));
    assertTrue(entities.containsAll(List.of("shenzhen-university", "yunda-technology", "aws")), entities.toString());
    for (JsonNode e : links.path("entities")) assertTrue(e.path("count").asInt() >= 1 && e.path("forms").size() >= 1);
    List<String> citing = new ArrayList<>();
    for (String line : java.nio.file.Files.readAllLines(TestIndex.DATA.resolve("records/records.jsonl"))) {
      JsonNode r = Api.JSON.readTree(line);
      if (r.path("sources").toString().contains("\"2024-08-26-shenzhen-university-yunda-en\"")) citing.add(r.path("id").asText());
    }
    citing.sort(null);
    assertTrue(citing.contains("rec-shenzhen-university-2024-03"));
    assertEquals(citing, values(links.path("records"), "id"));
    assertTrue(links.path("syndicated").isArray());
    JsonNode overview = api.ok("/api/docs/2024-08-23-cloud-loophole-overview-en").path("links").path("records");
    assertTrue(overview.size() >= 5, "the overview is cited by most records: " + overview);
  }

  @Test
  void unknownDocumentIs404() {
    JsonNode e = api.error(404, "/api/docs/rec-nobody-2024-01");
    assertEquals("not_found", e.path("code").asText());
    assertTrue(e.path("message").asText().contains("rec-nobody-2024-01"));
  }

  @Test
  void entityProfileHasEveryNameFormListsCountsRecordsAndArticles() {
    JsonNode p = api.ok("/api/entities/tsinghua-university");
    assertEquals("university", p.path("type").asText());
    assertEquals("Tsinghua University", p.path("label").asText());
    assertEquals("清华大学", p.path("label_zh").asText());
    assertEquals("qinghua daxue", p.path("names").path("pinyin").get(0).asText());
    assertEquals("清華大學", p.path("names").path("zh-Hant").get(0).asText());
    assertEquals("Tsinghua", p.path("names").path("old_romanization").get(0).asText());
    assertEquals("THU", p.path("names").path("acronym").get(0).asText());
    assertFalse(p.path("restricted").asBoolean());
    assertEquals(List.of("rec-tsinghua-university-2023-11"), values(p.path("records"), "id"));
    assertTrue(p.path("articles").size() >= 1);
    int records = 0;
    for (JsonNode v : p.path("counts").path("kind")) if (v.path("value").asText().equals("record")) records = v.path("count").asInt();
    assertEquals(1, records);
    int articles = 0;
    for (JsonNode v : p.path("counts").path("kind")) if (v.path("value").asText().equals("article")) articles = v.path("count").asInt();
    assertEquals(articles, p.path("articles").size());
  }

  @Test
  void entityProfileShowsParentAndListStatus() {
    JsonNode p = api.ok("/api/entities/ustc-suzhou-institute");
    assertEquals("ustc", p.path("parent").path("id").asText());
    assertTrue(p.path("restricted").asBoolean());
    assertEquals("us-entity-list", p.path("lists").get(0).path("list").path("id").asText());
    JsonNode ustc = api.ok("/api/entities/ustc");
    assertTrue(values(ustc.path("children"), "id").contains("ustc-suzhou-institute"));
    JsonNode aws = api.ok("/api/entities/aws");
    int awsRecords = 0;
    for (JsonNode v : aws.path("counts").path("kind")) if (v.path("value").asText().equals("record")) awsRecords = v.path("count").asInt();
    assertEquals(4, awsRecords, "AWS is named by four records");
    assertEquals(4, aws.path("records").size());
  }

  @Test
  void unknownEntityIs404() {
    api.error(404, "/api/entities/not-an-entity");
  }

  @Test
  void entitiesAreFoundByAnyNameForm() {
    for (String[] c : List.of(
        new String[] {"清華大學", "tsinghua-university"},
        new String[] {"qinghua daxue", "tsinghua-university"},
        new String[] {"qinghuadaxue", "tsinghua-university"},
        new String[] {"Tsinghua", "tsinghua-university"},
        new String[] {"USTC", "ustc"},
        new String[] {"之江实验室", "zhejiang-lab"})) {
      JsonNode r = api.ok("/api/entities?q=" + Api.enc(c[0]));
      assertEquals(c[1], r.path("entities").get(0).path("entity").path("id").asText(), c[0]);
      assertTrue(r.path("entities").get(0).path("exact").asBoolean(), c[0]);
    }
    JsonNode prefix = api.ok("/api/entities?q=" + Api.enc("Shenzhen"));
    assertTrue(values(prefix.path("entities"), "form").size() >= 2);
    JsonNode all = api.ok("/api/entities?size=500");
    assertEquals(40, all.path("entities").size(), "the shipped gazetteer has 40 entities");
  }

  @Test
  void suggestCompletesEveryNameForm() {
    String[][] cases = {
        {"之", "zhejiang-lab", "zh-Hans", "之江实验室"},
        {"zhij", "zhejiang-lab", "pinyin", "zhijiang shiyanshi"},
        {"zhijiang shi", "zhejiang-lab", "pinyin", "zhijiang shiyanshi"},
        {"Shenz", "shenzhen-university", "en", "Shenzhen University"},
        {"USTC", "ustc", "acronym", "USTC"},
        {"之江實", "zhejiang-lab", "zh-Hans", "之江实验室"},
        {"tsingh", "tsinghua-university", "en", "Tsinghua University"},
    };
    for (String[] c : cases) {
      JsonNode s = api.ok("/api/suggest?q=" + Api.enc(c[0])).path("suggestions");
      assertTrue(s.size() >= 1, c[0]);
      JsonNode first = s.get(0);
      assertEquals(c[1], first.path("entity").asText(), c[0] + " -> " + s);
      assertEquals(c[2], first.path("form").asText(), c[0] + " -> " + s);
      assertEquals(c[3], first.path("text").asText(), c[0] + " -> " + s);
      assertTrue(first.path("type").isTextual());
    }
    JsonNode shenz = api.ok("/api/suggest?q=Shenz").path("suggestions");
    assertTrue(values(shenz, "entity").contains("shenzhen-yunbing"), "every entity named Shenzhen…");
    assertEquals(values(shenz, "entity").size(), values(shenz, "entity").stream().distinct().count(), "each entity once");
    assertEquals(1, api.ok("/api/suggest?q=Shenz&size=1").path("suggestions").size());
    assertEquals(0, api.ok("/api/suggest?q=" + Api.enc("xyzzy")).path("suggestions").size());
  }

  @Test
  void statsAndHealthDescribeTheLiveIndex() {
    JsonNode s = api.ok("/api/stats");
    assertEquals(27, s.path("documents").asInt());
    assertEquals(11, s.path("counts").path("record").asInt());
    assertEquals(16, s.path("counts").path("article").asInt());
    assertEquals(40, s.path("counts").path("entities").asInt());
    assertEquals(dev.chiptrail.schema.Schema.VERSION, s.path("schema_version").asInt());
    assertTrue(s.path("built_at").asText().matches("\\d{4}-\\d{2}-\\d{2}T.*Z"), s.path("built_at").asText());
    assertEquals(64, s.path("data_checksum").asText().length());
    JsonNode h = api.ok("/health");
    assertEquals("ok", h.path("status").asText());
    assertEquals(s.path("index_version").asText(), h.path("index_version").asText());
  }

  @Test
  void openApiDocumentIsServedAndDescribesEveryEndpoint() {
    JsonNode doc = api.ok("/api/openapi.json");
    assertTrue(doc.path("openapi").asText().startsWith("3.1"));
    for (String p : List.of("/api/search", "/api/docs/{id}", "/api/entities", "/api/entities/{id}", "/api/suggest", "/api/export", "/api/stats", "/api/openapi.json", "/health")) {
      assertTrue(doc.path("paths").has(p), p);
    }
  }
}
