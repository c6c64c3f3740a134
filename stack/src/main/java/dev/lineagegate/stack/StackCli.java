package dev.lineagegate.stack;

import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.cli.EventSender;
import dev.lineagegate.client.cli.LineageGateCli;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The entry point of {@code bin/lineage-gate}: {@code up} (the embedded stack) beside every CLI
 * subcommand of the client ({@code emit}, {@code check}, {@code promote}, {@code verify}, {@code
 * lineage}, {@code replay}).
 */
public final class StackCli {

  private StackCli() {}

  public static void main(final String[] args) {
    // Each service jar brings its own logback.xml; the stack's configuration is named apart.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "lineage-gate-logback.xml");
    }
    if (args.length > 0 && "up".equals(args[0])) {
      // Before any logger exists: the log file goes into the data directory of this run.
      System.setProperty(
          "lineagegate.log.file", dataDir(args).resolve("lineage-gate.log").toString());
    }
    final Function<URI, EventSender> senders =
        url -> LineageGateCli.sender(IngestClient.builder().baseUrl(url).build());
    final CommandLine cli =
        LineageGateCli.commandLine(senders, Clock.systemUTC())
            .addSubcommand("up", new UpCommand(System.out));
    System.exit(cli.execute(args));
  }

  private static Path dataDir(final String[] args) {
    final int at = Arrays.asList(args).indexOf("--data-dir");
    if (at >= 0 && at + 1 < args.length) {
      return Path.of(args[at + 1]);
    }
    for (final String arg : args) {
      if (arg.startsWith("--data-dir=")) {
        return Path.of(arg.substring("--data-dir=".length()));
      }
    }
    return StackOptions.DEFAULT_DATA_DIR;
  }
}
