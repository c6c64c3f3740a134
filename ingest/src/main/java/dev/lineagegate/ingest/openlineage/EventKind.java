package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;

/** The three OpenLineage event types, told apart as the spec's top-level {@code oneOf} does. */
enum EventKind {
  /** {@code run} and {@code job}: one state transition of a run. */
  RUN("RunEvent"),
  /** {@code dataset} without {@code job} + {@code run}: static metadata about a dataset. */
  DATASET("DatasetEvent"),
  /** {@code job} without {@code run}: static metadata about a job. */
  JOB("JobEvent");

  private final String definition;

  EventKind(final String definition) {
    this.definition = definition;
  }

  /** The name of this type under {@code $defs} in OpenLineage.json. */
  String definition() {
    return definition;
  }

  /**
   * The type {@code event} claims to be. A {@code run} makes it a RunEvent (the spec forbids {@code
   * run} in the other two), then {@code dataset} a DatasetEvent; everything else is read as a
   * JobEvent when it has a job and as a RunEvent otherwise, so that an event with neither is told
   * what a RunEvent, the common case, lacks.
   */
  static EventKind of(final JsonNode event) {
    if (event.has("run")) {
      return RUN;
    }
    if (event.has("dataset")) {
      return DATASET;
    }
    return event.has("job") ? JOB : RUN;
  }
}
