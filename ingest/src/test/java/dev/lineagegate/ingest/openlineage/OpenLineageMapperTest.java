package dev.lineagegate.ingest.openlineage;

import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.CONFIG_DIGEST;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.ENVIRONMENT_DIGEST;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.EVENT_INSTANT;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.FEATURES;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.FEATURES_DIGEST;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.MODEL;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.MODEL_DIGEST;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.PRODUCER;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.RUN_ID;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.STEP;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.VALIDATOR;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.fullComplete;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.minimalRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The RunEvent as a whole, event types, record kinds and event ids; facet by facet: {@link
 * OpenLineageFacetMappingTest}.
 */
class OpenLineageMapperTest {

  private final OpenLineageMapper mapper = new OpenLineageMapper();

  @Test
  void shouldMapEveryFacetWhenCompleteCarriesThemAll() throws Exception {
    // Given a COMPLETE with every facet the mapping reads
    final ObjectNode event = fullComplete();
    // When
    final ExecutionEvent mapped = mapRun(event);
    // Then
    assertThat(mapped)
        .isEqualTo(
            ExecutionEvent.newBuilder()
                .setEventId(EventIds.of(event))
                .setEventType(EventType.COMPLETE)
                .setEventTime(EVENT_INSTANT)
                .setRun(
                    RunInfo.newBuilder()
                        .setRunId(RUN_ID)
                        .setPipeline("churn")
                        .setStep(STEP)
                        .setOwner("team:ml-platform")
                        .setAttempt(2)
                        .build())
                .setCode(
                    CodeInfo.newBuilder()
                        .setRepository("https://git.example/churn.git")
                        .setVersion("9f2c4e1")
                        .setDirty(null)
                        .build())
                .setConfig(
                    ConfigInfo.newBuilder()
                        .setDigest(CONFIG_DIGEST.value())
                        .setParameters(Map.of())
                        .build())
                .setSeed(42L)
                .setEnvironment(
                    EnvironmentInfo.newBuilder()
                        .setDigest(ENVIRONMENT_DIGEST.value())
                        .setImage(null)
                        .setLockfile(null)
                        .setTools(Map.of("spark", "3.5.1", "openlineage-adapter", "1.55.0"))
                        .setHardware(Map.of())
                        .setVariables(Map.of("CUDA_VISIBLE_DEVICES", "0"))
                        .build())
                .setInputs(List.of(input(FEATURES, FEATURES_DIGEST.value())))
                .setOutputs(List.of(output(MODEL, MODEL_DIGEST.value(), 1234L)))
                .setCost(null)
                .setChecks(
                    List.of(
                        check("auc>=0.8", true, CheckSeverity.ERROR, "0.83"),
                        check("rows>1000", false, CheckSeverity.WARNING, "999"),
                        check("not_null on id", true, CheckSeverity.ERROR, null),
                        check("row_count_positive", false, CheckSeverity.WARNING, null)))
                .setError(null)
                .setProducer(PRODUCER)
                .build());
    // and it is a record the topic accepts
    final ByteBuffer avro = ExecutionEvent.getEncoder().encode(mapped);
    assertThat(avro.remaining()).isPositive();
  }

  @Test
  void shouldMapOnlyRequiredFieldsWhenRunEventHasNoFacets() {
    // Given a START with run and job only
    final ObjectNode event = minimalRun("START");
    // When
    final ExecutionEvent mapped = mapRun(event);
    // Then the pipeline falls back to the job namespace; all else is absent (unauditable)
    assertThat(mapped)
        .isEqualTo(
            ExecutionEvent.newBuilder()
                .setEventId(EventIds.of(event))
                .setEventType(EventType.START)
                .setEventTime(EVENT_INSTANT)
                .setRun(
                    RunInfo.newBuilder()
                        .setRunId(RUN_ID)
                        .setPipeline(OpenLineageEvents.JOB_NAMESPACE)
                        .setStep(STEP)
                        .setOwner(null)
                        .setAttempt(null)
                        .build())
                .setCode(null)
                .setConfig(null)
                .setSeed(null)
                .setEnvironment(null)
                .setInputs(List.of())
                .setOutputs(List.of())
                .setCost(null)
                .setChecks(List.of())
                .setError(null)
                .setProducer(PRODUCER)
                .build());
  }

  @Test
  void shouldMapAbortToFailWhenRunWasAborted() {
    // Given an ABORT with an output: the run did not finish
    final ObjectNode event = fullComplete().put("eventType", "ABORT");
    // When
    final ExecutionEvent mapped = mapRun(event);
    // Then a FAIL, which keeps its outputs (they get RUN_FAILED downstream)
    assertThat(mapped.getEventType()).isEqualTo(EventType.FAIL);
    assertThat(mapped.getOutputs()).containsExactly(output(MODEL, MODEL_DIGEST.value(), 1234L));
  }

  @Test
  void shouldMapRunningToStartAndKeepOutputsWhenRunIsInProgress() {
    // Given a RUNNING that lists the output it writes, with assertions on it
    final ObjectNode event = fullComplete().put("eventType", "RUNNING");
    ((ObjectNode) event.get("outputs").get(0))
        .set("inputFacets", event.get("inputs").get(0).get("inputFacets"));
    // When
    final ExecutionEvent mapped = mapRun(event);
    // Then a START that keeps its outputs (DESIGN §3: they accumulate on any event) and inputs
    assertThat(mapped.getEventType()).isEqualTo(EventType.START);
    assertThat(mapped.getOutputs()).containsExactly(output(MODEL, MODEL_DIGEST.value(), 1234L));
    assertThat(mapped.getInputs()).containsExactly(input(FEATURES, FEATURES_DIGEST.value()));
    assertThat(mapped.getChecks()).hasSize(6);
  }

  @Test
  void shouldMapOtherAndMissingTypeToStartWhenTheyOnlyAddMetadata() {
    // Given an OTHER and an event without eventType (optional in the spec), both with outputs
    final ObjectNode other = fullComplete().put("eventType", "OTHER");
    final ObjectNode untyped = fullComplete();
    untyped.remove("eventType");
    // When / Then START events, outputs kept
    assertThat(mapRun(other).getEventType()).isEqualTo(EventType.START);
    assertThat(mapRun(other).getOutputs())
        .extracting(OutputArtifact::getName)
        .containsExactly(MODEL);
    assertThat(mapRun(untyped).getEventType()).isEqualTo(EventType.START);
    assertThat(mapRun(untyped).getOutputs())
        .extracting(OutputArtifact::getName)
        .containsExactly(MODEL);
  }

  @Test
  void shouldRecordDatasetEventWithoutRunWhenEventHasDataset() {
    // Given a DatasetEvent
    final ObjectNode event = OpenLineageEvents.datasetEvent();
    assertThat(VALIDATOR.validate(event)).isEmpty();
    // When
    final OpenLineageRecord record = mapper.map(event);
    // Then it stays a dataset event, named namespace/name: no run is invented
    assertThat(record).isEqualTo(new OpenLineageRecord.Dataset(FEATURES, event));
  }

  @Test
  void shouldRecordJobEventWithoutRunWhenEventHasJobButNoRun() {
    // Given a JobEvent (with inputs: static lineage of the job)
    final ObjectNode event = OpenLineageEvents.jobEvent();
    assertThat(VALIDATOR.validate(event)).isEmpty();
    // When
    final OpenLineageRecord record = mapper.map(event);
    // Then
    assertThat(record).isEqualTo(new OpenLineageRecord.Job(STEP, event));
  }

  @Test
  void shouldKeepRunIdAsIsWhenItIsNotAUuid() {
    // Given a Spark application id as runId
    final ObjectNode event = minimalRun("START");
    ((ObjectNode) event.get("run")).put("runId", "application_1700000000000_0042");
    // When / Then
    assertThat(mapRun(event).getRun().getRunId()).isEqualTo("application_1700000000000_0042");
  }

  @Test
  void shouldReadTimeAsUtcWhenItHasNoZone() {
    // Given a time without zone, as older Airflow integrations send
    final ObjectNode event = minimalRun("START").put("eventTime", "2026-11-22T10:00:00.123456");
    // When / Then read as UTC, truncated to milliseconds
    assertThat(mapRun(event).getEventTime()).isEqualTo(EVENT_INSTANT);
  }

  @Test
  void shouldConvertToUtcWhenTimeHasAnOffset() {
    // Given the fluentd examples' style of time
    final ObjectNode event = minimalRun("START").put("eventTime", "2026-11-22T20:00:00.123+10:00");
    // When / Then
    assertThat(mapRun(event).getEventTime()).isEqualTo(EVENT_INSTANT);
  }

  @Test
  void shouldMapEveryReferenceRunEventWhenValid() throws Exception {
    // Given OpenLineage's own valid RunEvents
    for (final String file :
        List.of(
            OpenLineageEvents.SPEC_TESTS + "/example_full_event.json",
            OpenLineageEvents.FLUENTD_EVENTS + "/event_simple.json")) {
      // When
      final ExecutionEvent mapped = mapRun(OpenLineageEvents.resource(file));
      // Then the run is identified and encodable
      assertThat(mapped.getRun().getStep()).contains("/");
      assertThat(ExecutionEvent.getEncoder().encode(mapped).remaining()).isPositive();
    }
  }

  @Test
  void shouldGiveSameEventIdWhenSameEventIsSentTwice() throws Exception {
    // Given the same event twice, the second re-serialized with keys in another order and spaces
    final ObjectNode first = fullComplete();
    final ObjectNode reordered = OpenLineageEvents.JSON.createObjectNode();
    List.of("outputs", "job", "run", "inputs", "schemaURL", "producer", "eventTime", "eventType")
        .forEach(field -> reordered.set(field, first.get(field)));
    final ObjectNode second =
        (ObjectNode)
            OpenLineageEvents.JSON.readTree(
                OpenLineageEvents.JSON
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(reordered));
    // When / Then
    assertThat(mapRun(second).getEventId()).isEqualTo(mapRun(first).getEventId());
  }

  @Test
  void shouldGiveDifferentEventIdsWhenEventsDiffer() {
    // Given the START and COMPLETE of one run, and a COMPLETE with one more byte of output
    final ObjectNode complete = fullComplete();
    final ObjectNode start = fullComplete().put("eventType", "START");
    final ObjectNode bigger = fullComplete();
    ((ObjectNode) bigger.at("/outputs/0/outputFacets/outputStatistics")).put("size", 1235);
    // When
    final List<String> ids =
        List.of(mapRun(complete), mapRun(start), mapRun(bigger)).stream()
            .map(ExecutionEvent::getEventId)
            .toList();
    // Then
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void shouldKeepKnownEventIdAcrossReleasesWhenEventIsUnchanged() {
    // Given the minimal START fixture
    // When
    final String eventId = mapRun(minimalRun("START")).getEventId();
    // Then the id recorded when the scheme was introduced (Python's uuid.uuid5(NAMESPACE,
    // json.dumps(event, sort_keys=True, separators=(",", ":"))) agrees): changing it would let
    // duplicates that straddle a deployment through (see EventIds)
    assertThat(eventId).isEqualTo("f79a007a-14eb-5cac-a9a6-413fe645b6b4");
  }

  @Test
  void shouldSortKeysAndDropWhitespaceWhenWritingCanonicalJson() {
    // Given nested objects with keys out of order, arrays, numbers, null and escapes
    final ObjectNode json =
        OpenLineageEvents.parse(
            "{ \"b\": 1.50, \"a\": [2, {\"d\": null, \"c\": \"x\\\"y\"}], \"B\": true }");
    // When
    final String canonical = new String(EventIds.canonical(json), StandardCharsets.UTF_8);
    // Then keys sorted at every level (upper case first), array order kept, numbers as parsed
    assertThat(canonical)
        .isEqualTo("{\"B\":true,\"a\":[2,{\"c\":\"x\\\"y\",\"d\":null}],\"b\":1.5}");
  }

  @Test
  void shouldFollowRfc9562WhenDerivingVersion5Uuids() {
    // Given the DNS namespace and "www.example.com" (RFC 9562, Appendix A.4)
    final UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    // When
    final UUID uuid = EventIds.nameBased(dns, "www.example.com".getBytes(StandardCharsets.UTF_8));
    // Then
    assertThat(uuid.toString()).isEqualTo("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    assertThat(uuid.version()).isEqualTo(5);
  }

  /** Validates {@code event} (the mapper's precondition), maps it and unwraps the run. */
  private ExecutionEvent mapRun(final ObjectNode event) {
    assertThat(VALIDATOR.validate(event)).as("fixture must be valid").isEmpty();
    final OpenLineageRecord record = mapper.map(event);
    assertThat(record).isInstanceOf(OpenLineageRecord.Run.class);
    return ((OpenLineageRecord.Run) record).event();
  }

  static InputArtifact input(final String name, final String digest) {
    return InputArtifact.newBuilder().setName(name).setDigest(digest).setProducedAt(null).build();
  }

  static OutputArtifact output(final String name, final String digest, final Long sizeBytes) {
    return OutputArtifact.newBuilder()
        .setName(name)
        .setDigest(digest)
        .setSizeBytes(sizeBytes)
        .build();
  }

  static CheckResult check(
      final String name,
      final boolean passed,
      final CheckSeverity severity,
      final String observed) {
    return CheckResult.newBuilder()
        .setName(name)
        .setPassed(passed)
        .setSeverity(severity)
        .setObserved(observed)
        .build();
  }

  @Test
  void shouldSkipAnAssertionWithoutNameWhenItSitsUnvalidatedAmongDatasetFacets() {
    // Given dataQualityAssertions in the older "facets" location (a custom facet there, so not
    // schema-validated), one assertion named and one without "assertion"
    final ObjectNode event = minimalRun("COMPLETE");
    final ObjectNode facet =
        event
            .putArray("inputs")
            .addObject()
            .put("namespace", "s3://b")
            .put("name", "features.parquet")
            .putObject("facets")
            .putObject("dataQualityAssertions")
            .put("_producer", "https://example.com/producer")
            .put("_schemaURL", "https://example.com/custom.json");
    facet
        .putArray("assertions")
        .add(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .put("column", "id")
                .put("success", true))
        .addObject()
        .put("assertion", "not_null")
        .put("success", false);
    // When
    assertThat(VALIDATOR.validate(event)).isEmpty();
    final ExecutionEvent mapped =
        ((OpenLineageRecord.Run) new OpenLineageMapper().map(event)).event();
    // Then only the named one becomes a check (it used to throw, stopping the Kafka bridge)
    assertThat(mapped.getChecks())
        .containsExactly(
            CheckResult.newBuilder()
                .setName("not_null")
                .setPassed(false)
                .setSeverity(CheckSeverity.ERROR)
                .setObserved(null)
                .build());
  }
}
