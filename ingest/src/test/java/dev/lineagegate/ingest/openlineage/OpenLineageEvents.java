package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.time.Instant;
import java.util.List;

/**
 * The OpenLineage fixtures of the ingest tests: fixed ids, names, digests and times, so that every
 * expected record can be written out whole. Each method returns a new tree; change it in place.
 */
final class OpenLineageEvents {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One validator for all tests: it compiles every schema, which takes a second or two. */
  static final OpenLineageValidator VALIDATOR = new OpenLineageValidator();

  /** Strict about every input dataset facet ({@code ingest.openlineage.strict-input-facets}). */
  static final OpenLineageValidator STRICT_VALIDATOR = new OpenLineageValidator(false, true);

  static final String RUN_ID = "3b8e7f52-1c4d-4e6f-9a0b-2c3d4e5f6a01";
  static final String PARENT_RUN_ID = "3b8e7f52-1c4d-4e6f-9a0b-2c3d4e5f6a00";
  static final String EVENT_TIME = "2026-11-22T10:00:00.123456Z";
  static final Instant EVENT_INSTANT = Instant.parse("2026-11-22T10:00:00.123Z");
  static final String PRODUCER =
      "https://github.com/OpenLineage/OpenLineage/tree/1.55.0/integration/spark";
  static final String SCHEMA_URL =
      "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
  static final String FACET_PRODUCER = "https://lineage-gate.dev/tests";
  static final String JOB_NAMESPACE = "spark://prod";
  static final String JOB_NAME = "churn.train";
  static final String STEP = JOB_NAMESPACE + "/" + JOB_NAME;
  static final String BUCKET = "s3://bucket";
  static final String FEATURES = BUCKET + "/features.parquet";
  static final String MODEL = BUCKET + "/model";
  static final Digest FEATURES_DIGEST = TestEvents.FEATURES_V1;
  static final Digest MODEL_DIGEST = TestEvents.MODEL_V1;
  static final Digest CONFIG_DIGEST = TestEvents.CONFIG;
  static final Digest ENVIRONMENT_DIGEST = TestEvents.ENVIRONMENT;

  /** Where OpenLineage's example events lie in the shared folder ({@link SharedReferenceData}). */
  static final String SPEC_TESTS = "spec/tests";

  static final String FLUENTD_EVENTS = "proxy/fluentd/events";

  private OpenLineageEvents() {}

  /** A RunEvent of {@code eventType} with only what the spec requires, and no facets. */
  static ObjectNode minimalRun(final String eventType) {
    return parse(
        """
        {"eventType": "%s", "eventTime": "%s", "producer": "%s", "schemaURL": "%s",
         "run": {"runId": "%s"},
         "job": {"namespace": "%s", "name": "%s"}}
        """
            .formatted(
                eventType, EVENT_TIME, PRODUCER, SCHEMA_URL, RUN_ID, JOB_NAMESPACE, JOB_NAME));
  }

  /** A COMPLETE RunEvent that carries every facet the mapping reads. */
  static ObjectNode fullComplete() {
    final ObjectNode event = minimalRun("COMPLETE");
    final ObjectNode runFacets = ((ObjectNode) event.get("run")).putObject("facets");
    runFacets.set("lineageGate_execution", execution());
    runFacets.set(
        "parent",
        facet(
            """
            {"run": {"runId": "%s"}, "job": {"namespace": "airflow", "name": "churn_dag"}}
            """
                .formatted(PARENT_RUN_ID)));
    runFacets.set(
        "processing_engine",
        facet(
            """
            {"version": "3.5.1", "name": "spark", "openlineageAdapterVersion": "1.55.0"}
            """));
    runFacets.set(
        "environmentVariables",
        facet(
            """
            {"environmentVariables": [{"name": "CUDA_VISIBLE_DEVICES", "value": "0"}]}
            """));
    runFacets.set(
        "test",
        facet(
            """
            {"tests": [
              {"name": "auc>=0.8", "status": "pass", "severity": "error", "actual": "0.83"},
              {"name": "rows>1000", "status": "fail", "severity": "warn", "actual": "999"},
              {"name": "drift", "status": "skip"}]}
            """));
    final ObjectNode jobFacets = ((ObjectNode) event.get("job")).putObject("facets");
    jobFacets.set(
        "ownership",
        facet(
            """
            {"owners": [{"name": "team:ml-platform", "type": "MAINTAINER"}, {"name": "user:jdoe"}]}
            """));
    jobFacets.set(
        "sourceCodeLocation",
        facet(
            """
            {"type": "git", "url": "https://git.example/churn/blob/9f2c4e1/train.py",
             "repoUrl": "https://git.example/churn.git", "version": "9f2c4e1"}
            """));
    event.set(
        "inputs",
        parse(
                """
            {"a": [{"namespace": "%s", "name": "features.parquet", "inputFacets": {
              "dataQualityAssertions": {"_producer": "%s", "_schemaURL": "%s", "assertions": [
                {"assertion": "not_null", "column": "id", "success": true},
                {"assertion": "row_count_positive", "success": false, "severity": "warn"}]}}}]}
            """
                    .formatted(BUCKET, FACET_PRODUCER, facetSchemaUrl()))
            .get("a"));
    event.set(
        "outputs",
        parse(
                """
            {"a": [{"namespace": "%s", "name": "model", "outputFacets": {
              "outputStatistics": {"_producer": "%s", "_schemaURL": "%s",
                                   "rowCount": 10, "size": 1234}}}]}
            """
                    .formatted(BUCKET, FACET_PRODUCER, facetSchemaUrl()))
            .get("a"));
    return event;
  }

  /** lineage-gate's run facet with every field set. */
  static ObjectNode execution() {
    return facet(
        """
        {"seed": 42, "configDigest": "%s", "environmentDigest": "%s",
         "inputDigests": {"%s": "%s"}, "outputDigests": {"%s": "%s"},
         "pipeline": "churn", "attempt": 2}
        """
            .formatted(
                CONFIG_DIGEST, ENVIRONMENT_DIGEST, FEATURES, FEATURES_DIGEST, MODEL, MODEL_DIGEST));
  }

  /** A DatasetEvent: static metadata about one dataset, no run. */
  static ObjectNode datasetEvent() {
    return parse(
        """
        {"eventTime": "%s", "producer": "%s", "schemaURL": "%s",
         "dataset": {"namespace": "%s", "name": "features.parquet"}}
        """
            .formatted(EVENT_TIME, PRODUCER, schemaUrl("DatasetEvent"), BUCKET));
  }

  /** A JobEvent: static metadata about one job, with its datasets, no run. */
  static ObjectNode jobEvent() {
    return parse(
        """
        {"eventTime": "%s", "producer": "%s", "schemaURL": "%s",
         "job": {"namespace": "%s", "name": "%s"},
         "inputs": [{"namespace": "%s", "name": "features.parquet"}]}
        """
            .formatted(
                EVENT_TIME, PRODUCER, schemaUrl("JobEvent"), JOB_NAMESPACE, JOB_NAME, BUCKET));
  }

  /** A facet: {@code content} plus the base facet fields every facet must carry. */
  static ObjectNode facet(final String content) {
    final ObjectNode facet = parse(content);
    facet.put("_producer", FACET_PRODUCER);
    facet.put("_schemaURL", facetSchemaUrl());
    return facet;
  }

  /** Adds {@code facet} under {@code key} to the run facets of {@code event}. */
  static ObjectNode withRunFacet(final ObjectNode event, final String key, final JsonNode facet) {
    ((ObjectNode) event.get("run")).withObjectProperty("facets").set(key, facet);
    return event;
  }

  /** Adds {@code facet} under {@code key} to the job facets of {@code event}. */
  static ObjectNode withJobFacet(final ObjectNode event, final String key, final JsonNode facet) {
    ((ObjectNode) event.get("job")).withObjectProperty("facets").set(key, facet);
    return event;
  }

  /** A parsed reference file, {@code spec/tests/…} or {@code proxy/fluentd/events/…}. */
  static ObjectNode resource(final String file) {
    return (ObjectNode) SharedReferenceData.tree(file);
  }

  /** The JSON files under a folder of the reference data; fails when there are none. */
  static List<String> resources(final String folder) {
    final List<String> found = SharedReferenceData.files(List.of(folder));
    if (found.isEmpty()) {
      throw new IllegalStateException("no fixtures under " + folder);
    }
    return found;
  }

  static ObjectNode parse(final String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("fixture is not JSON: " + json, e);
    }
  }

  private static String schemaUrl(final String definition) {
    return "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/" + definition;
  }

  private static String facetSchemaUrl() {
    return "https://lineage-gate.dev/tests/facet.json";
  }
}
