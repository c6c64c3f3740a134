package dev.lineagegate.schema.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.testkit.TestEvents;
import org.junit.jupiter.api.Test;

/** The native JSON form of DESIGN.md §3, mapped to and from the Avro record. */
class ExecutionEventJsonTest {

  private final ExecutionEventJson json = new ExecutionEventJson();

  @Test
  void shouldMapTheDesignExampleWhenEveryFieldIsSet() {
    // Given the §3 example, with the fixture's ids and digests
    final String text =
        """
        { "eventId": "%s", "eventType": "COMPLETE", "eventTime": "2026-11-22T10:01:00Z",
          "run": { "runId": "%s", "pipeline": "churn", "step": "train", "owner": "ml-platform",
                   "attempt": 1 },
          "code": { "repository": "https://git.example/churn.git", "version": "9f2c4e1",
                    "dirty": false },
          "config": { "digest": "%s", "parameters": { "lr": "0.01" } },
          "seed": 42,
          "environment": { "digest": "%s", "image": "registry/train@%s", "lockfile": "%s",
                           "tools": { "python": "3.11.7", "torch": "2.5.1" },
                           "hardware": { "gpu": "NVIDIA H100", "driver": "550.54" },
                           "variables": { "CUDA_VISIBLE_DEVICES": "0" } },
          "inputs":  [ { "name": "s3://b/features.parquet", "digest": "%s",
                         "producedAt": "2026-11-22T09:00:00Z" } ],
          "outputs": [ { "name": "model:churn", "digest": "%s", "sizeBytes": 1234 } ],
          "cost": { "durationMs": 60000, "cpuSeconds": 1.5, "gpuSeconds": 0, "tokens": 0 },
          "checks": [ { "name": "auc>=0.8", "passed": true, "severity": "ERROR",
                        "observed": "0.83" } ],
          "producer": "https://lineage-gate.dev/testkit" }
        """
            .formatted(
                TestEvents.COMPLETE_EVENT,
                TestEvents.TRAIN_RUN,
                TestEvents.CONFIG,
                TestEvents.ENVIRONMENT,
                TestEvents.ENVIRONMENT,
                dev.lineagegate.schema.id.Digest.sha256("uv.lock"),
                TestEvents.FEATURES_V1,
                TestEvents.MODEL_V1);
    // When
    final ExecutionEvent event = json.read(text);
    // Then
    assertThat(event).isEqualTo(TestEvents.trainComplete());
  }

  @Test
  void shouldRoundTripWhenWrittenThenRead() {
    for (final ExecutionEvent event :
        new ExecutionEvent[] {
          TestEvents.trainStart(),
          TestEvents.trainComplete(),
          TestEvents.trainFail(),
          TestEvents.minimalStart()
        }) {
      assertThat(json.read(json.writeString(event))).isEqualTo(event);
    }
  }

  @Test
  void shouldWriteOnlyWhatIsSetWhenEventIsMinimal() {
    assertThat(json.writeString(TestEvents.minimalStart()))
        .isEqualTo(
            "{\"eventId\":\"0b9d2a61-4c3e-4f8a-9e2b-1a2b3c4d5e03\",\"eventType\":\"START\","
                + "\"eventTime\":\"2026-11-22T10:00:00Z\",\"run\":{\"runId\":\""
                + TestEvents.TRAIN_RUN
                + "\",\"step\":\"train\"},\"inputs\":[],\"outputs\":[],\"checks\":[]}");
  }

  @Test
  void shouldListEveryInvalidFieldWhenSeveralAreWrong() {
    // Given an event with five problems at once
    final String text =
        """
        { "eventType": "FINISHED", "eventTime": "yesterday",
          "run": { "runId": 7 },
          "seed": 4.2,
          "inputs": [ "s3://b/x", { "producedAt": "2026-11-22T09:00:00" } ],
          "checks": [ { "name": "auc", "severity": "FATAL" } ] }
        """;
    // When
    final InvalidEventException e =
        catchThrowableOfType(InvalidEventException.class, () -> json.read(text));
    // Then every one is named by its JSON pointer
    assertThat(e.errors())
        .containsExactly(
            new FieldError("/eventId", "is required"),
            new FieldError("/eventType", "must be one of START, COMPLETE, FAIL, got \"FINISHED\""),
            new FieldError("/eventTime", IsoTimes.EXPECTED),
            new FieldError("/run/runId", "must be a string"),
            new FieldError("/run/step", "is required"),
            new FieldError("/seed", "must be a whole number"),
            new FieldError("/inputs/0", "must be an object"),
            new FieldError("/inputs/1/producedAt", IsoTimes.EXPECTED),
            new FieldError("/checks/0/passed", "is required"),
            new FieldError("/checks/0/severity", "must be one of ERROR, WARNING, got \"FATAL\""));
  }

  @Test
  void shouldPointIntoTheBatchWhenGivenABase() {
    final InvalidEventException e =
        catchThrowableOfType(
            InvalidEventException.class,
            () ->
                json.read(
                    new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(), "/3"));
    assertThat(e.errors())
        .containsExactly(
            new FieldError("/3/eventId", "is required"),
            new FieldError("/3/eventType", "is required"),
            new FieldError("/3/eventTime", "is required"),
            new FieldError("/3/run", "is required"));
  }

  @Test
  void shouldRefuseWhenNotJsonOrNotAnObject() {
    assertThat(catchThrowableOfType(InvalidEventException.class, () -> json.read("{oops")).errors())
        .singleElement()
        .satisfies(error -> assertThat(error.message()).startsWith("not valid JSON: "));
    assertThat(catchThrowableOfType(InvalidEventException.class, () -> json.read("[]")).errors())
        .containsExactly(new FieldError("", "an event must be an object"));
  }

  @Test
  void shouldKeepScalarsAsTextWhenParametersAreNotStrings() {
    final ExecutionEvent event =
        json.read(
            """
            { "eventId": "e", "eventType": "START", "eventTime": "2026-11-22T10:00:00.123456+01:00",
              "run": { "runId": "r", "step": "s" },
              "config": { "parameters": { "lr": 0.01, "layers": [64, 32], "amp": true } } }
            """);
    assertThat(event.getConfig().getParameters())
        .containsExactly(
            java.util.Map.entry("lr", "0.01"),
            java.util.Map.entry("layers", "[64,32]"),
            java.util.Map.entry("amp", "true"));
    assertThat(event.getEventTime()).isEqualTo(java.time.Instant.parse("2026-11-22T09:00:00.123Z"));
  }

  @Test
  void shouldRefuseWhenATimeIsNotStrictRfc3339OrBeyondAvrosMillis() {
    // Given times that used to be accepted (an empty fraction, a year Avro's long millis cannot
    // hold: a 500 when serialising), in eventTime and in an input's producedAt
    final String text =
        """
        { "eventId": "e", "eventType": "START", "eventTime": "-292275056-01-01T00:00:00Z",
          "run": { "runId": "r", "step": "s" },
          "inputs": [ { "name": "a", "producedAt": "2026-11-22T10:00:00.Z" },
                      { "name": "b", "producedAt": "2026-11-22T10:00Z" } ] }
        """;
    // When
    final InvalidEventException e =
        catchThrowableOfType(InvalidEventException.class, () -> json.read(text));
    // Then each is named, with a sentence that shows the form
    assertThat(e.errors())
        .containsExactly(
            new FieldError("/eventTime", IsoTimes.EXPECTED),
            new FieldError("/inputs/0/producedAt", IsoTimes.EXPECTED),
            new FieldError("/inputs/1/producedAt", IsoTimes.EXPECTED));
    assertThat(IsoTimes.EXPECTED).contains("2026-11-22T10:00:00Z");
  }

  @Test
  void shouldRefuseWhenAKeyIsRepeated() {
    // Given an event whose run names its step twice
    final String text =
        """
        { "eventId": "e", "eventType": "START", "eventTime": "2026-11-22T10:00:00Z",
          "run": { "runId": "r", "step": "s", "step": "t" } }
        """;
    // When
    final InvalidEventException e =
        catchThrowableOfType(InvalidEventException.class, () -> json.read(text));
    // Then
    assertThat(e.errors())
        .containsExactly(
            new FieldError(
                "/run/step", "is a repeated key: each key may appear once in an object"));
  }
}
