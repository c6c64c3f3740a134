package dev.lineagegate.schema.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Strict RFC 3339 times, and OpenLineage's two extensions, against the JDK where both answer. */
class IsoTimesTest {

  @Test
  void shouldGiveTheInstantWhenTheTimeIsStrictRfc3339() {
    // Given every shape RFC 3339 allows
    final Map<String, String> times =
        Map.ofEntries(
            Map.entry("2026-11-22T10:00:00Z", "2026-11-22T10:00:00Z"),
            Map.entry("2026-11-22t10:00:00z", "2026-11-22T10:00:00Z"),
            Map.entry("2026-11-22T10:00:00.1Z", "2026-11-22T10:00:00.100Z"),
            Map.entry("2026-11-22T10:00:00.123456789123Z", "2026-11-22T10:00:00.123Z"),
            Map.entry("2026-11-22T10:00:00.123456+01:00", "2026-11-22T09:00:00.123Z"),
            Map.entry("2026-11-22T10:00:00-05:30", "2026-11-22T15:30:00Z"),
            Map.entry("2026-11-22T10:00:00-00:00", "2026-11-22T10:00:00Z"),
            Map.entry("2026-11-22T10:00:00+23:59", "2026-11-21T10:01:00Z"),
            Map.entry("2028-02-29T10:00:00Z", "2028-02-29T10:00:00Z"),
            Map.entry("2000-02-29T23:59:59Z", "2000-02-29T23:59:59Z"),
            Map.entry("1969-12-31T23:59:59.9999Z", "1969-12-31T23:59:59.999Z"),
            Map.entry("0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z"),
            Map.entry("9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999Z"));
    for (final Map.Entry<String, String> time : times.entrySet()) {
      // When / Then
      assertThat(IsoTimes.parse(time.getKey()))
          .as(time.getKey())
          .isEqualTo(Instant.parse(time.getValue()));
    }
  }

  @Test
  void shouldRefuseWhenTheTimeIsNotStrictRfc3339OrOutOfRange() {
    // Given what the JDK or a lenient reader would take, and what Avro's long millis cannot hold
    for (final String text :
        List.of(
            "-292275056-01-01T00:00:00Z",
            "+292278994-08-17T07:12:55.807Z",
            "+2026-11-22T10:00:00Z",
            "12026-11-22T10:00:00Z",
            "2026-11-22T10:00:00.Z",
            "2026-11-22T10:00:00.",
            "2026-11-22T10:00Z",
            "2026-11-22T10:00:00",
            "2026-11-22 10:00:00Z",
            "2026-11-22T10:00:00+0100",
            "2026-11-22T10:00:00+01",
            "2026-11-22T10:00:00+01:00:30",
            "2026-11-22T10:00:00+24:00",
            "2026-11-22T10:00:00+01:60",
            "2026-11-22T10:00:00Z[UTC]",
            "2026-11-22T10:00:00ZZ",
            "2026-11-22T23:59:60Z",
            "2026-11-22T24:00:00Z",
            "2026-11-22T23:60:00Z",
            "2026-02-29T10:00:00Z",
            "1900-02-29T10:00:00Z",
            "2026-04-31T10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-00-01T10:00:00Z",
            "2026-11-00T10:00:00Z",
            "2026-1a-22T10:00:00Z",
            "２026-11-22T10:00:00Z",
            "0000-01-01T00:00:00+00:01",
            "9999-12-31T23:59:59-00:01",
            "yesterday",
            "")) {
      // When / Then
      assertThat(IsoTimes.parse(text)).as(text).isNull();
    }
  }

  @Test
  void shouldAgreeWithTheJdkWhenBothReadTheTime() {
    // Given 20,000 times of the RFC 3339 shape, fields in range or a little out of it
    final Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      final Generated time = randomTime(random);
      // When
      final Instant strict = IsoTimes.parse(time.text());
      final Instant jdk = jdk(time.text());
      // Then they differ only where RFC 3339 and java.time differ, as documented
      if (time.emptyFraction() || outOfRange(jdk)) {
        assertThat(strict).as(time.text()).isNull();
      } else if (time.longFraction() || time.offsetBeyondJava()) {
        assertThat(jdk).as(time.text()).isNull();
      } else {
        assertThat(strict).as(time.text()).isEqualTo(jdk);
      }
    }
  }

  @Test
  void shouldReadAsUtcOrInTheZoneWhenOpenLineageLeavesTheOffsetOut() {
    // Given OpenLineage's extensions: no offset (UTC, as Marquez), a zone id after the offset
    final Map<String, String> times =
        Map.of(
            "2026-11-22T10:00:00", "2026-11-22T10:00:00Z",
            "2026-11-22T10:00:00.123456", "2026-11-22T10:00:00.123Z",
            "2026-11-22T10:00:00+01:00[Europe/Paris]", "2026-11-22T09:00:00Z",
            "2026-11-22T10:00:00+05:00[Europe/Paris]", "2026-11-22T05:00:00Z",
            "2026-07-22T10:00:00.5+02:00[Europe/Paris]", "2026-07-22T08:00:00.500Z",
            "2026-11-22T10:00:00Z[UTC]", "2026-11-22T10:00:00Z");
    for (final Map.Entry<String, String> time : times.entrySet()) {
      // When / Then the instant, and the JDK's ISO_DATE_TIME agrees
      final Instant expected = Instant.parse(time.getValue());
      assertThat(IsoTimes.parse(time.getKey(), true, true)).as(time.getKey()).isEqualTo(expected);
      assertThat(jdkOpenLineage(time.getKey())).as(time.getKey()).isEqualTo(expected);
    }
    // and the same strictness otherwise
    for (final String text :
        List.of(
            "-292275056-01-01T00:00:00Z",
            "2026-11-22T10:00:00.Z",
            "2026-11-22T10:00",
            "2026-11-22T10:00:00[Europe/Paris]",
            "2026-11-22T10:00:00Z[Nowhere/City]",
            "2026-11-22T10:00:00[]",
            "2026-11-22T10:00:00Europe/Paris]",
            "2026-11-22T10:00:00+0100")) {
      assertThat(IsoTimes.parse(text, true, true)).as(text).isNull();
    }
  }

  private record Generated(
      String text, boolean emptyFraction, boolean longFraction, boolean offsetBeyondJava) {}

  /** Digits in range or a little out of it, fractions of 0 to 11 digits, any offset up to 20 h. */
  private static Generated randomTime(final Random random) {
    final StringBuilder text =
        new StringBuilder()
            .append(String.format("%04d", random.nextInt(10_000)))
            .append('-')
            .append(String.format("%02d", random.nextInt(14)))
            .append('-')
            .append(String.format("%02d", random.nextInt(33)))
            .append('T')
            .append(String.format("%02d", random.nextInt(26)))
            .append(':')
            .append(String.format("%02d", random.nextInt(62)))
            .append(':')
            .append(String.format("%02d", random.nextInt(62)));
    final int fraction = random.nextInt(13) - 1; // -1: none, 0: a dot alone
    if (fraction >= 0) {
      text.append('.');
      for (int i = 0; i < fraction; i++) {
        text.append(random.nextInt(10));
      }
    }
    int minutes = 0;
    if (random.nextBoolean()) {
      text.append('Z');
    } else {
      final int hours = random.nextInt(21);
      minutes = random.nextInt(61);
      text.append(random.nextBoolean() ? '+' : '-')
          .append(String.format("%02d", hours))
          .append(':')
          .append(String.format("%02d", minutes));
      minutes += hours * 60;
    }
    // java.time's offsets stop at 18:00; RFC 3339's at 23:59
    return new Generated(text.toString(), fraction == 0, fraction > 9, minutes > 18 * 60);
  }

  private static boolean outOfRange(final Instant jdk) {
    return jdk != null
        && (jdk.isBefore(Instant.parse("0000-01-01T00:00:00Z"))
            || jdk.isAfter(Instant.parse("9999-12-31T23:59:59.999Z")));
  }

  private static Instant jdk(final String text) {
    try {
      return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** What OpenLineage's event times were read with before: ISO_DATE_TIME, UTC without zone. */
  private static Instant jdkOpenLineage(final String text) {
    final TemporalAccessor parsed =
        DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
    final Instant instant =
        parsed instanceof ZonedDateTime zoned
            ? zoned.toInstant()
            : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }
}
