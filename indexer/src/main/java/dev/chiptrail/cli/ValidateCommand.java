package dev.chiptrail.cli;

import dev.chiptrail.ingest.DataReader;
import dev.chiptrail.ingest.DataSet;
import dev.chiptrail.ingest.ValidationException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", description = "Check the data (and extra article folders) without indexing.")
public final class ValidateCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try {
      DataSet ds = DataReader.read(data.data, data.articles, data.encoding);
      spec.commandLine().getOut().printf("ok: %d gazetteer entities, %d records, %d articles in %d files%n",
          ds.gazetteer().size(), ds.records().size(), ds.articles().size(), ds.inputFiles());
      return 0;
    } catch (ValidationException e) {
      IndexCommand.printErrors(e, spec.commandLine().getErr());
      return 1;
    }
  }
}
