package dev.chiptrail.cli;

import picocli.CommandLine;

/**
 * The {@code chiptrail} command line. The server module adds {@code serve} to the same command (see
 * {@link #commandLine()}); this main serves the indexer-only commands.
 */
public final class Main {
  private Main() {}

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new ChiptrailCommand());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("chiptrail: " + ex.getMessage());
      return 1;
    });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
