package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.avro.ExecutionEvent;

/**
 * What one OpenLineage event becomes: a RunEvent is mapped to an {@link ExecutionEvent} (DESIGN
 * §6.2); a DatasetEvent or JobEvent carries no run and is kept as the event it is, under the name
 * of its dataset or job, for whoever records static metadata.
 */
public sealed interface OpenLineageRecord {

  /** A RunEvent, mapped for {@code lineage.events.v1} (key: {@code event.getRun().getRunId()}). */
  record Run(ExecutionEvent event) implements OpenLineageRecord {}

  /** A DatasetEvent; {@code name} is the dataset's {@code namespace + "/" + name}. */
  record Dataset(String name, JsonNode event) implements OpenLineageRecord {}

  /** A JobEvent; {@code name} is the job's {@code namespace + "/" + name}. */
  record Job(String name, JsonNode event) implements OpenLineageRecord {}
}
