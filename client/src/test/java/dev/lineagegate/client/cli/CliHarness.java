package dev.lineagegate.client.cli;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.client.Receipt;
import dev.lineagegate.testkit.TestEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Runs {@code lineage-gate} in-process, as {@code main} would but without exiting, at the fixtures'
 * time: records the URLs it resolves and the events it sends, and captures stdout and stderr.
 */
final class CliHarness {

  private final List<ExecutionEvent> sent = new ArrayList<>();
  private final List<URI> urls = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Function<URI, EventSender> senders;

  /** Accepts every event: lineage.events.v1, partition 3, offset 12. */
  CliHarness() {
    this(url -> event -> new Receipt(event.getEventId(), "lineage.events.v1", 3, 12));
  }

  /** Sends with the sender {@code senders} gives for the resolved URL. */
  CliHarness(final Function<URI, EventSender> senders) {
    this.senders = senders;
  }

  int emit(final List<String> args) {
    final Function<URI, EventSender> recording =
        url -> {
          urls.add(url);
          final EventSender sender = senders.apply(url);
          return event -> {
            sent.add(event);
            return sender.send(event);
          };
        };
    final CommandLine cli =
        LineageGateCli.commandLine(recording, Clock.fixed(TestEvents.T0, ZoneOffset.UTC));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args.toArray(String[]::new));
  }

  int emit(final String... args) {
    return emit(List.of(args));
  }

  /** Any command line, e.g. {@code run("check", digest, "--target", "prod")}. */
  int run(final String... args) {
    return emit(List.of(args));
  }

  List<ExecutionEvent> sent() {
    return sent;
  }

  List<URI> urls() {
    return urls;
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
