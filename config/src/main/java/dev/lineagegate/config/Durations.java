package dev.lineagegate.config;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations as people write them ({@code 2s}, {@code 500ms}, {@code 1m30s}), for messages, logs and
 * problem details: {@link Duration#toString()} ({@code PT2S}) is for machines.
 */
public final class Durations {

  private Durations() {}

  /**
   * {@code 2s}, {@code 1.5s}, {@code 500ms}, {@code 1m30s}, {@code 2h}, {@code 30d}: days, hours,
   * minutes, then seconds with their milliseconds as a fraction; below a second, milliseconds.
   */
  public static String show(final Duration duration) {
    if (duration.isNegative()) {
      return "-" + show(duration.negated());
    }
    if (duration.isZero()) {
      return "0s";
    }
    if (duration.compareTo(Duration.ofMillis(1)) < 0) {
      return duration.toNanos() + "ns";
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      return duration.toMillis() + "ms";
    }
    final StringBuilder text = new StringBuilder();
    append(text, duration.toDaysPart(), "d");
    append(text, duration.toHoursPart(), "h");
    append(text, duration.toMinutesPart(), "m");
    if (duration.toSecondsPart() > 0 || duration.toMillisPart() > 0) {
      text.append(
              BigDecimal.valueOf(duration.toSecondsPart() * 1000L + duration.toMillisPart(), 3)
                  .stripTrailingZeros()
                  .toPlainString())
          .append('s');
    }
    return text.toString();
  }

  private static void append(final StringBuilder text, final long amount, final String unit) {
    if (amount > 0) {
      text.append(amount).append(unit);
    }
  }
}
