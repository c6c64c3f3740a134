package dev.lineagegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.schema.contract.EventContract;
import dev.lineagegate.schema.contract.EventLimits;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.testkit.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** The per-event limits of EventLimits, enforced by EventContract (docs/INGEST.md, "Limits"). */
class EventLimitsTest {

  private static final Instant NOW = TestEvents.T0.plusSeconds(120);

  @Test
  void shouldNameEachFieldWhenItIsLongerThanItsLimit() {
    // Given every limited string one character over its limit
    final ExecutionEvent event =
        ExecutionEvent.newBuilder(TestEvents.trainFail())
            .setRun(
                RunInfo.newBuilder(TestEvents.trainFail().getRun())
                    .setPipeline(text(EventLimits.RUN_NAME + 1))
                    .setStep(text(EventLimits.RUN_NAME + 1))
                    .setOwner(text(EventLimits.RUN_NAME + 1))
                    .build())
            .setCode(
                CodeInfo.newBuilder()
                    .setRepository(text(EventLimits.URI + 1))
                    .setVersion(text(EventLimits.CODE_VERSION + 1))
                    .build())
            .setEnvironment(
                EnvironmentInfo.newBuilder(TestEvents.trainFail().getEnvironment())
                    .setImage(text(EventLimits.URI + 1))
                    .build())
            .setInputs(List.of(InputArtifact.newBuilder().setName(text(3000)).build()))
            .setOutputs(List.of(OutputArtifact.newBuilder().setName(text(1025)).build()))
            .setChecks(
                List.of(
                    check(text(EventLimits.CHECK_NAME + 1), text(EventLimits.CHECK_OBSERVED + 1))))
            .setError(
                ErrorInfo.newBuilder()
                    .setMessage(text(EventLimits.ERROR_MESSAGE + 1))
                    .setType(text(EventLimits.ERROR_TYPE + 1))
                    .setStackTrace(text(EventLimits.STACK_TRACE + 1))
                    .build())
            .setProducer(text(EventLimits.URI + 1))
            .build();
    // When
    final List<FieldError> errors = EventContract.violations(event, "/4", NOW);
    // Then every one is named with its length and limit
    assertThat(errors)
        .containsExactly(
            tooLong("/4/run/pipeline", 513, 512),
            tooLong("/4/run/step", 513, 512),
            tooLong("/4/run/owner", 513, 512),
            tooLong("/4/code/repository", 2049, 2048),
            tooLong("/4/code/version", 257, 256),
            tooLong("/4/environment/image", 2049, 2048),
            tooLong("/4/inputs/0/name", 3000, 1024),
            tooLong("/4/outputs/0/name", 1025, 1024),
            tooLong("/4/checks/0/name", 513, 512),
            tooLong("/4/checks/0/observed", 1025, 1024),
            tooLong("/4/error/message", 4097, 4096),
            tooLong("/4/error/type", 257, 256),
            tooLong("/4/error/stackTrace", 32769, 32768),
            tooLong("/4/producer", 2049, 2048));
    assertThat(errors.get(6).message())
        .isEqualTo("is 3000 characters, longer than the 1024 allowed");
  }

  @Test
  void shouldAcceptWhenEveryFieldIsExactlyAtItsLimit() {
    // Given the largest event the limits allow, almost: every string and list at its limit
    final ExecutionEvent event = largest(EventLimits.OUTPUTS);
    // When / Then nothing but the whole-event limit, which such an event is far over
    assertThat(EventContract.violations(event, "", NOW))
        .singleElement()
        .satisfies(error -> assertThat(error.pointer()).isEmpty());
    // and one within the whole-event limit is accepted
    assertThat(EventContract.violations(largest(100), "", NOW)).isEmpty();
  }

  @Test
  void shouldRefuseWhenListsOrMapsHoldTooMuch() {
    // Given 257 inputs, outputs and checks, a map of 129 entries, a long key and a long value
    final Map<String, String> parameters = new LinkedHashMap<>();
    IntStream.range(0, EventLimits.MAP_ENTRIES + 1).forEach(i -> parameters.put("p" + i, "v"));
    final Map<String, String> tools = new LinkedHashMap<>();
    tools.put("a/b", text(EventLimits.MAP_VALUE + 1));
    tools.put(text(EventLimits.MAP_KEY + 1), "1");
    final ExecutionEvent event =
        ExecutionEvent.newBuilder(TestEvents.trainComplete())
            .setConfig(
                ConfigInfo.newBuilder()
                    .setDigest(TestEvents.CONFIG.value())
                    .setParameters(parameters)
                    .build())
            .setEnvironment(
                EnvironmentInfo.newBuilder(TestEvents.trainComplete().getEnvironment())
                    .setTools(tools)
                    .build())
            .setInputs(
                IntStream.range(0, 257)
                    .mapToObj(i -> InputArtifact.newBuilder().setName("in" + i).build())
                    .toList())
            .setOutputs(
                IntStream.range(0, 257)
                    .mapToObj(i -> OutputArtifact.newBuilder().setName("out" + i).build())
                    .toList())
            .setChecks(IntStream.range(0, 257).mapToObj(i -> check("c" + i, "1")).toList())
            .build();
    // When / Then
    assertThat(EventContract.violations(event, "", NOW))
        .containsExactly(
            new FieldError("/config/parameters", "has 129 entries, more than the 128 allowed"),
            tooLong("/environment/tools/a~1b", 2049, 2048),
            new FieldError(
                "/environment/tools",
                "has a key of 257 characters, longer than the 256 allowed (\"" + text(80) + "…\")"),
            new FieldError("/inputs", "has 257 inputs, more than the 256 allowed"),
            new FieldError("/outputs", "has 257 outputs, more than the 256 allowed"),
            new FieldError("/checks", "has 257 checks, more than the 256 allowed"));
  }

  @Test
  void shouldRefuseWhenTheWholeEventIsOverItsEstimatedLimit() {
    // Given 250 outputs with names at the limit: each fits, together they do not
    final ExecutionEvent event =
        ExecutionEvent.newBuilder(TestEvents.trainComplete())
            .setOutputs(
                IntStream.range(0, 250)
                    .mapToObj(
                        i ->
                            OutputArtifact.newBuilder()
                                .setName(String.format("%04d", i) + text(1020))
                                .build())
                    .toList())
            .build();
    // When
    final List<FieldError> errors = EventContract.violations(event, "/1", NOW);
    // Then one error for the event as a whole
    assertThat(errors)
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.pointer()).isEqualTo("/1");
              assertThat(error.message())
                  .matches(
                      "is about \\d+ bytes once encoded, more than the 262144 allowed \\(UTF-8 bytes of"
                          + " every string plus 16 per field, item and map entry\\)");
            });
  }

  @Test
  void shouldEstimateNoLessThanTheAvroRecordWhenEventsVary() {
    // Given small, typical, non-ASCII and large events
    final List<ExecutionEvent> events =
        new ArrayList<>(
            List.of(
                TestEvents.minimalStart(),
                TestEvents.trainStart(),
                TestEvents.trainComplete(),
                TestEvents.trainFail(),
                ExecutionEvent.newBuilder(TestEvents.trainComplete())
                    .setProducer("ünïcødé 😀 名前 " + text(100))
                    .setEventTime(Instant.ofEpochMilli(Long.MAX_VALUE / 2))
                    .setSeed(Long.MIN_VALUE)
                    .build(),
                largest(100),
                largest(EventLimits.OUTPUTS)));
    for (final ExecutionEvent event : events) {
      // When
      final long estimate = EventContract.estimatedSize(event);
      final int encoded = onTheTopic(event);
      // Then never below the record, and close to it when strings dominate
      assertThat(estimate).as(event.getEventId()).isGreaterThanOrEqualTo(encoded);
      assertThat(estimate).as(event.getEventId()).isLessThan(2L * encoded + 2_000);
    }
    assertThat((double) EventContract.estimatedSize(largest(100)))
        .isLessThan(1.2 * onTheTopic(largest(100)));
  }

  @Test
  void shouldNotApplyPerEventLimitsWhenCheckingARunsMergedPicture() {
    // Given a merged run of 300 inputs, gathered from several events
    final ExecutionEvent merged =
        ExecutionEvent.newBuilder(TestEvents.trainStart())
            .setInputs(
                IntStream.range(0, 300)
                    .mapToObj(i -> InputArtifact.newBuilder().setName("in" + i).build())
                    .toList())
            .build();
    // When / Then only the run-level rules apply
    assertThat(EventContract.runViolations(merged, "", NOW)).isEmpty();
    assertThat(EventContract.violations(merged, "", NOW)).hasSize(1);
  }

  @Test
  void shouldRefuseWhenTimesAreBeyondFourDigitYears() {
    // Given times no native reader produces, as a record built in code or read off the topic
    final ExecutionEvent event =
        ExecutionEvent.newBuilder(TestEvents.trainStart())
            .setEventTime(Instant.ofEpochMilli(Long.MIN_VALUE))
            .setInputs(
                List.of(
                    InputArtifact.newBuilder()
                        .setName("a")
                        .setProducedAt(Instant.parse("+10000-01-01T00:00:00Z"))
                        .build()))
            .build();
    // When / Then
    assertThat(EventContract.violations(event, "", NOW))
        .containsExactly(
            new FieldError(
                "/eventTime",
                "is -292275055-05-16T16:47:04.192Z, outside 0000-01-01T00:00:00Z to"
                    + " 9999-12-31T23:59:59.999Z"),
            new FieldError(
                "/inputs/0/producedAt",
                "is +10000-01-01T00:00:00Z, outside 0000-01-01T00:00:00Z to"
                    + " 9999-12-31T23:59:59.999Z"));
  }

  @Test
  void shouldRefuseWhenTextHoldsAnUnpairedSurrogate() {
    // Given a lone surrogate (a JSON "\ud800" escape): Avro would write it as "?"
    final ExecutionEvent event =
        ExecutionEvent.newBuilder(TestEvents.trainStart())
            .setProducer("ok 😀 then \ud800")
            .setConfig(ConfigInfo.newBuilder().setParameters(Map.of("k\udc00", "v")).build())
            .build();
    // When / Then
    assertThat(EventContract.violations(event, "", NOW))
        .containsExactly(
            new FieldError(
                "/config/parameters",
                "has a key holding an unpaired UTF-16 surrogate (\\uDC00 at index 1): it is not"
                    + " Unicode text, and UTF-8 cannot hold it"),
            new FieldError(
                "/producer",
                "holds an unpaired UTF-16 surrogate (\\uD800 at index 11): it is not Unicode"
                    + " text, and UTF-8 cannot hold it"));
  }

  /** A COMPLETE with {@code outputs} outputs and every other string, list and map at its limit. */
  private static ExecutionEvent largest(final int outputs) {
    final Map<String, String> map = new LinkedHashMap<>();
    IntStream.range(0, EventLimits.MAP_ENTRIES)
        .forEach(i -> map.put(String.format("%03d", i), "v"));
    return ExecutionEvent.newBuilder(TestEvents.trainComplete())
        .setRun(
            RunInfo.newBuilder(TestEvents.trainComplete().getRun())
                .setPipeline(text(EventLimits.RUN_NAME))
                .setStep(text(EventLimits.RUN_NAME))
                .setOwner(text(EventLimits.RUN_NAME))
                .build())
        .setConfig(
            ConfigInfo.newBuilder().setDigest(TestEvents.CONFIG.value()).setParameters(map).build())
        .setEnvironment(
            EnvironmentInfo.newBuilder(TestEvents.trainComplete().getEnvironment())
                .setImage(text(EventLimits.URI))
                .setTools(map)
                .setHardware(map)
                .setVariables(map)
                .build())
        .setOutputs(
            IntStream.range(0, outputs)
                .mapToObj(
                    i ->
                        OutputArtifact.newBuilder()
                            .setName(String.format("%04d", i) + text(EventLimits.ARTIFACT_NAME - 4))
                            .setSizeBytes(Long.MAX_VALUE)
                            .build())
                .toList())
        .setError(
            ErrorInfo.newBuilder()
                .setMessage(text(EventLimits.ERROR_MESSAGE))
                .setType(text(EventLimits.ERROR_TYPE))
                .setStackTrace(text(EventLimits.STACK_TRACE))
                .build())
        .setProducer(text(EventLimits.URI))
        .build();
  }

  /** The bytes of {@code event} on the topic: the Confluent wire header and the Avro datum. */
  private static int onTheTopic(final ExecutionEvent event) {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      new SpecificDatumWriter<>(ExecutionEvent.class).write(event, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 5 + bytes.size();
  }

  private static CheckResult check(final String name, final String observed) {
    return CheckResult.newBuilder()
        .setName(name)
        .setPassed(true)
        .setSeverity(CheckSeverity.ERROR)
        .setObserved(observed)
        .build();
  }

  private static FieldError tooLong(final String pointer, final int length, final int max) {
    return new FieldError(
        pointer, "is " + length + " characters, longer than the " + max + " allowed");
  }

  private static String text(final int length) {
    return "x".repeat(length);
  }
}
