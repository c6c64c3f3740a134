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

  static ExecutionEvent map(final JsonNode event) {
    final JsonNode run = event.path("run");
    final JsonNode job = event.path("job");
    final JsonNode runFacets = Json.object(run, "facets");
    final JsonNode jobFacets = Json.object(job, "facets");
    final ExecutionFacet execution = ExecutionFacet.read(runFacets);
    final EventType type = eventType(Json.text(event, "eventType"));
    final List<JsonNode> inputs = Json.elements(event, "inputs");
    // Our contract takes outputs only from COMPLETE and FAIL (DESIGN §3). Integrations such as
    // Spark list outputs on START and RUNNING too and repeat them, with their facets, on COMPLETE;
    // keeping them here would report an output of a run that has not produced it yet.
    final List<JsonNode> outputs =
        type == EventType.START ? List.of() : Json.elements(event, "outputs");
    final List<CheckResult> checks = new ArrayList<>(RunFacets.tests(runFacets));
    checks.addAll(Datasets.assertions(inputs));
    checks.addAll(Datasets.assertions(outputs));
    return ExecutionEvent.newBuilder()
        .setEventId(EventIds.of(event))
        .setEventType(type)
        .setEventTime(EventTimes.parse(event.path("eventTime").asText()))
        .setRun(
            RunInfo.newBuilder()
                .setRunId(run.path("runId").asText())
                .setPipeline(pipeline(execution, runFacets, job))
                .setStep(Json.qualifiedName(job))
                .setOwner(JobFacets.owner(jobFacets))
                .setAttempt(execution.attempt())
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
        .setProducer(Json.text(event, "producer"))
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
    return parent != null ? parent : Json.text(job, "namespace");
  }
}
