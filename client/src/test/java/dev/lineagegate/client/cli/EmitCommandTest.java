package dev.lineagegate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.client.Digests;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lineage-gate emit}: arguments in, the exact event handed to the sender out. */
class EmitCommandTest {

  /** Every flag of the fixtures' train run, as a pipeline's shell step would give them. */
  private static final List<String> TRAIN_FLAGS =
      List.of(
          "--run-id",
          TestEvents.TRAIN_RUN,
          "--pipeline",
          "churn",
          "--step",
          "train",
          "--owner",
          "ml-platform",
          "--attempt",
          "1",
          "--code-repo",
          "https://git.example/churn.git",
          "--code-version",
          "9f2c4e1",
          "--dirty=false",
          "--config-digest",
          TestEvents.CONFIG.value(),
          "--param",
          "lr=0.01",
          "--seed",
          "42",
          "--env-digest",
          TestEvents.ENVIRONMENT.value(),
          "--image",
          "registry/train@" + TestEvents.ENVIRONMENT,
          "--lockfile",
          Digest.sha256("uv.lock").value(),
          "--tool",
          "python=3.11.7",
          "--tool",
          "torch=2.5.1",
          "--hw",
          "gpu=NVIDIA H100",
          "--hw",
          "driver=550.54",
          "--env-var",
          "CUDA_VISIBLE_DEVICES=0",
          "--input-digest",
          TestEvents.FEATURES + "=" + TestEvents.FEATURES_V1,
          "--produced-at",
          TestEvents.FEATURES + "=2026-11-22T09:00:00Z");

  @TempDir Path dir;

  private final CliHarness cli = new CliHarness();

  private static List<String> args(final List<String> first, final String... more) {
    final List<String> all = new ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }

  /** The fixture the CLI should produce: the same run, told by the CLI. */
  private static ExecutionEvent byCli(final ExecutionEvent fixture) {
    return ExecutionEvent.newBuilder(fixture).setProducer(EmitCommand.PRODUCER).build();
  }

  @Test
  void shouldSendTheFixtureWhenEveryFlagIsGiven() {
    // Given the train run's flags, and its outcome
    final List<String> complete =
        args(
            List.of("emit", "complete"),
            "--event-id",
            TestEvents.COMPLETE_EVENT,
            "--event-time",
            "2026-11-22T11:01:00+01:00",
            "--output-digest",
            TestEvents.MODEL + "=" + TestEvents.MODEL_V1,
            "--duration-ms",
            "60000",
            "--cpu-seconds",
            "1.5",
            "--gpu-seconds",
            "0",
            "--tokens",
            "0",
            "--check",
            "auc>=0.8=pass:ERROR:0.83");
    complete.addAll(TRAIN_FLAGS);
    // When
    final int exit = cli.emit(complete);
    // Then exactly the fixture went out (except the output's size, which a digest flag lacks)
    assertThat(exit).isZero();
    assertThat(cli.sent()).hasSize(1);
    final ExecutionEvent expected = byCli(TestEvents.trainComplete());
    expected.getOutputs().get(0).setSizeBytes(null);
    assertThat(cli.sent().get(0)).isEqualTo(expected);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err())
        .isEqualTo(
            "sent COMPLETE "
                + TestEvents.COMPLETE_EVENT
                + " of run "
                + TestEvents.TRAIN_RUN
                + ": lineage.events.v1 partition 3 offset 12\n");
    assertThat(cli.urls()).containsExactly(URI.create("http://127.0.0.1:8080"));
  }

  @Test
  void shouldPrintTheGeneratedRunIdWhenStartHasNone() {
    // Given only the required flag
    // When
    final int exit = cli.emit(List.of("emit", "start", "--step", "train"));
    // Then stdout is the runId alone, so that RUN_ID=$(lineage-gate emit start ...) works
    assertThat(exit).isZero();
    assertThat(cli.sent()).hasSize(1);
    final ExecutionEvent event = cli.sent().get(0);
    final String runId = event.getRun().getRunId();
    assertThat(cli.out()).isEqualTo(runId + "\n");
    assertThat(UUID.fromString(runId).toString()).isEqualTo(runId);
    assertThat(UUID.fromString(event.getEventId()).toString()).isEqualTo(event.getEventId());
    assertThat(event)
        .isEqualTo(
            ExecutionEvent.newBuilder(byCli(TestEvents.minimalStart()))
                .setEventId(event.getEventId())
                .setRun(RunInfo.newBuilder().setRunId(runId).setStep("train").build())
                .build());
  }

  @Test
  void shouldSendFailWithTheMessageWhenGivenOne() {
    // When
    final int exit =
        cli.emit(
            List.of(
                "emit",
                "fail",
                "--step",
                "train",
                "--run-id",
                TestEvents.TRAIN_RUN,
                "--event-id",
                TestEvents.START_EVENT,
                "--error-message",
                "exit code 137"));
    // Then
    assertThat(exit).isZero();
    assertThat(cli.sent().get(0))
        .isEqualTo(
            ExecutionEvent.newBuilder(byCli(TestEvents.minimalStart()))
                .setEventId(TestEvents.START_EVENT)
                .setEventType(EventType.FAIL)
                .setError(ErrorInfo.newBuilder().setMessage("exit code 137").build())
                .build());
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void shouldHashTheFilesWhenInputsAndOutputsArePaths() throws IOException {
    // Given an input file and an output directory of 7 bytes
    final Path input = Files.writeString(dir.resolve("features.csv"), "a,b\n1,2\n");
    final Path model = Files.createDirectory(dir.resolve("model"));
    Files.writeString(model.resolve("weights"), "0123456");
    // When
    final int exit =
        cli.emit(
            List.of(
                "emit",
                "complete",
                "--step",
                "train",
                "--run-id",
                TestEvents.TRAIN_RUN,
                "--event-id",
                TestEvents.COMPLETE_EVENT,
                "--input",
                "features=" + input,
                "--output",
                "model=" + model));
    // Then
    assertThat(exit).isZero();
    assertThat(cli.sent().get(0))
        .isEqualTo(
            ExecutionEvent.newBuilder(byCli(TestEvents.minimalStart()))
                .setEventId(TestEvents.COMPLETE_EVENT)
                .setEventType(EventType.COMPLETE)
                .setInputs(
                    List.of(
                        InputArtifact.newBuilder()
                            .setName("features")
                            .setDigest(Digests.file(input).value())
                            .build()))
                .setOutputs(
                    List.of(
                        OutputArtifact.newBuilder()
                            .setName("model")
                            .setDigest(Digests.directory(model).value())
                            .setSizeBytes(7L)
                            .build()))
                .build());
  }

  @Test
  void shouldTakeDefaultsFromJsonWhenFlagsLeaveThemOut() throws IOException {
    // Given a file with the run's metadata, some of which the flags override
    final Path defaults =
        Files.writeString(
            dir.resolve("run.json"),
            """
            { "eventId": "ignored", "eventType": "FAIL", "eventTime": "2000-01-01T00:00:00Z",
              "run": { "runId": "%s", "pipeline": "churn", "owner": "someone-else", "attempt": 1 },
              "code": { "repository": "https://git.example/churn.git", "version": "old",
                        "dirty": false },
              "config": { "digest": "%s", "parameters": { "lr": "0.5" } },
              "seed": 42,
              "environment": { "digest": "%s", "image": "registry/train@%s", "lockfile": "%s",
                               "tools": { "python": "3.11.7", "torch": "2.5.1" },
                               "hardware": { "gpu": "NVIDIA H100", "driver": "550.54" },
                               "variables": { "CUDA_VISIBLE_DEVICES": "0" } },
              "inputs": [ { "name": "%s", "digest": "%s", "producedAt": "2026-11-22T09:00:00Z" },
                          { "name": "replaced", "digest": "%s" } ],
              "producer": "https://lineage-gate.dev/testkit" }
            """
                .formatted(
                    TestEvents.TRAIN_RUN,
                    TestEvents.CONFIG,
                    TestEvents.ENVIRONMENT,
                    TestEvents.ENVIRONMENT,
                    Digest.sha256("uv.lock"),
                    TestEvents.FEATURES,
                    TestEvents.FEATURES_V1,
                    TestEvents.MODEL_V0));
    // When flags give the step and override owner, code version, one parameter, one input
    final int exit =
        cli.emit(
            List.of(
                "emit",
                "start",
                "--from-json",
                defaults.toString(),
                "--event-id",
                TestEvents.START_EVENT,
                "--step",
                "train",
                "--owner",
                "ml-platform",
                "--code-version",
                "9f2c4e1",
                "--param",
                "lr=0.01",
                "--input-digest",
                "replaced=" + TestEvents.MODEL_V1));
    // Then the fixture, plus the replaced input; runId and producer from the file
    assertThat(exit).isZero();
    assertThat(cli.out()).isEmpty();
    final ExecutionEvent fixture = TestEvents.trainStart();
    final List<InputArtifact> inputs = new ArrayList<>(fixture.getInputs());
    inputs.add(
        InputArtifact.newBuilder()
            .setName("replaced")
            .setDigest(TestEvents.MODEL_V1.value())
            .build());
    fixture.setInputs(inputs);
    assertThat(cli.sent().get(0)).isEqualTo(fixture);
  }

  @Test
  void shouldMergeMapsKeyByKeyWhenBothGiveThem() throws IOException {
    // Given
    final Path defaults =
        Files.writeString(
            dir.resolve("env.json"),
            "{ \"environment\": { \"tools\": { \"python\": \"3.10\", \"uv\": \"0.5\" } } }");
    // When
    cli.emit(
        List.of(
            "emit",
            "start",
            "--step",
            "train",
            "--from-json",
            defaults.toString(),
            "--tool",
            "python=3.11.7"));
    // Then
    assertThat(cli.sent().get(0).getEnvironment().getTools())
        .isEqualTo(Map.of("python", "3.11.7", "uv", "0.5"));
  }
}
