package dev.lineagegate.ingest.openlineage;

import dev.lineagegate.avro.CheckSeverity;
import java.util.Locale;

/** Severities of OpenLineage tests and assertions as lineage-gate's check severities. */
final class CheckSeverities {

  private CheckSeverities() {}

  /**
   * "warn" (dbt's word) or "warning" is WARNING; anything else, including no severity, is ERROR: a
   * failed check whose consequence is unknown blocks rather than slips through.
   */
  static CheckSeverity severity(final String severity) {
    if (severity == null) {
      return CheckSeverity.ERROR;
    }
    return switch (severity.toLowerCase(Locale.ROOT)) {
      case "warn", "warning" -> CheckSeverity.WARNING;
      default -> CheckSeverity.ERROR;
    };
  }
}
