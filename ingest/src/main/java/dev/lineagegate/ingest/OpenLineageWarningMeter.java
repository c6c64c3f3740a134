package dev.lineagegate.ingest;

import dev.lineagegate.ingest.openlineage.Warning;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * {@code openlineage_warnings_total{facet, kind}}: the warnings of accepted OpenLineage events,
 * over HTTP and the bridge alike, counted once the event was written. The facet label is a standard
 * facet's key, {@code custom} for any other key, or {@code event}; kind is {@code base_fields},
 * {@code schema} or {@code ignored}: about 45 × 3 series at most, whatever the senders name.
 */
public final class OpenLineageWarningMeter {

  private final MeterRegistry meters;

  public OpenLineageWarningMeter(final MeterRegistry meters) {
    this.meters = meters;
  }

  public void count(final List<Warning> warnings) {
    for (final Warning warning : warnings) {
      Counter.builder("openlineage.warnings")
          .description("Problems flagged on accepted OpenLineage events, by facet and kind")
          .tag("facet", warning.facet())
          .tag("kind", warning.kind().tag())
          .register(meters)
          .increment();
    }
  }
}
