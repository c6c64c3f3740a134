package dev.lineagegate.client.imports;

import java.io.PrintWriter;

/**
 * The progress of an import on standard error: a bar, images done of all, refused, and the rate. On
 * a terminal one line redrawn in place (at most twice a second), cleared before a result line is
 * printed; elsewhere (a CI log, a file) a plain line every 10 seconds. Shown only for imports of
 * many images, where one line per image scrolls by too fast to follow.
 */
final class ImportProgress {

  /** Fewer images than this are followed by their result lines alone. */
  static final int SHOWN_FROM = 50;

  private static final int BAR = 24;

  private final PrintWriter err;
  private final boolean terminal;
  private final int total;
  private final long startNanos = System.nanoTime();
  private long lastShownNanos;
  private int shownLength;

  ImportProgress(final PrintWriter err, final boolean terminal, final int total) {
    this.err = err;
    this.terminal = terminal;
    this.total = total;
  }

  boolean shown() {
    return total >= SHOWN_FROM;
  }

  /** Redraws the line when it is due. */
  void update(final int done, final int refused) {
    if (!shown()) {
      return;
    }
    final long now = System.nanoTime();
    final long period = terminal ? 500_000_000L : 10_000_000_000L;
    if (done < total && now - lastShownNanos < period) {
      return;
    }
    lastShownNanos = now;
    final double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    final int filled = (int) ((long) BAR * done / Math.max(1, total));
    final String line =
        String.format(
            "[%s%s] %,d/%,d images, %,d refused, %.1f images/s",
            "#".repeat(filled), ".".repeat(BAR - filled), done, total, refused, done / seconds);
    if (terminal) {
      err.print("\r" + line + " ".repeat(Math.max(0, shownLength - line.length())));
      shownLength = line.length();
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** Clears the redrawn line, so that a result line can be printed whole. */
  void clear() {
    if (terminal && shownLength > 0) {
      err.print("\r" + " ".repeat(shownLength) + "\r");
      err.flush();
      shownLength = 0;
    }
  }
}
