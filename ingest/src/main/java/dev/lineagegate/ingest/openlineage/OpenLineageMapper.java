package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Maps OpenLineage events that {@link OpenLineageValidator} accepted into lineage-gate's records
 * (DESIGN §6.2). Stateless and thread-safe. The event type is told apart as the spec's {@code
 * oneOf} does, and a DatasetEvent or JobEvent never gets an invented run.
 */
public final class OpenLineageMapper {

  /**
   * The record for {@code acceptedEvent}, leaving out the facets at {@code ignoredFacets} (pointers
   * from {@link Checked#ignoredFacets}). Behaviour on an event the validator refused is undefined:
   * it may throw or produce a partial record. A DatasetEvent or JobEvent is kept whole, as sent.
   */
  public OpenLineageRecord map(final JsonNode acceptedEvent, final List<String> ignoredFacets) {
    return switch (EventKind.of(acceptedEvent)) {
      case RUN ->
          new OpenLineageRecord.Run(
              RunEventMapping.map(acceptedEvent, without(acceptedEvent, ignoredFacets)));
      case DATASET ->
          new OpenLineageRecord.Dataset(
              LenientJson.qualifiedName(acceptedEvent.path("dataset")), acceptedEvent);
      case JOB ->
          new OpenLineageRecord.Job(
              LenientJson.qualifiedName(acceptedEvent.path("job")), acceptedEvent);
    };
  }

  /** The record for an event without problems. */
  public OpenLineageRecord map(final JsonNode validEvent) {
    return map(validEvent, List.of());
  }

  /** {@code event}, or a copy of it without the facets at {@code facets}. */
  private static JsonNode without(final JsonNode event, final List<String> facets) {
    if (facets.isEmpty()) {
      return event;
    }
    final JsonNode copy = event.deepCopy();
    for (final String facet : facets) {
      final int last = facet.lastIndexOf('/');
      final JsonNode container = copy.at(facet.substring(0, last));
      if (container instanceof ObjectNode object) {
        object.remove(FacetPointer.unescape(facet.substring(last + 1)));
      }
    }
    return copy;
  }
}
