package dev.chiptrail.ingest;

import dev.chiptrail.gazetteer.Gazetteer;
import java.util.List;

/** Everything one run indexes, validated: the gazetteer, the records, the articles. */
public record DataSet(Gazetteer gazetteer, List<Record> records, List<Article> articles, String checksum, int inputFiles) {}
