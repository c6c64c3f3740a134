package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Maps OpenLineage events that {@link OpenLineageValidator} accepted into lineage-gate's records
 * (DESIGN §6.2). Stateless and thread-safe. The event type is told apart as the spec's {@code
 * oneOf} does, and a DatasetEvent or JobEvent never gets an invented run.
 */
public final class OpenLineageMapper {

  /**
   * The record for {@code validEvent}. Behaviour on an event the validator refused is undefined: it
   * may throw or produce a partial record.
   */
  public OpenLineageRecord map(final JsonNode validEvent) {
    return switch (EventKind.of(validEvent)) {
      case RUN -> new OpenLineageRecord.Run(RunEventMapping.map(validEvent));
      case DATASET ->
          new OpenLineageRecord.Dataset(Json.qualifiedName(validEvent.path("dataset")), validEvent);
      case JOB -> new OpenLineageRecord.Job(Json.qualifiedName(validEvent.path("job")), validEvent);
    };
  }
}
