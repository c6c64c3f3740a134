package dev.lineagegate.ingest.openlineage;

import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.BUCKET;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.ENVIRONMENT_DIGEST;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.FEATURES;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.FEATURES_DIGEST;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.MODEL;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.MODEL_DIGEST;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.VALIDATOR;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.facet;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.minimalRun;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.withJobFacet;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.withRunFacet;
import static dev.lineagegate.ingest.openlineage.OpenLineageMapperTest.check;
import static dev.lineagegate.ingest.openlineage.OpenLineageMapperTest.input;
import static dev.lineagegate.ingest.openlineage.OpenLineageMapperTest.output;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.id.Digest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One facet at a time, on a minimal RunEvent (DESIGN §6.2). */
class OpenLineageFacetMappingTest {

  private final OpenLineageMapper mapper = new OpenLineageMapper();

  @Test
  void shouldTakeFirstOwnerWhenOwnershipFacetListsSeveral() {
    // Given
    final ObjectNode event =
        withJobFacet(
            minimalRun("START"),
            "ownership",
            facet("{\"owners\": [{\"name\": \"team:ml-platform\"}, {\"name\": \"user:jdoe\"}]}"));
    // When / Then
    assertThat(map(event).getRun().getOwner()).isEqualTo("team:ml-platform");
  }

  @Test
  void shouldTakeRepoUrlAndVersionWhenSourceCodeLocationHasThem() {
    // Given
    final ObjectNode event =
        withJobFacet(
            minimalRun("START"),
            "sourceCodeLocation",
            facet(
                "{\"type\": \"git\", \"url\": \"https://git.example/churn/blob/9f2c4e1/train.py\","
                    + " \"repoUrl\": \"git@git.example:churn.git\", \"version\": \"9f2c4e1\"}"));
    // When / Then
    assertThat(map(event).getCode())
        .isEqualTo(
            CodeInfo.newBuilder()
                .setRepository("git@git.example:churn.git")
                .setVersion("9f2c4e1")
                .setDirty(null)
                .build());
  }

  @Test
  void shouldTakeUrlAsRepositoryWhenSourceCodeLocationHasNoRepoUrl() {
    // Given the fluentd example's facet: a url, no repoUrl, no version
    final ObjectNode event =
        withJobFacet(
            minimalRun("START"),
            "sourceCodeLocation",
            facet("{\"type\": \"git\", \"url\": \"http://example.com\"}"));
    // When / Then
    assertThat(map(event).getCode())
        .isEqualTo(
            CodeInfo.newBuilder()
                .setRepository("http://example.com")
                .setVersion(null)
                .setDirty(null)
                .build());
  }

  @Test
  void shouldRecordEngineAndAdapterAsToolsWhenProcessingEngineFacetIsPresent() {
    // Given
    final ObjectNode event =
        withRunFacet(
            minimalRun("START"),
            "processing_engine",
            facet(
                "{\"version\": \"2.9.3\", \"name\": \"Airflow\","
                    + " \"openlineageAdapterVersion\": \"1.55.0\"}"));
    // When / Then no digest: the environment is described, not identified
    assertThat(map(event).getEnvironment())
        .isEqualTo(
            environment(
                null, Map.of("Airflow", "2.9.3", "openlineage-adapter", "1.55.0"), Map.of()));
  }

  @Test
  void shouldRecordVariablesWhenEnvironmentVariablesFacetIsPresent() {
    // Given
    final ObjectNode event =
        withRunFacet(
            minimalRun("START"),
            "environmentVariables",
            facet(
                "{\"environmentVariables\": [{\"name\": \"JAVA_HOME\", \"value\": \"/opt/jdk\"},"
                    + " {\"name\": \"TZ\", \"value\": \"UTC\"}]}"));
    // When / Then
    assertThat(map(event).getEnvironment())
        .isEqualTo(environment(null, Map.of(), Map.of("JAVA_HOME", "/opt/jdk", "TZ", "UTC")));
  }

  @Test
  void shouldTakeDigestsSeedAndAttemptWhenExecutionFacetIsPresent() {
    // Given lineage-gate's facet, and no standard environment facet
    final ObjectNode event =
        withRunFacet(minimalRun("START"), "lineageGate_execution", OpenLineageEvents.execution());
    // When
    final ExecutionEvent mapped = map(event);
    // Then
    assertThat(mapped.getConfig())
        .isEqualTo(
            ConfigInfo.newBuilder()
                .setDigest(OpenLineageEvents.CONFIG_DIGEST.value())
                .setParameters(Map.of())
                .build());
    assertThat(mapped.getEnvironment())
        .isEqualTo(environment(ENVIRONMENT_DIGEST.value(), Map.of(), Map.of()));
    assertThat(mapped.getSeed()).isEqualTo(42L);
    assertThat(mapped.getRun().getAttempt()).isEqualTo(2);
    assertThat(mapped.getRun().getPipeline()).isEqualTo("churn");
  }

  @Test
  void shouldTakePipelineFromParentJobWhenExecutionFacetNamesNone() {
    // Given an Airflow task whose parent run is its DAG's run
    final ObjectNode event =
        withRunFacet(
            minimalRun("START"),
            "parent",
            facet(
                "{\"run\": {\"runId\": \""
                    + OpenLineageEvents.PARENT_RUN_ID
                    + "\"}, \"job\": {\"namespace\": \"airflow\", \"name\": \"churn_dag\"}}"));
    // When / Then
    assertThat(map(event).getRun().getPipeline()).isEqualTo("airflow/churn_dag");
  }

  @Test
  void shouldMakeChecksWhenDatasetsCarryDataQualityAssertions() {
    // Given assertions as the spec files them (an input facet) and as older producers do (a
    // dataset facet), on two inputs
    final ObjectNode event = minimalRun("COMPLETE");
    final ObjectNode first = event.putArray("inputs").addObject();
    first.put("namespace", BUCKET).put("name", "features.parquet");
    first
        .putObject("inputFacets")
        .set(
            "dataQualityAssertions",
            facet(
                "{\"assertions\": [{\"assertion\": \"not_null\", \"column\": \"id\", \"success\":"
                    + " true}, {\"assertion\": \"unique\", \"column\": \"id\", \"success\": false,"
                    + " \"severity\": \"warn\", \"actual\": \"3 duplicates\"}]}"));
    final ObjectNode second = ((ArrayNode) event.get("inputs")).addObject();
    second.put("namespace", BUCKET).put("name", "labels.parquet");
    second
        .putObject("facets")
        .set(
            "dataQualityAssertions",
            facet("{\"assertions\": [{\"assertion\": \"row_count>0\", \"success\": false}]}"));
    // When / Then
    assertThat(map(event).getChecks())
        .containsExactly(
            check("not_null on id", true, CheckSeverity.ERROR, null),
            check("unique on id", false, CheckSeverity.WARNING, "3 duplicates"),
            check("row_count>0", false, CheckSeverity.ERROR, null));
  }

  @Test
  void shouldMakeChecksWhenTestFacetListsTests() {
    // Given dbt-style tests: passed, failed at warn, failed with an unknown severity, skipped
    final ObjectNode event =
        withRunFacet(
            minimalRun("COMPLETE"),
            "test",
            facet(
                "{\"tests\": [{\"name\": \"unique_id\", \"status\": \"pass\", \"severity\":"
                    + " \"error\"}, {\"name\": \"fresh\", \"status\": \"fail\", \"severity\":"
                    + " \"warn\", \"actual\": \"26h\"}, {\"name\": \"no_orphans\", \"status\":"
                    + " \"fail\", \"severity\": \"critical\"}, {\"name\": \"drift\", \"status\":"
                    + " \"skip\"}]}"));
    // When / Then the skipped test ran no check; an unknown severity blocks
    assertThat(map(event).getChecks())
        .containsExactly(
            check("unique_id", true, CheckSeverity.ERROR, null),
            check("fresh", false, CheckSeverity.WARNING, "26h"),
            check("no_orphans", false, CheckSeverity.ERROR, null));
  }

  @Test
  void shouldRecordErrorWhenFailCarriesErrorMessageFacet() {
    // Given
    final ObjectNode event =
        withRunFacet(
            minimalRun("FAIL"),
            "errorMessage",
            facet(
                "{\"message\": \"Table or view not found: wrong_table\", \"programmingLanguage\":"
                    + " \"JAVA\", \"stackTrace\": \"org.apache.spark.sql.AnalysisException\\n\\tat"
                    + " Main.run(Main.java:13)\"}"));
    // When / Then
    assertThat(map(event).getError())
        .isEqualTo(
            ErrorInfo.newBuilder()
                .setMessage("Table or view not found: wrong_table")
                .setType("JAVA")
                .setStackTrace(
                    "org.apache.spark.sql.AnalysisException\n\tat Main.run(Main.java:13)")
                .build());
  }

  @Test
  void shouldTakeDigestsFromExecutionFacetWhenItNamesTheDatasets() {
    // Given digests in our facet for both datasets, and a version facet it overrides
    final ObjectNode event = withDatasets(minimalRun("COMPLETE"), "v1", "v2");
    withRunFacet(event, "lineageGate_execution", OpenLineageEvents.execution());
    // When
    final ExecutionEvent mapped = map(event);
    // Then
    assertThat(mapped.getInputs()).containsExactly(input(FEATURES, FEATURES_DIGEST.value()));
    assertThat(mapped.getOutputs()).containsExactly(output(MODEL, MODEL_DIGEST.value(), null));
  }

  @Test
  void shouldTakeDatasetVersionWhenItIsADigest() {
    // Given version facets whose datasetVersion is a content digest
    final Digest features = Digest.sha256("features v9");
    final Digest model = Digest.sha256("model v9");
    final ObjectNode event = withDatasets(minimalRun("COMPLETE"), features.value(), model.value());
    // When
    final ExecutionEvent mapped = map(event);
    // Then
    assertThat(mapped.getInputs()).containsExactly(input(FEATURES, features.value()));
    assertThat(mapped.getOutputs()).containsExactly(output(MODEL, model.value(), null));
  }

  @Test
  void shouldLeaveDigestOutWhenDatasetVersionIsNotADigest() {
    // Given a Delta table version and an upper-case digest: versions, but not content digests
    final ObjectNode event =
        withDatasets(minimalRun("COMPLETE"), "42", "sha256:" + "AB".repeat(32));
    // When
    final ExecutionEvent mapped = map(event);
    // Then no digest: the topology flags them UNVERSIONED_INPUT / UNVERSIONED_OUTPUT
    assertThat(mapped.getInputs()).containsExactly(input(FEATURES, null));
    assertThat(mapped.getOutputs()).containsExactly(output(MODEL, null, null));
  }

  @Test
  void shouldTakeSizeWhenOutputStatisticsFacetIsPresent() {
    // Given
    final ObjectNode event = withDatasets(minimalRun("COMPLETE"), "v1", "v2");
    ((ObjectNode) event.at("/outputs/0"))
        .putObject("outputFacets")
        .set("outputStatistics", facet("{\"rowCount\": 10, \"size\": 2097152}"));
    // When / Then
    assertThat(map(event).getOutputs()).containsExactly(output(MODEL, null, 2097152L));
  }

  @Test
  void shouldRecordProducerWhenEventNamesOne() {
    // Given / When / Then
    assertThat(map(minimalRun("START")).getProducer()).isEqualTo(OpenLineageEvents.PRODUCER);
  }

  /** One input (features) and one output (model), each with a version facet. */
  private static ObjectNode withDatasets(
      final ObjectNode event, final String inputVersion, final String outputVersion) {
    final ObjectNode in = event.putArray("inputs").addObject();
    in.put("namespace", BUCKET).put("name", "features.parquet");
    in.putObject("facets").set("version", facet("{\"datasetVersion\": \"" + inputVersion + "\"}"));
    final ObjectNode out = event.putArray("outputs").addObject();
    out.put("namespace", BUCKET).put("name", "model");
    out.putObject("facets")
        .set("version", facet("{\"datasetVersion\": \"" + outputVersion + "\"}"));
    return event;
  }

  private static EnvironmentInfo environment(
      final String digest, final Map<String, String> tools, final Map<String, String> variables) {
    return EnvironmentInfo.newBuilder()
        .setDigest(digest)
        .setImage(null)
        .setLockfile(null)
        .setTools(tools)
        .setHardware(Map.of())
        .setVariables(variables)
        .build();
  }

  private ExecutionEvent map(final ObjectNode event) {
    assertThat(VALIDATOR.validate(event)).as("fixture must be valid").isEmpty();
    return ((OpenLineageRecord.Run) mapper.map(event)).event();
  }
}
