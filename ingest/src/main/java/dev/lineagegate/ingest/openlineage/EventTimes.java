package dev.lineagegate.ingest.openlineage;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/** OpenLineage event times as lineage-gate stores them (DESIGN §6.2). */
final class EventTimes {

  private EventTimes() {}

  /**
   * Reads an ISO 8601 date-time, truncated to milliseconds (the precision of the Avro field). A
   * time with an offset or a zone id keeps it; a time without zone is read as UTC, as Marquez does,
   * since some emitters (older Airflow and dbt integrations) leave the zone out.
   *
   * @throws DateTimeParseException when {@code text} is no ISO 8601 date-time
   */
  static Instant parse(final String text) {
    final TemporalAccessor parsed =
        DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
    final Instant instant =
        parsed instanceof ZonedDateTime zoned
            ? zoned.toInstant()
            : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  /** True when {@link #parse} accepts {@code text}. */
  static boolean isValid(final String text) {
    try {
      parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
