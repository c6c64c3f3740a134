package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.RunInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An OpenLineage RunEvent as an {@link ExecutionEvent}, field by field as DESIGN §6.2 says. */
final class RunEventMapping {

  private RunEventMapping() {}

  /**
   * @param sent the event as sent: its identity (the eventId is derived from all of it)
   * @param event what is read: {@code sent}, or a copy without the facets left out of the mapping
   */
  static ExecutionEvent map(final JsonNode sent, final JsonNode event) {
    final JsonNode run = event.path("run");
    final JsonNode job = event.path("job");
    final JsonNode runFacets = LenientJson.object(run, "facets");
    final JsonNode jobFacets = LenientJson.object(job, "facets");
    final ExecutionFacet execution = ExecutionFacet.read(runFacets);
    final EventType type = eventType(LenientJson.text(event, "eventType"));
    final List<JsonNode> inputs = LenientJson.elements(event, "inputs");
    // Outputs are kept on every event type (DESIGN §3: they accumulate). Marquez's seed data and
    // several integrations list them on START or RUNNING only; whether they count as produced is
    // decided downstream from the run's outcome (or, for a streaming run, at once).
    final List<JsonNode> outputs = LenientJson.elements(event, "outputs");
    final List<CheckResult> checks = new ArrayList<>(RunFacets.tests(runFacets));
    checks.addAll(Datasets.assertions(inputs));
    checks.addAll(Datasets.assertions(outputs));
    return ExecutionEvent.newBuilder()
        .setEventId(EventIds.of(sent))
        .setEventType(type)
        .setEventTime(EventTimes.parse(event.path("eventTime").asText()))
        .setRun(
            RunInfo.newBuilder()
                .setRunId(run.path("runId").asText())
                .setPipeline(pipeline(execution, runFacets, job))
                .setStep(LenientJson.qualifiedName(job))
                .setOwner(JobFacets.owner(jobFacets))
                .setAttempt(execution.attempt())
                .setMode(JobFacets.mode(jobFacets))
                .build())
        .setCode(JobFacets.code(jobFacets))
        .setConfig(
            execution.configDigest() == null
                ? null
                : ConfigInfo.newBuilder()
                    .setDigest(execution.configDigest())
                    .setParameters(Map.of())
                    .build())
        .setSeed(execution.seed())
        .setEnvironment(RunFacets.environment(runFacets, execution.environmentDigest()))
        .setInputs(Datasets.inputs(inputs, execution.inputDigests()))
        .setOutputs(Datasets.outputs(outputs, execution.outputDigests()))
        .setCost(null)
        .setChecks(checks)
        .setError(RunFacets.error(runFacets))
        .setProducer(LenientJson.text(event, "producer"))
        .build();
  }

  /**
   * COMPLETE and FAIL are themselves; ABORT is a run that did not finish, so FAIL. START, RUNNING,
   * OTHER and a missing type (optional in the spec) only add metadata to the run: START, since the
   * topology keeps a run's earliest START time and merges what later STARTs add.
   */
  static EventType eventType(final String openLineageType) {
    if (openLineageType == null) {
      return EventType.START;
    }
    return switch (openLineageType) {
      case "COMPLETE" -> EventType.COMPLETE;
      case "FAIL", "ABORT" -> EventType.FAIL;
      default -> EventType.START;
    };
  }

  /** Our facet's pipeline, else the parent run's job (an Airflow DAG, say), else the namespace. */
  private static String pipeline(
      final ExecutionFacet execution, final JsonNode runFacets, final JsonNode job) {
    if (execution.pipeline() != null) {
      return execution.pipeline();
    }
    final String parent = RunFacets.parentJob(runFacets);
    return parent != null ? parent : LenientJson.text(job, "namespace");
  }
}
