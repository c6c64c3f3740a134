package dev.lineagegate.schema.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Event times as {@link JsonFields#instant} reads them ({@link OffsetDateTime#parse}, truncated to
 * milliseconds), with a fast path for the form every client writes: {@code
 * yyyy-MM-ddTHH:mm:ss[.f…](Z|±HH:mm)}. The JDK's formatter was a tenth of ingest's request CPU.
 * Anything else, valid or not, goes to the JDK, so the fast path only ever answers where the JDK
 * gives the same instant.
 */
final class IsoTimes {

  private static final int SHORTEST = "2026-11-22T10:00:00Z".length();

  private IsoTimes() {}

  /** The instant, or null when {@code text} is not an ISO-8601 time with a zone. */
  static Instant parse(final String text) {
    final Instant fast = fast(text);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The instant of the common form, or null to let the JDK decide. */
  static Instant fast(final String text) {
    final int n = text.length();
    if (n < SHORTEST
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    final int year = digits(text, 0, 4);
    final int month = digits(text, 5, 2);
    final int day = digits(text, 8, 2);
    final int hour = digits(text, 11, 2);
    final int minute = digits(text, 14, 2);
    final int second = digits(text, 17, 2);
    int i = 19;
    int nano = 0;
    if (text.charAt(i) == '.') {
      final int start = ++i;
      while (i < n && i - start < 9 && isDigit(text.charAt(i))) {
        nano = nano * 10 + text.charAt(i) - '0';
        i++;
      }
      if (i == start) {
        return null;
      }
      for (int scale = i - start; scale < 9; scale++) {
        nano *= 10;
      }
    }
    final ZoneOffset offset = offset(text, i);
    if ((year | month | day | hour | minute | second) < 0 || offset == null) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nano)
          .toInstant(offset)
          .truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeException e) {
      return null; // e.g. February 30th: the JDK words the refusal
    }
  }

  /** {@code Z} or {@code ±HH:mm} ending the text at {@code i}, else null. */
  private static ZoneOffset offset(final String text, final int i) {
    final int rest = text.length() - i;
    if (rest == 1 && text.charAt(i) == 'Z') {
      return ZoneOffset.UTC;
    }
    final char sign = rest == 6 ? text.charAt(i) : ' ';
    if ((sign != '+' && sign != '-') || text.charAt(i + 3) != ':') {
      return null;
    }
    final int hours = digits(text, i + 1, 2);
    final int minutes = digits(text, i + 4, 2);
    if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
      return null;
    }
    try {
      return sign == '+'
          ? ZoneOffset.ofHoursMinutes(hours, minutes)
          : ZoneOffset.ofHoursMinutes(-hours, -minutes);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal value of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(final String text, final int from, final int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      final char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + c - '0';
    }
    return value;
  }

  private static boolean isDigit(final char c) {
    return c >= '0' && c <= '9';
  }
}
