package dev.lineagegate.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events built fluently equal the fixtures built with Avro builders, field for field. */
class RunReporterTest {

  @TempDir Path dir;

  /** The train run of the fixtures, declared through the fluent API. */
  static RunSpec trainSpec() {
    return RunSpec.forStep("train")
        .runId(TestEvents.TRAIN_RUN)
        .pipeline("churn")
        .owner("ml-platform")
        .attempt(1)
        .code("https://git.example/churn.git", "9f2c4e1", false)
        .config(TestEvents.CONFIG, Map.of("lr", "0.01"))
        .seed(42L)
        .environment(
            TestEvents.ENVIRONMENT,
            "registry/train@" + TestEvents.ENVIRONMENT,
            Digest.sha256("uv.lock").value(),
            Map.of("python", "3.11.7", "torch", "2.5.1"),
            Map.of("gpu", "NVIDIA H100", "driver", "550.54"),
            Map.of("CUDA_VISIBLE_DEVICES", "0"))
        .input(TestEvents.FEATURES, TestEvents.FEATURES_V1, TestEvents.T0.minusSeconds(3600))
        .producer("https://lineage-gate.dev/testkit");
  }

  static Iterator<String> ids(final String... ids) {
    return List.of(ids).iterator();
  }

  @Test
  void shouldBuildTheFixturesWhenEveryFieldIsDeclared() {
    // Given the train run, a clock that moves one minute per event and fixed eventIds
    final Iterator<String> ids = ids(TestEvents.START_EVENT, TestEvents.COMPLETE_EVENT);
    final RunReporter run =
        RunReporter.of(trainSpec())
            .clock(new TickingClock(TestEvents.T0, Duration.ofMinutes(1)))
            .eventIds(ids::next);
    // When it starts, then declares its outcome without a duration, then completes
    final ExecutionEvent start = run.start();
    run.output(TestEvents.MODEL, TestEvents.MODEL_V1, 1234L)
        .cost(null, 1.5, 0.0, 0L)
        .check("auc>=0.8", true, CheckSeverity.ERROR, "0.83");
    final ExecutionEvent complete = run.complete();
    // Then both equal the fixtures, the duration measured from START (one minute)
    assertThat(start).isEqualTo(TestEvents.trainStart());
    assertThat(complete).isEqualTo(TestEvents.trainComplete());
  }

  @Test
  void shouldCarryTheErrorWhenTheRunFails() {
    // Given the train run with its output and cost declared, and no checks
    final RunReporter run =
        RunReporter.of(trainSpec())
            .clock(Clock.fixed(TestEvents.T0.plusSeconds(60), ZoneOffset.UTC))
            .eventIds(() -> "0b9d2a61-4c3e-4f8a-9e2b-1a2b3c4d5e04")
            .output(TestEvents.MODEL, TestEvents.MODEL_V1, 1234L)
            .cost(60_000L, 1.5, 0.0, 0L);
    // When
    final ExecutionEvent fail = run.fail("CUDA out of memory", "torch.OutOfMemoryError", null);
    // Then
    assertThat(fail).isEqualTo(TestEvents.trainFail());
  }

  @Test
  void shouldDescribeTheThrowableWhenFailedWithOne() {
    // Given a run and an exception without a message
    final RunReporter run =
        RunReporter.of(RunSpec.forStep("train").runId(TestEvents.TRAIN_RUN))
            .clock(Clock.fixed(TestEvents.T0, ZoneOffset.UTC))
            .eventIds(() -> TestEvents.COMPLETE_EVENT);
    final IllegalStateException error = new IllegalStateException();
    // When
    final ExecutionEvent fail = run.fail(error);
    // Then the class stands in for the message, and the whole trace is kept
    assertThat(fail.getError().getMessage()).isEqualTo("java.lang.IllegalStateException");
    assertThat(fail.getError().getType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(fail.getError().getStackTrace())
        .startsWith(
            "java.lang.IllegalStateException\n\tat dev.lineagegate.client.RunReporterTest.");
  }

  @Test
  void shouldHashPathsAndLeaveOutcomeOffStartWhenDeclaredEarly() throws Exception {
    // Given an input file, an output directory declared before START, and fixed ids and time
    final Path input = Files.writeString(dir.resolve("features.csv"), "a,b\n1,2\n");
    final Path model = Files.createDirectory(dir.resolve("model"));
    Files.writeString(model.resolve("weights"), "0123456789");
    Files.writeString(model.resolve("config.json"), "{}");
    final Iterator<String> ids = ids(TestEvents.START_EVENT, TestEvents.COMPLETE_EVENT);
    final RunReporter run =
        RunReporter.of(
                RunSpec.forStep("train").runId(TestEvents.TRAIN_RUN).input("features", input))
            .clock(Clock.fixed(TestEvents.T0, ZoneOffset.UTC))
            .eventIds(ids::next)
            .output("model", model);
    // When
    final ExecutionEvent start = run.start();
    final ExecutionEvent complete = run.complete();
    // Then the input is on both events, the output (hashed, 12 bytes) only on COMPLETE
    final InputArtifact features =
        InputArtifact.newBuilder()
            .setName("features")
            .setDigest(Digests.file(input).value())
            .setProducedAt(null)
            .build();
    final ExecutionEvent expectedStart =
        ExecutionEvent.newBuilder(TestEvents.minimalStart())
            .setEventId(TestEvents.START_EVENT)
            .setInputs(List.of(features))
            .setProducer(RunSpec.PRODUCER)
            .build();
    assertThat(start).isEqualTo(expectedStart);
    assertThat(complete)
        .isEqualTo(
            ExecutionEvent.newBuilder(expectedStart)
                .setEventId(TestEvents.COMPLETE_EVENT)
                .setEventType(EventType.COMPLETE)
                .setOutputs(
                    List.of(
                        OutputArtifact.newBuilder()
                            .setName("model")
                            .setDigest(Digests.directory(model).value())
                            .setSizeBytes(12L)
                            .build()))
                .setCost(CostInfo.newBuilder().setDurationMs(0L).build())
                .build());
  }

  @Test
  void shouldLeaveGroupsOutWhenNothingInThemIsKnown() {
    // Given code, config and environment declared with nothing known
    final RunSpec spec =
        RunSpec.forStep("train")
            .runId(TestEvents.TRAIN_RUN)
            .code(null, null, null)
            .config(null, null)
            .environment(null, null, null, null, Map.of(), null);
    // When
    final ExecutionEvent start =
        RunReporter.of(spec)
            .clock(Clock.fixed(TestEvents.T0, ZoneOffset.UTC))
            .eventIds(() -> "0b9d2a61-4c3e-4f8a-9e2b-1a2b3c4d5e03")
            .start();
    // Then the event is the minimal one: absent, not empty, groups
    assertThat(start)
        .isEqualTo(
            ExecutionEvent.newBuilder(TestEvents.minimalStart())
                .setProducer(RunSpec.PRODUCER)
                .build());
  }

  @Test
  void shouldKeepTheRunIdAndDrawFreshEventIdsWhenNoneAreGiven() {
    // Given a run with every default
    final RunReporter run = RunReporter.of(RunSpec.forStep("train"));
    // When
    final ExecutionEvent start = run.start();
    final ExecutionEvent complete = run.complete();
    // Then one runId, a UUID; two different eventIds, UUIDs too
    final RunInfo runInfo = start.getRun();
    assertThat(complete.getRun()).isEqualTo(runInfo);
    assertThat(UUID.fromString(runInfo.getRunId()).toString()).isEqualTo(runInfo.getRunId());
    assertThat(UUID.fromString(start.getEventId()))
        .isNotEqualTo(UUID.fromString(complete.getEventId()));
    assertThat(start.getProducer()).isEqualTo(RunSpec.PRODUCER);
  }
}
