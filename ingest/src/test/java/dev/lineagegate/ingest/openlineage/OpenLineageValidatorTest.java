package dev.lineagegate.ingest.openlineage;

import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.FLUENTD_EVENTS;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.STRICT_VALIDATOR;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.VALIDATOR;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.facet;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.minimalRun;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.resource;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.withJobFacet;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.withRunFacet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.schema.json.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OpenLineageValidatorTest {

  private static final String INVALID = FLUENTD_EVENTS + "/";
  private static final FieldError MISSING_COLUMN_METRICS =
      new FieldError(
          "/inputs/0/inputFacets/dataQualityMetrics/columnMetrics",
          "is required (dataQualityMetrics input dataset facet,"
              + " DataQualityMetricsInputDatasetFacet)");

  @Test
  void shouldReportMissingRunIdWhenRunHasNone() {
    // Given event_no_run_id.json: its run object is empty
    // When
    final List<FieldError> errors = VALIDATOR.validate(resource(INVALID + "event_no_run_id.json"));
    // Then only the RunEvent's missing field, not what a DatasetEvent or JobEvent would lack
    assertThat(errors).containsExactly(new FieldError("/run/runId", "is required"));
  }

  @Test
  void shouldReportParentRunIdWhenParentFacetHasNone() {
    // Given event_invalid_run_facet.json: its parent facet's run has "noRunId" instead of runId
    // When
    final List<FieldError> errors =
        VALIDATOR.validate(resource(INVALID + "event_invalid_run_facet.json"));
    // Then
    assertThat(errors)
        .containsExactly(
            new FieldError(
                "/run/facets/parent/run/runId", "is required (parent run facet, ParentRunFacet)"));
  }

  @Test
  void shouldReportOwnerNameWhenJobOwnershipOwnerHasNone() {
    // Given event_invalid_job_facet.json: its ownership job facet lists an owner without a name
    // When
    final List<FieldError> errors =
        VALIDATOR.validate(resource(INVALID + "event_invalid_job_facet.json"));
    // Then
    assertThat(errors)
        .containsExactly(
            new FieldError(
                "/job/facets/ownership/owners/0/name",
                "is required (ownership job facet, OwnershipJobFacet)"));
  }

  @Test
  void shouldReportOwnerNameWhenDatasetOwnershipOwnerHasNone() {
    // Given event_invalid_dataset_facet.json: the same mistake in an output's ownership facet,
    // which is a dataset facet with its own schema
    // When
    final List<FieldError> errors =
        VALIDATOR.validate(resource(INVALID + "event_invalid_dataset_facet.json"));
    // Then
    assertThat(errors)
        .containsExactly(
            new FieldError(
                "/outputs/0/facets/ownership/owners/0/name",
                "is required (ownership dataset facet, OwnershipDatasetFacet)"));
  }

  @Test
  void shouldReportRowCountTypeWhenOutputStatisticsRowCountIsText() {
    // Given event_invalid_output_dataset_facet.json: outputStatistics.rowCount is "wrong"
    // When
    final List<FieldError> errors =
        VALIDATOR.validate(resource(INVALID + "event_invalid_output_dataset_facet.json"));
    // Then
    assertThat(errors)
        .containsExactly(
            new FieldError(
                "/outputs/0/outputFacets/outputStatistics/rowCount",
                "must be integer, not string"
                    + " (outputStatistics output dataset facet, OutputStatisticsOutputDatasetFacet)"));
  }

  @Test
  void shouldReportColumnMetricsWhenInputFacetsAreStrictAndMetricsLackThem() {
    // Given event_invalid_input_dataset_facet.json: its dataQualityMetrics input facet has
    // "noRowCount" (an extra field, which facets allow) and no columnMetrics, which the facet's
    // schema requires: that is what makes it invalid
    // When input dataset facets are validated strictly
    final List<FieldError> errors =
        STRICT_VALIDATOR.validate(resource(INVALID + "event_invalid_input_dataset_facet.json"));
    // Then
    assertThat(errors).containsExactly(MISSING_COLUMN_METRICS);
  }

  @Test
  void shouldReportOnlyColumnMetricsWhenEventFullIsValidatedStrictly() {
    // Given event_full.json, whose dataQualityMetrics input facet lacks columnMetrics too
    // When
    final List<FieldError> errors =
        STRICT_VALIDATOR.validate(resource(INVALID + "event_full.json"));
    // Then that is its one problem; every other facet (custom ones included) is accepted
    assertThat(errors).containsExactly(MISSING_COLUMN_METRICS);
  }

  @Test
  void shouldAcceptBothWhenInputFacetsAreNotStrictAsInOpenLineagesProxy() {
    // Given the default: input facets checked only when lineage-gate reads them
    // Then event_full.json passes (its dataQualityAssertions facet, which we read, is valid), and
    // so does the metrics facet of the invalid fixture, as in OpenLineage's own proxy
    assertThat(VALIDATOR.validate(resource(INVALID + "event_full.json"))).isEmpty();
    assertThat(VALIDATOR.validate(resource(INVALID + "event_invalid_input_dataset_facet.json")))
        .isEmpty();
  }

  @Test
  void shouldValidateAssertionsWhenInputFacetsAreNotStrictBecauseTheyAreRead() {
    // Given an input dataQualityAssertions facet whose assertion lacks "success"
    final ObjectNode event = minimalRun("COMPLETE");
    final ObjectNode assertions =
        event
            .putArray("inputs")
            .addObject()
            .put("namespace", "s3://b")
            .put("name", "features.parquet")
            .putObject("inputFacets")
            .putObject("dataQualityAssertions")
            .put("_producer", "https://example.com/producer")
            .put(
                "_schemaURL",
                "https://openlineage.io/spec/facets/1-0-1/DataQualityAssertionsDatasetFacet.json");
    assertions.putArray("assertions").addObject().put("assertion", "not_null");
    // Then the default validator still refuses it: the mapping turns it into a check
    assertThat(VALIDATOR.validate(event))
        .extracting(FieldError::pointer)
        .containsExactly("/inputs/0/inputFacets/dataQualityAssertions/assertions/0/success");
  }

  @Test
  void shouldReportEveryProblemWhenSeveralFieldsAreWrong() {
    // Given a RunEvent with a bad event type, a bad time, a job without name, a standard facet
    // without its required field and a custom facet without the base facet fields
    final ObjectNode event = minimalRun("FINISHED");
    event.put("eventTime", "yesterday");
    ((ObjectNode) event.get("job")).remove("name");
    withJobFacet(event, "sourceCodeLocation", facet("{\"type\": \"git\"}"));
    withRunFacet(event, "spark/version", OpenLineageEvents.parse("{\"version\": \"3.5.1\"}"));
    // When
    final List<FieldError> errors = VALIDATOR.validate(event);
    // Then all of them, sorted by pointer; the "/" of the custom key is escaped (RFC 6901)
    assertThat(errors)
        .containsExactly(
            new FieldError("/eventTime", EventTimes.EXPECTED),
            new FieldError(
                "/eventType",
                "must be one of [\"START\", \"RUNNING\", \"COMPLETE\", \"ABORT\", \"FAIL\","
                    + " \"OTHER\"]"),
            new FieldError(
                "/job/facets/sourceCodeLocation/url",
                "is required (sourceCodeLocation job facet, SourceCodeLocationJobFacet)"),
            new FieldError("/job/name", "is required"),
            new FieldError("/run/facets/spark~1version/_producer", "is required"),
            new FieldError("/run/facets/spark~1version/_schemaURL", "is required"));
  }

  @Test
  void shouldAcceptNonUuidRunIdAndZonelessTimeWhenOtherwiseValid() {
    // Given a runId that is not a UUID (kept as an opaque id) and a time without zone (read as
    // UTC): the schema's "format" is an annotation, not an assertion (DESIGN §6.2)
    final ObjectNode event = minimalRun("START");
    ((ObjectNode) event.get("run")).put("runId", "application_1700000000000_0042");
    event.put("eventTime", "2026-11-22T10:00:00.123");
    // When / Then
    assertThat(VALIDATOR.validate(event)).isEmpty();
  }

  @Test
  void shouldReportRunIdWhenItCannotBeAKafkaKey() {
    // Given a blank runId: it would become the Kafka key of the run's events
    final ObjectNode event = minimalRun("START");
    ((ObjectNode) event.get("run")).put("runId", " ");
    // When / Then
    assertThat(VALIDATOR.validate(event))
        .containsExactly(new FieldError("/run/runId", "runId must not be blank"));
  }

  @Test
  void shouldAcceptUnknownFacetWhenItHasTheBaseFields() {
    // Given a custom facet, whose content no schema describes
    final ObjectNode event =
        withRunFacet(minimalRun("START"), "spark_version", facet("{\"spark\": {\"v\": 3}}"));
    // When / Then
    assertThat(VALIDATOR.validate(event)).isEmpty();
  }

  @Test
  void shouldSkipFacetSchemaWhenFacetIsADeletion() {
    // Given a job facet sent only to delete an earlier one: it has none of the facet's fields
    final ObjectNode event =
        withJobFacet(minimalRun("START"), "sourceCodeLocation", facet("{\"_deleted\": true}"));
    // When / Then
    assertThat(VALIDATOR.validate(event)).isEmpty();
  }

  @Test
  void shouldRefuseTimesWhenNotStrictRfc3339OrBeyondFourDigitYears() {
    // Given times that gave a 500 (a year Avro's long millis cannot hold) or were accepted
    for (final String time :
        List.of(
            "-292275056-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "2026-11-22T10:00:00.Z",
            "2026-11-22T10:00Z",
            "2026-11-22T10:00:00+0100",
            "2026-11-22 10:00:00Z")) {
      final ObjectNode event = minimalRun("START").put("eventTime", time);
      // When / Then refused with the field's pointer and an example, on every kind of event
      assertThat(VALIDATOR.validate(event))
          .as(time)
          .containsExactly(new FieldError("/eventTime", EventTimes.EXPECTED));
      assertThat(VALIDATOR.validate(OpenLineageEvents.datasetEvent().put("eventTime", time)))
          .as(time)
          .containsExactly(new FieldError("/eventTime", EventTimes.EXPECTED));
    }
    assertThat(EventTimes.EXPECTED).contains("2026-11-22T10:00:00Z");
  }

  @Test
  void shouldAcceptTimesWhenWithoutOffsetOrWithAZoneIdAfterIt() {
    for (final String time :
        List.of(
            "2026-11-22T10:00:00",
            "2026-11-22T10:00:00.123456",
            "2026-11-22t10:00:00z",
            "2026-11-22T10:00:00+01:00[Europe/Paris]")) {
      assertThat(VALIDATOR.validate(minimalRun("START").put("eventTime", time))).as(time).isEmpty();
    }
  }

  @Test
  void shouldValidateAFacetAsNormalWhenItsDeletedFlagIsNull() {
    // Given a complete sourceCodeLocation facet with "_deleted": null, and one with a string flag
    final ObjectNode unset =
        withJobFacet(
            minimalRun("START"),
            "sourceCodeLocation",
            facet("{\"type\": \"git\", \"url\": \"https://git.example/x\", \"_deleted\": null}"));
    final ObjectNode text =
        withJobFacet(minimalRun("START"), "sourceCodeLocation", facet("{\"_deleted\": \"true\"}"));
    // When / Then the first is valid (null is "not deleted"); the second is no deletion, so its
    // schema applies
    assertThat(VALIDATOR.validate(unset)).isEmpty();
    assertThat(VALIDATOR.validate(text))
        .extracting(FieldError::pointer)
        .contains("/job/facets/sourceCodeLocation/_deleted", "/job/facets/sourceCodeLocation/url");
  }

  @Test
  void shouldValidateDatasetFacetsWhenEventIsADatasetEvent() {
    // Given a DatasetEvent whose version facet has a number for datasetVersion
    final ObjectNode event = OpenLineageEvents.datasetEvent();
    ((ObjectNode) event.get("dataset"))
        .putObject("facets")
        .set("version", facet("{\"datasetVersion\": 7}"));
    // When / Then
    assertThat(VALIDATOR.validate(event))
        .containsExactly(
            new FieldError(
                "/dataset/facets/version/datasetVersion",
                "must be string, not integer (version dataset facet, DatasetVersionDatasetFacet)"));
  }

  @Test
  void shouldReportAmbiguityWhenEventIsBothJobEventAndDatasetEvent() {
    // Given a job and a dataset without run: both a JobEvent and a DatasetEvent, and the spec
    // wants exactly one
    final ObjectNode event = OpenLineageEvents.jobEvent();
    event.set("dataset", OpenLineageEvents.datasetEvent().get("dataset"));
    // When / Then
    assertThat(VALIDATOR.validate(event))
        .containsExactly(
            new FieldError(
                "",
                "must be exactly one of RunEvent (run and job), DatasetEvent (dataset, without"
                    + " run and job) or JobEvent (job, without run)"));
  }

  @Test
  void shouldReportNotAnObjectWhenEventIsAnArray() {
    // Given / When
    final List<FieldError> errors = VALIDATOR.validate(OpenLineageEvents.JSON.createArrayNode());
    // Then
    assertThat(errors)
        .containsExactly(
            new FieldError(
                "", "must be an object: an OpenLineage RunEvent, DatasetEvent or JobEvent"));
  }

  @Test
  void shouldGiveTheSameAnswersWhenSharedByThreads() throws Exception {
    // Given one validator and events of every kind, valid and not
    final List<ObjectNode> events =
        List.of(
            OpenLineageEvents.fullComplete(),
            resource(INVALID + "event_invalid_job_facet.json"),
            resource(INVALID + "event_no_run_id.json"),
            OpenLineageEvents.datasetEvent());
    final List<List<FieldError>> expected = events.stream().map(VALIDATOR::validate).toList();
    // When four threads validate them 200 times each
    final ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      final List<Future<Boolean>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    final int which = i % events.size();
                    if (!VALIDATOR.validate(events.get(which)).equals(expected.get(which))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      // Then every answer is the single-threaded one
      for (final Future<Boolean> run : runs) {
        assertThat(run.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
