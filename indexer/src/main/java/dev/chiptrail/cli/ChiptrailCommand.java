package dev.chiptrail.cli;

import picocli.CommandLine.Command;

@Command(name = "chiptrail", mixinStandardHelpOptions = true, version = "chiptrail 0.1.0",
    description = "Bilingual (English/Chinese) faceted search over procurement records and news about US AI chips and models reaching Chinese state-linked entities through cloud services.",
    subcommands = {IndexCommand.class, ValidateCommand.class, SearchCommand.class, EvalCommand.class,
        GenerateCommand.class, BenchCommand.class})
public final class ChiptrailCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
