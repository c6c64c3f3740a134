package dev.lineagegate.client.replay;

import dev.lineagegate.config.Durations;
import java.time.Duration;
import java.util.Locale;

/** Numbers as people read them: {@code 1,234,567}, {@code 12.3 MiB}, {@code 3m20s}. */
final class Shown {

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private Shown() {}

  static String count(final long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String bytes(final long bytes) {
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /** Whole seconds ({@code 3m20s}, {@code 72h}), the project's way ({@link Durations}). */
  static String duration(final Duration duration) {
    return Durations.show(Duration.ofSeconds(Math.max(0, duration.toSeconds())));
  }

  /** Events per second over {@code elapsed}; 0 before any time has passed. */
  static long rate(final long events, final Duration elapsed) {
    final long millis = elapsed.toMillis();
    return millis <= 0 ? 0 : events * 1000 / millis;
  }
}
