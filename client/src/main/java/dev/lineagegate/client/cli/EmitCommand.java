package dev.lineagegate.client.cli;

import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.client.EventRejectedException;
import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.IngestException;
import dev.lineagegate.client.IngestUnavailableException;
import dev.lineagegate.client.Receipt;
import dev.lineagegate.schema.json.InvalidEventException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lineage-gate emit start|complete|fail}: sends one event of a run from a shell step. Exit
 * codes: 0 sent, 2 bad usage or rejected by ingest, 3 ingest unreachable after every retry, 1
 * anything else (an answer this client does not understand). Standard output carries only what a
 * shell captures, the runId when it was generated; the receipt and every error go to standard
 * error.
 */
@Command(
    name = "emit",
    description = "Send one execution event of a run to ingest.",
    synopsisSubcommandLabel = "(start | complete | fail)")
public final class EmitCommand {

  /** The {@code producer} of the CLI's events, unless {@code --from-json} names one. */
  public static final String PRODUCER = "https://lineage-gate.dev/client/cli";

  static final int SENT = 0;
  static final int UNEXPECTED = 1;
  static final int USAGE = 2;
  static final int UNREACHABLE = 3;

  private final Function<URI, EventSender> senders;
  private final Clock clock;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  private boolean help;

  /**
   * @param senders the sender for an ingest base URL ({@code --ingest-url}, else the default)
   * @param clock the time of events without {@code --event-time}
   */
  public EmitCommand(final Function<URI, EventSender> senders, final Clock clock) {
    this.senders = senders;
    this.clock = clock;
  }

  @Command(name = "start", description = "A run started.")
  int start(@Mixin final EmitOptions flags) {
    return emit(EventType.START, flags, null);
  }

  @Command(name = "complete", description = "A run completed: its outputs, checks and cost.")
  int complete(@Mixin final EmitOptions flags) {
    return emit(EventType.COMPLETE, flags, null);
  }

  @Command(name = "fail", description = "A run failed: what it left behind, and why.")
  int fail(
      @Mixin final EmitOptions flags,
      @Option(names = "--error-message", paramLabel = "TEXT", description = "Why it failed.")
          final String errorMessage) {
    return emit(EventType.FAIL, flags, errorMessage);
  }

  private int emit(final EventType type, final EmitOptions flags, final String errorMessage) {
    final PrintWriter err = spec.commandLine().getErr();
    final String command = spec.qualifiedName() + " " + type.name().toLowerCase(Locale.ROOT);
    final FlagEvents.Built built;
    final EventSender sender;
    try {
      final JsonDefaults defaults =
          flags.fromJson == null ? JsonDefaults.none() : JsonDefaults.read(flags.fromJson);
      built = FlagEvents.build(type, flags, errorMessage, defaults, clock);
      sender =
          senders.apply(flags.ingestUrl == null ? IngestClient.defaultBaseUrl() : flags.ingestUrl);
    } catch (InvalidEventException e) {
      err.println(command + ": --from-json " + flags.fromJson + " is not a valid partial event:");
      e.errors().forEach(err::println);
      return USAGE;
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println(command + ": " + e.getMessage());
      return USAGE;
    }
    return send(built, sender, err);
  }

  private int send(final FlagEvents.Built built, final EventSender sender, final PrintWriter err) {
    final ExecutionEvent event = built.event();
    final String runId = event.getRun().getRunId();
    try {
      final Receipt receipt = sender.send(event);
      if (built.runIdGenerated()) {
        spec.commandLine().getOut().println(runId);
      }
      err.println(
          "sent "
              + event.getEventType()
              + " "
              + event.getEventId()
              + " of run "
              + runId
              + ": "
              + receipt.topic()
              + " partition "
              + receipt.partition()
              + " offset "
              + receipt.offset());
      return SENT;
    } catch (EventRejectedException e) {
      err.println("rejected by ingest (HTTP " + e.status() + "): " + e.detail());
      e.errors().forEach(err::println);
      return USAGE;
    } catch (IngestUnavailableException e) {
      err.println(e.getMessage());
      err.println(
          "to resend the same event (ingest deduplicates by eventId): --run-id "
              + runId
              + " --event-id "
              + event.getEventId()
              + " --event-time "
              + event.getEventTime());
      return UNREACHABLE;
    } catch (IngestException e) {
      err.println(e.getMessage());
      return UNEXPECTED;
    }
  }
}
