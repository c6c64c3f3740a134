package dev.lineagegate.schema.contract;

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
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.testkit.TestEvents;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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
