package dev.lineagegate.schema.json;

import dev.lineagegate.schema.contract.EventLimits;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Event times: RFC 3339 date-times, strictly, {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)},
 * truncated to milliseconds (the Avro precision). Four-digit years only and an instant between
 * {@link EventLimits#EARLIEST_TIME} and {@link EventLimits#LATEST_TIME}, so that every time fits
 * Avro's long millis; seconds required; a fraction has at least one digit (any number of them,
 * beyond nanoseconds ignored); {@code T}/{@code t} and {@code Z}/{@code z} both allowed; offsets as
 * RFC 3339 writes them (hours 00–23, {@code -00:00} is UTC). A leap second ({@code :60}) is
 * refused: no Java time can hold it.
 *
 * <p>The one parser of every reader (tree, streaming, OpenLineage), so they cannot disagree. Hand
 * written: the JDK's formatter was a tenth of ingest's request CPU, and it accepts what RFC 3339
 * does not (no seconds, {@code 10:00:00.Z}, years of any length, {@code +0100}).
 */
public final class IsoTimes {

  /** The sentence of a refusal, after the field's pointer. */
  public static final String EXPECTED =
      "must be an RFC 3339 time such as 2026-11-22T10:00:00Z or 2026-11-22T10:00:00.123+01:00"
          + " (year 0000 to 9999, seconds required, Z or an offset ±HH:MM)";

  private static final int SHORTEST = "2026-11-22T10:00:00".length();
  private static final long DAYS_0000_TO_1970 = 719_528L;
  private static final int NANOS_PER_MILLI = 1_000_000;

  private IsoTimes() {}

  /** The instant of a strict RFC 3339 time, or null when {@code text} is not one. */
  public static Instant parse(final String text) {
    return parse(text, false, false);
  }

  /**
   * The instant of an RFC 3339 time with two optional extensions (OpenLineage's, DESIGN §6.2), or
   * null.
   *
   * @param utcWithoutOffset a time without {@code Z} or offset is UTC instead of invalid
   * @param zoneSuffix a bracketed zone id may follow the offset, as {@code
   *     ZonedDateTime.toString()} writes it ({@code 2026-11-22T10:00:00+01:00[Europe/Paris]}): it
   *     must be a zone Java knows, and only annotates, the offset gives the instant
   */
  public static Instant parse(
      final String text, final boolean utcWithoutOffset, final boolean zoneSuffix) {
    final int n = text.length();
    if (n < SHORTEST
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || (text.charAt(10) != 'T' && text.charAt(10) != 't')
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
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > daysIn(year, month)
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int i = SHORTEST;
    int nano = 0;
    if (i < n && text.charAt(i) == '.') {
      final int start = ++i;
      for (; i < n && isDigit(text.charAt(i)); i++) {
        if (i - start < 9) {
          nano = nano * 10 + text.charAt(i) - '0';
        }
      }
      if (i == start) {
        return null; // "10:00:00.Z": a fraction needs a digit
      }
      for (int scale = Math.min(i - start, 9); scale < 9; scale++) {
        nano *= 10;
      }
    }
    int end = n;
    if (zoneSuffix && text.charAt(n - 1) == ']') {
      end = text.indexOf('[', i);
      if (!isZoneId(text, end, n)) {
        return null;
      }
    }
    final long local = (epochDay(year, month, day) * 24 + hour) * 3_600L + minute * 60L + second;
    final int offset = i == n && utcWithoutOffset ? 0 : offsetSeconds(text, i, end);
    if (offset == Integer.MIN_VALUE) {
      return null;
    }
    final long epochSecond = local - offset;
    final Instant instant =
        Instant.ofEpochSecond(epochSecond, (long) (nano / NANOS_PER_MILLI) * NANOS_PER_MILLI);
    return instant.isBefore(EventLimits.EARLIEST_TIME) || instant.isAfter(EventLimits.LATEST_TIME)
        ? null
        : instant;
  }

  /** True when a zone id Java knows sits between {@code [} at {@code open} and the last char. */
  private static boolean isZoneId(final String text, final int open, final int n) {
    if (open < 0 || open + 2 >= n) {
      return false;
    }
    try {
      ZoneId.of(text.substring(open + 1, n - 1));
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** {@code Z} or {@code ±HH:MM} filling {@code [i, end)}, in seconds; MIN_VALUE when neither. */
  private static int offsetSeconds(final String text, final int i, final int end) {
    final int rest = end - i;
    if (rest == 1 && (text.charAt(i) == 'Z' || text.charAt(i) == 'z')) {
      return 0;
    }
    final char sign = rest == 6 ? text.charAt(i) : ' ';
    if ((sign != '+' && sign != '-') || text.charAt(i + 3) != ':') {
      return Integer.MIN_VALUE;
    }
    final int hours = digits(text, i + 1, 2);
    final int minutes = digits(text, i + 4, 2);
    if ((hours | minutes) < 0 || hours > 23 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    final int seconds = hours * 3_600 + minutes * 60;
    return sign == '+' ? seconds : -seconds;
  }

  /** Days from 1970-01-01 to a valid date of a year 0 to 9999 (proleptic Gregorian, as Java). */
  private static long epochDay(final int year, final int month, final int day) {
    long days = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
    days += (367 * month - 362) / 12 + day - 1;
    if (month > 2) {
      days -= isLeap(year) ? 1 : 2;
    }
    return days - DAYS_0000_TO_1970;
  }

  private static int daysIn(final int year, final int month) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static boolean isLeap(final int year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
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
