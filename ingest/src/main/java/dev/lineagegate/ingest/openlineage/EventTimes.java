package dev.lineagegate.ingest.openlineage;

import dev.lineagegate.schema.json.IsoTimes;
import java.time.Instant;

/**
 * OpenLineage event times as lineage-gate stores them (DESIGN §6.2): as strict as native times
 * ({@link IsoTimes}: RFC 3339, four-digit years, seconds required, a fraction with digits), with
 * two allowances for real emitters. A time without offset is read as UTC, as Marquez does, since
 * some (older Airflow and dbt integrations) leave it out; a bracketed zone id may follow the
 * offset, as Java's {@code ZonedDateTime.toString()} writes it.
 */
final class EventTimes {

  /** The sentence of a refusal, after the field's pointer. */
  static final String EXPECTED =
      "must be an RFC 3339 time such as 2026-11-22T10:00:00Z or 2026-11-22T10:00:00.123+01:00"
          + " (year 0000 to 9999, seconds required; a time without offset is read as UTC)";

  private EventTimes() {}

  /**
   * The instant, truncated to milliseconds (the precision of the Avro field).
   *
   * @throws IllegalArgumentException when {@code text} is not such a time
   */
  static Instant parse(final String text) {
    final Instant instant = text == null ? null : IsoTimes.parse(text, true, true);
    if (instant == null) {
      throw new IllegalArgumentException("eventTime " + EXPECTED + ", got \"" + text + "\"");
    }
    return instant;
  }

  /** True when {@link #parse} accepts {@code text}. */
  static boolean isValid(final String text) {
    return IsoTimes.parse(text, true, true) != null;
  }
}
