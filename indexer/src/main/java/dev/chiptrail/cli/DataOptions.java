package dev.chiptrail.cli;

import dev.chiptrail.index.IndexerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the data and the index are: shared by index, validate and serve. */
public final class DataOptions {
  @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: ${DEFAULT-VALUE}).", defaultValue = "data")
  public Path data;

  @Option(names = "--articles", paramLabel = "DIR", description = "Extra folder of articles to index beside the data (repeatable).")
  public List<Path> articles = new ArrayList<>();

  @Option(names = "--encoding", paramLabel = "CHARSET", converter = EncodingConverter.class,
      description = "Encoding of the --articles folders: UTF-8, GB18030 (or GBK) or Big5 (default: detected per file).")
  public java.nio.charset.Charset encoding;

  @Option(names = "--full", description = "Re-analyse every document instead of only the added, changed and deleted ones.")
  public boolean full;

  @Option(names = "--threads", paramLabel = "N", description = "Indexing threads (default: all cores).")
  public Integer threads;

  public IndexerConfig config(Path index, boolean progress) {
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    return new IndexerConfig(data, articles, index, t, progress, encoding, full);
  }

  /** UTF-8, GB18030 (GBK and GB2312 are read as GB18030, their superset) or Big5; nothing else. */
  public static final class EncodingConverter implements picocli.CommandLine.ITypeConverter<java.nio.charset.Charset> {
    @Override
    public java.nio.charset.Charset convert(String value) {
      String e = value.strip().toUpperCase(java.util.Locale.ROOT).replace("_", "-");
      return switch (e) {
        case "UTF-8", "UTF8" -> java.nio.charset.StandardCharsets.UTF_8;
        case "GB18030", "GBK", "GB2312" -> java.nio.charset.Charset.forName("GB18030");
        case "BIG5", "BIG-5" -> java.nio.charset.Charset.forName("Big5");
        default -> throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not one of UTF-8, GB18030, GBK, Big5");
      };
    }
  }
}
