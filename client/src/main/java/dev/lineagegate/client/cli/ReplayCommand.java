package dev.lineagegate.client.cli;

import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.replay.ProgressLine;
import dev.lineagegate.client.replay.ReplaySummary;
import dev.lineagegate.client.replay.ReplayTally;
import dev.lineagegate.client.replay.Replayer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lineage-gate replay FILE…}: sends history (OpenLineage NDJSON as OpenLineage's file
 * transport and Marquez exports hold it, native events, or both mixed) to ingest, with a progress
 * line and a summary on standard error. Exit codes: 0 every line accepted, 2 some lines refused or
 * not JSON (the rest sent) or bad usage, 3 ingest unreachable after the client's retries, 1 an
 * answer that is not ingest's. On Ctrl-C or SIGTERM the summary says which line to resume from.
 */
@Command(
    name = "replay",
    description =
        "Send files of events (OpenLineage or native NDJSON, gzip or plain) to ingest: exit 0 all"
            + " accepted, 2 some refused, 3 ingest unreachable.")
public final class ReplayCommand implements Callable<Integer> {

  static final int MAX_EVENTS = 10_000;
  static final int MAX_BODY = 1024 * 1024;

  private final Function<URI, IngestClient> clients;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  private boolean help;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "NDJSON files, one event a line.")
  private List<Path> files;

  @Option(
      names = "--ingest-url",
      paramLabel = "URL",
      description =
          "Ingest base URL (default: $LINEAGE_GATE_INGEST_URL, else http://127.0.0.1:8080).")
  private URI ingestUrl;

  @Option(
      names = "--from-line",
      paramLabel = "N",
      defaultValue = "1",
      description = "Start at line N of the first FILE (default: ${DEFAULT-VALUE}).")
  private long fromLine;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "500",
      description = "Native events per request, at most 10000 (default: ${DEFAULT-VALUE}).")
  private int batchSize;

  @Option(
      names = "--batch-bytes",
      paramLabel = "BYTES",
      defaultValue = "1048576",
      description =
          "Request body limit, at most ingest's (1 MiB by default): batches are split by bytes"
              + " too (default: ${DEFAULT-VALUE}).")
  private int batchBytes;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "4",
      description = "Requests in flight (default: ${DEFAULT-VALUE}).")
  private int concurrency;

  @Option(
      names = "--rejects",
      paramLabel = "FILE",
      description = "Write every line not accepted to FILE, one JSON object each.")
  private Path rejects;

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      defaultValue = "auto",
      description =
          "auto (redrawn on a terminal, a line every 10 s otherwise), tty, plain or none"
              + " (default: ${DEFAULT-VALUE}).")
  private String progress;

  /** With the default client of each URL (retries reuse the eventIds). */
  public ReplayCommand() {
    this(url -> IngestClient.builder().baseUrl(url).build());
  }

  /** With the client {@code clients} gives for the ingest URL (tests shorten its retries). */
  public ReplayCommand(final Function<URI, IngestClient> clients) {
    this.clients = clients;
  }

  @Override
  public Integer call() {
    final PrintWriter err = spec.commandLine().getErr();
    final String usage = usageProblem();
    if (usage != null) {
      err.println("replay: " + usage);
      return EmitCommand.USAGE;
    }
    final IngestClient client;
    try {
      client = clients.apply(ingestUrl == null ? IngestClient.defaultBaseUrl() : ingestUrl);
    } catch (IllegalArgumentException e) {
      err.println("replay: " + e.getMessage());
      return EmitCommand.USAGE;
    }
    try (Writer rejected =
        rejects == null ? null : Files.newBufferedWriter(rejects, StandardCharsets.UTF_8)) {
      return replay(client, err, rejected);
    } catch (IOException e) {
      err.println("replay: " + e);
      return EmitCommand.USAGE;
    }
  }

  private int replay(final IngestClient client, final PrintWriter err, final Writer rejected)
      throws IOException {
    final ReplayTally tally = new ReplayTally(20, rejected);
    final Replayer replayer =
        new Replayer(client, new Replayer.Settings(batchSize, batchBytes, concurrency), tally);
    long total = 0;
    for (final Path file : files) {
      total += Files.size(file);
    }
    final long started = System.nanoTime();
    final AtomicBoolean summarized = new AtomicBoolean();
    final CountDownLatch finished = new CountDownLatch(1);
    final ProgressLine line =
        "none".equals(progress)
            ? null
            : new ProgressLine(
                err, terminal(), tally, replayer::bytesRead, replayer::skippedBytes, total);
    // Ctrl-C or SIGTERM: stop reading, let the requests in flight answer (a few seconds at most),
    // then say where to resume. The main thread prints it if it gets there first.
    final Thread hook =
        new Thread(
            () -> {
              replayer.stop();
              try {
                if (!finished.await(10, TimeUnit.SECONDS)) {
                  summarize(
                      err, line, tally, replayer, Replayer.Outcome.STOPPED, started, summarized);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "replay-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    Replayer.Outcome outcome = Replayer.Outcome.STOPPED;
    try {
      outcome = replayer.replay(files, fromLine);
    } finally {
      summarize(err, line, tally, replayer, outcome, started, summarized);
      finished.countDown();
      removeHook(hook);
    }
    if (replayer.skippedLines() < fromLine - 1) {
      err.println(
          "replay: "
              + files.get(0)
              + " has only "
              + replayer.skippedLines()
              + " lines: nothing was sent from it (--from-line "
              + fromLine
              + ")");
    }
    return exitCode(outcome, tally);
  }

  private void summarize(
      final PrintWriter err,
      final ProgressLine line,
      final ReplayTally tally,
      final Replayer replayer,
      final Replayer.Outcome outcome,
      final long started,
      final AtomicBoolean summarized) {
    if (!summarized.compareAndSet(false, true)) {
      return;
    }
    if (line != null) {
      line.close();
    }
    final ReplaySummary.Ending ending =
        new ReplaySummary.Ending(
            outcome,
            replayer.failureMessage(),
            replayer.resumePoint(),
            files.stream().map(Path::toString).toList(),
            rejects == null ? null : rejects.toString(),
            replayer.skippedLines());
    err.print(ReplaySummary.render(tally, Duration.ofNanos(System.nanoTime() - started), ending));
    err.flush();
  }

  /** 3 unreachable, 1 not ingest, 2 some line not accepted, else 0. */
  static int exitCode(final Replayer.Outcome outcome, final ReplayTally tally) {
    return switch (outcome) {
      case UNREACHABLE -> EmitCommand.UNREACHABLE;
      case UNEXPECTED -> EmitCommand.UNEXPECTED;
      case DONE, STOPPED ->
          tally.refused() + tally.notJson() > 0 || outcome == Replayer.Outcome.STOPPED
              ? EmitCommand.USAGE
              : EmitCommand.SENT;
    };
  }

  private String usageProblem() {
    if (fromLine < 1) {
      return "--from-line must be 1 or more, got " + fromLine;
    }
    if (batchSize < 1 || batchSize > MAX_EVENTS) {
      return "--batch-size must be between 1 and " + MAX_EVENTS + ", got " + batchSize;
    }
    if (batchBytes < 1024 || batchBytes > MAX_BODY) {
      return "--batch-bytes must be between 1024 and " + MAX_BODY + ", got " + batchBytes;
    }
    if (concurrency < 1 || concurrency > 64) {
      return "--concurrency must be between 1 and 64, got " + concurrency;
    }
    if (!List.of("auto", "tty", "plain", "none").contains(progress)) {
      return "--progress must be auto, tty, plain or none, got " + progress;
    }
    for (final Path file : files) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        return "cannot read " + file;
      }
    }
    return null;
  }

  private boolean terminal() {
    return "tty".equals(progress)
        || ("auto".equals(progress)
            && System.console() != null
            && !"dumb".equals(System.getenv("TERM")));
  }

  private static void removeHook(final Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting (Ctrl-C): the hook runs, and finds the summary printed.
    }
  }
}
