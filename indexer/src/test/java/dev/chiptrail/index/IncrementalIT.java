package dev.chiptrail.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chiptrail.ingest.DataReader;
import dev.chiptrail.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-indexing after articles were added, changed and deleted equals a full rebuild, and touches only those. */
class IncrementalIT {
  @TempDir Path tmp;

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static BuildSummary build(Path data, Path extra, Path index, boolean full) throws Exception {
    IndexerConfig c = new IndexerConfig(data, List.of(extra), index, 2, false, null, full);
    return new IndexBuilder(c).build(DataReader.read(data, List.of(extra)), IndexBuilder.Progress.NONE);
  }

  /** Every stored field of every record and article by id, and the facet counts over all documents. */
  private static Map<String, String> snapshot(Path index) throws IOException {
    Path gen = new IndexLayout(index).current().orElseThrow();
    Map<String, String> out = new TreeMap<>();
    try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(gen))) {
      for (LeafReaderContext leaf : r.leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        for (int d = 0; d < leaf.reader().maxDoc(); d++) {
          if (live != null && !live.get(d)) continue;
          Document doc = leaf.reader().storedFields().document(d);
          String id = doc.get(Schema.ID) != null ? doc.get(Schema.ID) : "entity:" + doc.get(DocumentBuilder.ENTITY_ID);
          StringBuilder sb = new StringBuilder();
          doc.getFields().stream().map(f -> f.name() + "=" + f.stringValue()).sorted().forEach(s -> sb.append(s).append('\n'));
          out.put(id, sb.toString());
        }
      }
      IndexSearcher s = new IndexSearcher(r);
      var fc = s.search(new MatchAllDocsQuery(), new FacetsCollectorManager());
      Facets facets = new SortedSetDocValuesFacetCounts(new DefaultSortedSetDocValuesReaderState(r, Schema.facetsConfig()), fc);
      for (String dim : Schema.FILTER_DIMS) {
        FacetResult fr;
        try {
          fr = facets.getAllChildren(dim);
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (fr == null) continue;
        Map<String, Integer> counts = new TreeMap<>();
        for (LabelAndValue lv : fr.labelValues) counts.put(lv.label, lv.value.intValue());
        out.put("facet:" + dim, counts.toString());
      }
      out.put("stories", r.getIndexCommit().getUserData().get(Schema.COMMIT_STORIES));
    }
    return out;
  }

  @Test
  void incrementalBuildAfterAddChangeDeleteEqualsAFullRebuild() throws Exception {
    Path data = tmp.resolve("data");
    copy(Path.of("..", "data"), data);
    Path extra = tmp.resolve("extra");
    Files.createDirectories(extra);
    String wire = "State-linked buyers are renting restricted accelerators from Amazon Web Services, procurement documents "
        + "reviewed by the agency show. Providing remote access to such hardware is not an export under the current rules, "
        + "which only cover shipments and transfers of physical goods, software and technology. Lawmakers have proposed "
        + "a bill that would let the department regulate remote access to A100 and H100 servers as well.";
    Files.writeString(extra.resolve("wire-a.txt"), "Buyers rent chips in the cloud\n" + wire);
    Files.writeString(extra.resolve("gone.md"), "---\noutlet: Gone Gazette\n---\nAn article that will be deleted\nIt mentions Microsoft Azure once.");
    Files.writeString(extra.resolve("edited.md"), "---\ntitle: To be edited\n---\nThe first text mentions AWS.");

    BuildSummary first = build(data, extra, tmp.resolve("inc"), false);
    assertFalse(first.incremental());
    int outlets = first.facetValues().get("outlet");
    int docs = first.indexed();

    // Add a syndicated copy, change one article, delete another.
    Files.writeString(extra.resolve("wire-b.txt"), "Cloud loophole lets buyers rent chips\n" + wire.replace("show.", "showed on Monday.")
        + "\nIn other news, a typhoon closed the ferry routes between the islands for two days.");
    Files.writeString(extra.resolve("edited.md"), "---\ntitle: Edited\n---\nThe second text mentions Alibaba Cloud instead.");
    Files.delete(extra.resolve("gone.md"));

    BuildSummary inc = build(data, extra, tmp.resolve("inc"), false);
    assertTrue(inc.incremental());
    assertEquals(1, inc.added());
    assertEquals(1, inc.updated());
    assertEquals(1, inc.deleted());
    assertEquals(docs - 1 - 1, inc.unchanged(), "everything else was copied, not analysed again");

    BuildSummary full = build(data, extra, tmp.resolve("full"), true);
    assertFalse(full.incremental());
    assertEquals(full.indexed(), inc.indexed());
    assertEquals(full.facetValues(), inc.facetValues());
    assertEquals(outlets - 1, inc.facetValues().get("outlet"), "the deleted article's outlet is gone");

    Map<String, String> a = snapshot(tmp.resolve("inc"));
    Map<String, String> b = snapshot(tmp.resolve("full"));
    assertEquals(b.keySet(), a.keySet());
    assertEquals(b, a);
    assertFalse(a.containsKey("gone"));
    assertTrue(a.get("edited").contains("Alibaba Cloud"));
    assertTrue(a.get("stories").contains("\"wire-a\":[\"wire-a\",\"wire-b\"]"), a.get("stories"));

    // Nothing changed: nothing is analysed, and the index stays equal.
    BuildSummary again = build(data, extra, tmp.resolve("inc"), false);
    assertEquals(0, again.added() + again.updated() + again.deleted());
    assertEquals(b, snapshot(tmp.resolve("inc")));
    assertNotEquals(first.generation(), again.generation());
  }
}
