package dev.lineagegate.client.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The progress of a replay on standard error: events with a verdict, their rate, how far through
 * the files' bytes, and the time left at the rate the bytes have gone so far. On a terminal, one
 * line redrawn in place with a carriage return; elsewhere (a CI log, a file) a plain line every 10
 * seconds, with no control characters.
 */
public final class ProgressLine implements AutoCloseable {

  private static final int BAR = 20;

  private final PrintWriter err;
  private final boolean terminal;
  private final ReplayTally tally;
  private final LongSupplier bytesRead;
  private final LongSupplier bytesFrom;
  private final long totalBytes;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService ticks;
  private int shownLength;

  /**
   * @param terminal redraw one line in place (a terminal) rather than print one per tick
   * @param bytesRead bytes of the files read so far
   * @param bytesFrom bytes skipped by --from-line: read, not sent, not counted in the rate
   * @param totalBytes the files' sizes added up
   */
  public ProgressLine(
      final PrintWriter err,
      final boolean terminal,
      final ReplayTally tally,
      final LongSupplier bytesRead,
      final LongSupplier bytesFrom,
      final long totalBytes) {
    this.err = err;
    this.terminal = terminal;
    this.tally = tally;
    this.bytesRead = bytesRead;
    this.bytesFrom = bytesFrom;
    this.totalBytes = totalBytes;
    this.ticks =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              final Thread thread = new Thread(task, "replay-progress");
              thread.setDaemon(true);
              return thread;
            });
    final long period = terminal ? 500 : 10_000;
    ticks.scheduleAtFixedRate(this::show, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * One progress line, e.g. {@code [#######-------------] 35% 412,345 events 3,201/s ETA 2m10s}.
   *
   * @param bytesFrom the bytes already read when sending started (lines skipped by --from-line)
   */
  public static String render(
      final long events,
      final long refused,
      final Duration elapsed,
      final long bytesRead,
      final long bytesFrom,
      final long totalBytes) {
    final double fraction = totalBytes <= 0 ? 1 : Math.min(1, (double) bytesRead / totalBytes);
    final int filled = (int) Math.round(fraction * BAR);
    final StringBuilder line = new StringBuilder("[");
    line.append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ");
    line.append(Math.round(fraction * 100)).append("% of ").append(Shown.bytes(totalBytes));
    line.append("  ").append(Shown.count(events)).append(" events");
    line.append("  ").append(Shown.count(Shown.rate(events, elapsed))).append("/s");
    if (refused > 0) {
      line.append("  ").append(Shown.count(refused)).append(" not accepted");
    }
    final long done = bytesRead - bytesFrom;
    if (done > 0 && bytesRead < totalBytes) {
      final long left = (long) ((double) (totalBytes - bytesRead) * elapsed.toMillis() / done);
      line.append("  ETA ").append(Shown.duration(Duration.ofMillis(left)));
    }
    return line.toString();
  }

  private synchronized void show() {
    final Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    final String text =
        render(
            tally.settled(),
            tally.refused() + tally.notJson(),
            elapsed,
            bytesRead.getAsLong(),
            bytesFrom.getAsLong(),
            totalBytes);
    if (terminal) {
      // Spaces over what is left of a longer previous line: no cursor escapes needed.
      err.print("\r" + text + " ".repeat(Math.max(0, shownLength - text.length())));
      shownLength = text.length();
    } else {
      err.println("replay: " + text);
    }
    err.flush();
  }

  /** Stops ticking; on a terminal, draws the last state and ends its line. */
  @Override
  public synchronized void close() {
    ticks.shutdownNow();
    if (terminal) {
      show();
      err.println();
      err.flush();
    }
  }
}
