package dev.lineagegate.schema.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path of event times against the JDK's parser, which stays the reference. */
class IsoTimesTest {

  @Test
  void shouldGiveTheJdksInstantWhenTheFormIsCommonOrOdd() {
    final List<String> texts =
        new ArrayList<>(
            List.of(
                "2026-11-22T10:00:00Z",
                "2026-11-22T10:00:00.1Z",
                "2026-11-22T10:00:00.123Z",
                "2026-11-22T10:00:00.123456789Z",
                "2026-11-22T10:00:00.1234567891Z",
                "2026-11-22T10:00:00.Z",
                "2026-11-22T10:00:00.123456+01:00",
                "2026-11-22T10:00:00-05:30",
                "2026-11-22T10:00:00-00:00",
                "2026-11-22T10:00:00+18:00",
                "2026-11-22T10:00:00+18:01",
                "2026-11-22T10:00:00+19:00",
                "2026-11-22T10:00:00+01:60",
                "2026-11-22T10:00:00+01:00:30",
                "2026-11-22T10:00:00+0100",
                "2026-11-22T10:00Z",
                "2026-11-22t10:00:00z",
                "2026-11-22T10:00:00",
                "2026-11-22 10:00:00Z",
                "2026-02-29T10:00:00Z",
                "2028-02-29T10:00:00Z",
                "2026-04-31T10:00:00Z",
                "2026-13-01T10:00:00Z",
                "2026-00-01T10:00:00Z",
                "2026-11-22T24:00:00Z",
                "2026-11-22T23:59:60Z",
                "2026-11-22T23:60:00Z",
                "0000-01-01T00:00:00Z",
                "1969-12-31T23:59:59.9999Z",
                "+2026-11-22T10:00:00Z",
                "12026-11-22T10:00:00Z",
                "2026-1a-22T10:00:00Z",
                "2026-11-22T10:00:00ZZ",
                "yesterday",
                ""));
    final Random random = new Random(42);
    for (int i = 0; i < 5_000; i++) {
      texts.add(randomTime(random));
    }
    for (final String text : texts) {
      final Instant jdk = jdk(text);
      assertThat(IsoTimes.parse(text)).as(text).isEqualTo(jdk);
      final Instant fast = IsoTimes.fast(text);
      if (fast != null) {
        assertThat(fast).as(text).isEqualTo(jdk);
      }
    }
    assertThat(IsoTimes.fast("2026-11-22T10:00:00.123456+01:00")).isNotNull();
    assertThat(IsoTimes.fast("2026-11-22T10:00:00Z")).isNotNull();
  }

  /** Digits anywhere in range or a little out of it, fractions of 0 to 10 digits, any offset. */
  private static String randomTime(final Random random) {
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
    final int fraction = random.nextInt(11);
    if (fraction > 0) {
      text.append('.');
      for (int i = 1; i < fraction; i++) {
        text.append(random.nextInt(10));
      }
    }
    if (random.nextBoolean()) {
      text.append('Z');
    } else {
      text.append(random.nextBoolean() ? '+' : '-')
          .append(String.format("%02d", random.nextInt(20)))
          .append(':')
          .append(String.format("%02d", random.nextInt(61)));
    }
    return text.toString();
  }

  private static Instant jdk(final String text) {
    try {
      return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
