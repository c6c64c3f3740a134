package dev.lineagegate.client.cli;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.Receipt;
import dev.lineagegate.client.imports.ImportCommand;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code lineage-gate}: the command line of lineage-gate. {@code emit} reports a run to ingest
 * ({@link EmitCommand}); {@code check} asks the gate for a decision ({@link CheckCommand}), {@code
 * promote} requests one that the gate records ({@link PromoteCommand}) and {@code verify} checks a
 * signed decision offline ({@link VerifyCommand}), DESIGN.md §6.4; {@code import} takes in images
 * from generative tools ({@link ImportCommand}, §6.6). Every usage mistake exits 2.
 */
@Command(
    name = "lineage-gate",
    description = "Kafka-native lineage and promotion gate.",
    synopsisSubcommandLabel = "COMMAND")
public final class LineageGateCli {

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  private boolean help;

  private LineageGateCli() {}

  public static void main(final String[] args) {
    // The CLI ships no SLF4J binding on purpose (the library leaves that to its host); without
    // this, SLF4J would print a warning about it on every run.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    final Function<URI, EventSender> senders =
        url -> sender(IngestClient.builder().baseUrl(url).build());
    System.exit(commandLine(senders, Clock.systemUTC()).execute(args));
  }

  /** Sends through {@code client}: one event per request, or several as one request. */
  public static EventSender sender(final IngestClient client) {
    return new EventSender() {
      @Override
      public Receipt send(final ExecutionEvent event) {
        return client.send(event);
      }

      @Override
      public List<Receipt> sendAll(final List<ExecutionEvent> events) {
        return client.send(events);
      }
    };
  }

  /**
   * The whole command tree, with its collaborators given (tests capture the events it sends). Write
   * to it with {@link CommandLine#setOut}/{@link CommandLine#setErr} after this returns.
   */
  public static CommandLine commandLine(
      final Function<URI, EventSender> senders, final Clock clock) {
    final CommandLine cli =
        new CommandLine(new LineageGateCli())
            .addSubcommand("emit", new EmitCommand(senders, clock))
            .addSubcommand("check", new CheckCommand())
            .addSubcommand("promote", new PromoteCommand())
            .addSubcommand("verify", new VerifyCommand())
            .addSubcommand("lineage", new LineageCommand())
            .addSubcommand("replay", new ReplayCommand())
            .addSubcommand("import", new ImportCommand(senders, clock));
    cli.setParameterExceptionHandler(LineageGateCli::usageError);
    return cli;
  }

  /** A short answer to a usage mistake, instead of picocli's default of the whole usage help. */
  private static int usageError(final ParameterException e, final String[] args) {
    final CommandLine command = e.getCommandLine();
    final PrintWriter err = command.getErr();
    err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
    return EmitCommand.USAGE;
  }
}
