package dev.chiptrail.http;

import dev.chiptrail.cli.Main;
import picocli.CommandLine;

/** The launcher's entry point: the indexer's commands plus {@code serve}. */
public final class ServerMain {
  private ServerMain() {}

  public static CommandLine commandLine() {
    CommandLine cl = Main.commandLine();
    cl.addSubcommand("serve", new ServeCommand());
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
