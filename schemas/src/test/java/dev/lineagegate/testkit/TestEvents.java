package dev.lineagegate.testkit;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.AlertKind;
import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.DecisionKind;
import dev.lineagegate.avro.DsseEnvelope;
import dev.lineagegate.avro.DsseSignature;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.avro.RunMode;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.SuggestedAction;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.schema.AvroCompat;
import dev.lineagegate.schema.id.Digest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one source of test fixtures: fixed ids, digests and times, so that every expected record can
 * be written out whole. Each method returns a new record; change it with {@code
 * X.newBuilder(fixture)}.
 */
public final class TestEvents {

  public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  public static final String TRAIN_RUN = "7f1d3c52-2b8e-4a57-9c1e-5d7a9b0e1f01";
  public static final String START_EVENT = "0b9d2a61-4c3e-4f8a-9e2b-1a2b3c4d5e01";
  public static final String COMPLETE_EVENT = "0b9d2a61-4c3e-4f8a-9e2b-1a2b3c4d5e02";
  public static final String FEATURES = "s3://b/features.parquet";
  public static final String MODEL = "model:churn";
  public static final String ENRICHED = "kafka://prod/enriched";
  public static final String CLICKS = "kafka://prod/clicks";
  public static final Digest FEATURES_V1 = Digest.sha256("features v1");
  public static final Digest MODEL_V1 = Digest.sha256("model v1");
  public static final Digest MODEL_V0 = Digest.sha256("model v0");
  public static final Digest CONFIG = Digest.sha256("config lr=0.01");
  public static final Digest ENVIRONMENT = Digest.sha256("environment train");
  public static final Digest POLICY = Digest.sha256("policy default");
  public static final Digest RECIPE = Digest.sha256("recipe train");

  static {
    AvroCompat.ensure(); // fixtures are compared with equals: see AvroCompat
  }

  private TestEvents() {}

  /** START of the train run: everything but outputs, so that the run is fully auditable. */
  public static ExecutionEvent trainStart() {
    return ExecutionEvent.newBuilder()
        .setEventId(START_EVENT)
        .setEventType(EventType.START)
        .setEventTime(T0)
        .setRun(
            RunInfo.newBuilder()
                .setRunId(TRAIN_RUN)
                .setPipeline("churn")
                .setStep("train")
                .setOwner("ml-platform")
                .setAttempt(1)
                .build())
        .setCode(
            CodeInfo.newBuilder()
                .setRepository("https://git.example/churn.git")
                .setVersion("9f2c4e1")
                .setDirty(false)
                .build())
        .setConfig(
            ConfigInfo.newBuilder()
                .setDigest(CONFIG.value())
                .setParameters(Map.of("lr", "0.01"))
                .build())
        .setSeed(42L)
        .setEnvironment(
            EnvironmentInfo.newBuilder()
                .setDigest(ENVIRONMENT.value())
                .setImage("registry/train@" + ENVIRONMENT.value())
                .setLockfile(Digest.sha256("uv.lock").value())
                .setTools(Map.of("python", "3.11.7", "torch", "2.5.1"))
                .setHardware(Map.of("gpu", "NVIDIA H100", "driver", "550.54"))
                .setVariables(Map.of("CUDA_VISIBLE_DEVICES", "0"))
                .build())
        .setInputs(
            List.of(
                InputArtifact.newBuilder()
                    .setName(FEATURES)
                    .setDigest(FEATURES_V1.value())
                    .setProducedAt(T0.minusSeconds(3600))
                    .build()))
        .setProducer("https://lineage-gate.dev/testkit")
        .build();
  }

  /** COMPLETE of the train run: outputs, cost and checks (every field of §3 set). */
  public static ExecutionEvent trainComplete() {
    return ExecutionEvent.newBuilder(trainStart())
        .setEventId(COMPLETE_EVENT)
        .setEventType(EventType.COMPLETE)
        .setEventTime(T0.plusSeconds(60))
        .setOutputs(
            List.of(
                OutputArtifact.newBuilder()
                    .setName(MODEL)
                    .setDigest(MODEL_V1.value())
                    .setSizeBytes(1234L)
                    .build()))
        .setCost(
            CostInfo.newBuilder()
                .setDurationMs(60_000L)
                .setCpuSeconds(1.5)
                .setGpuSeconds(0.0)
                .setTokens(0L)
                .build())
        .setChecks(
            List.of(
                CheckResult.newBuilder()
                    .setName("auc>=0.8")
                    .setPassed(true)
                    .setSeverity(CheckSeverity.ERROR)
                    .setObserved("0.83")
                    .build()))
        .build();
  }

  /** FAIL of the train run: the output it left behind and why it failed. */
  public static ExecutionEvent trainFail() {
    return ExecutionEvent.newBuilder(trainComplete())
        .setEventId("0b9d2a61-4c3e-4f8a-9e2b-1a2b3c4d5e04")
        .setEventType(EventType.FAIL)
        .setChecks(List.of())
        .setError(
            ErrorInfo.newBuilder()
                .setMessage("CUDA out of memory")
                .setType("torch.OutOfMemoryError")
                .setStackTrace(null)
                .build())
        .build();
  }

  /**
   * A heartbeat of a streaming run (run.mode STREAMING, DESIGN.md §3): a Flink-like job that never
   * completes and lists, on each event, what it wrote.
   */
  public static ExecutionEvent streamingHeartbeat() {
    final ExecutionEvent complete = trainComplete();
    return ExecutionEvent.newBuilder(trainStart())
        .setEventId("0b9d2a61-4c3e-4f8a-9e2b-1a2b3c4d5e05")
        .setEventTime(T0.plusSeconds(30))
        .setRun(
            RunInfo.newBuilder(trainStart().getRun())
                .setRunId(runId(0x5e))
                .setStep("enrich-stream")
                .setMode(RunMode.STREAMING)
                .build())
        .setOutputs(complete.getOutputs())
        .build();
  }

  /**
   * Heartbeat {@code beat} of streaming run {@code runId}, shaped like {@link
   * #streamingHeartbeat()} and as real producers (Flink, Spark Structured Streaming) send them
   * forever: the same inputs (features by digest, a topic by name only) and output on every event,
   * a new eventId and an event time 30 s later each beat (beat 0 at {@code T0}); the topic it
   * writes to at version {@code output} (null: no digest, as most integrations report it).
   */
  public static ExecutionEvent streamingHeartbeat(
      final String runId, final int beat, final Digest output) {
    final ExecutionEvent template = streamingHeartbeat();
    return ExecutionEvent.newBuilder(template)
        .setEventId(eventId(runId, "beat " + beat))
        .setEventTime(T0.plusSeconds(30L * beat))
        .setRun(RunInfo.newBuilder(template.getRun()).setRunId(runId).build())
        .setInputs(List.of(template.getInputs().get(0), input(CLICKS, null)))
        .setOutputs(List.of(output(ENRICHED, output)))
        .build();
  }

  /** Only the five required fields: valid, and unauditable. */
  public static ExecutionEvent minimalStart() {
    return ExecutionEvent.newBuilder()
        .setEventId("0b9d2a61-4c3e-4f8a-9e2b-1a2b3c4d5e03")
        .setEventType(EventType.START)
        .setEventTime(T0)
        .setRun(RunInfo.newBuilder().setRunId(TRAIN_RUN).setStep("train").build())
        .build();
  }

  /** A fixed run id: {@code runId(3)} is always the same UUID, distinct from the train run's. */
  public static String runId(final int n) {
    return String.format("7f1d3c52-2b8e-4a57-9c1e-5d7a9b0e%04x", n);
  }

  /** A fixed event id derived from the run and what the event is, e.g. "complete". */
  public static String eventId(final String runId, final String what) {
    return UUID.nameUUIDFromBytes((runId + "/" + what).getBytes(StandardCharsets.UTF_8)).toString();
  }

  public static InputArtifact input(final String name, final Digest digest) {
    return InputArtifact.newBuilder()
        .setName(name)
        .setDigest(digest == null ? null : digest.value())
        .setProducedAt(null)
        .build();
  }

  public static OutputArtifact output(final String name, final Digest digest) {
    return OutputArtifact.newBuilder()
        .setName(name)
        .setDigest(digest == null ? null : digest.value())
        .setSizeBytes(100L)
        .build();
  }

  /**
   * START of a fully auditable run of {@code step} (the train run's metadata) consuming {@code
   * inputs}, at {@code T0 + minute} minutes: a building block for pipelines of several steps.
   */
  public static ExecutionEvent start(
      final String runId, final String step, final int minute, final List<InputArtifact> inputs) {
    final ExecutionEvent template = trainStart();
    return ExecutionEvent.newBuilder(template)
        .setEventId(eventId(runId, "start"))
        .setEventTime(T0.plusSeconds(60L * minute))
        .setRun(RunInfo.newBuilder(template.getRun()).setRunId(runId).setStep(step).build())
        .setInputs(inputs)
        .build();
  }

  /** COMPLETE of the run started by {@link #start}, one minute later, with {@code outputs}. */
  public static ExecutionEvent complete(
      final String runId,
      final String step,
      final int minute,
      final List<InputArtifact> inputs,
      final List<OutputArtifact> outputs) {
    return ExecutionEvent.newBuilder(start(runId, step, minute, inputs))
        .setEventId(eventId(runId, "complete"))
        .setEventType(EventType.COMPLETE)
        .setEventTime(T0.plusSeconds(60L * minute + 60))
        .setOutputs(outputs)
        .build();
  }

  /** The verdict of model v1 after its input was superseded. */
  public static Verdict modelVerdict() {
    return Verdict.newBuilder()
        .setArtifact(MODEL_V1.value())
        .setName(MODEL)
        .setStatus(VerdictStatus.WARN)
        .setReasons(List.of(supersededInput()))
        .setReproducibility(
            Reproducibility.newBuilder()
                .setGrade(ReproducibilityGrade.FULL)
                .setGaps(List.of())
                .build())
        .setProducingRunId(TRAIN_RUN)
        .setRecipe(RECIPE.value())
        .setReproducedBy(List.of("7f1d3c52-2b8e-4a57-9c1e-5d7a9b0e1f02"))
        .setPolicyVersion(POLICY.value())
        .setSequence(2L)
        .setEvaluatedAt(T0.plusSeconds(120))
        .setDerived(false)
        .build();
  }

  public static Alert modelAlert() {
    return Alert.newBuilder()
        .setAlertId(Digest.sha256("alert model v1 seq 2").value())
        .setKind(AlertKind.VERDICT_WORSENED)
        .setSeverity(Severity.WARN)
        .setArtifact(MODEL_V1.value())
        .setName(MODEL)
        .setOwner("ml-platform")
        .setRunId(TRAIN_RUN)
        .setSummary("model:churn v1 consumed a superseded version of " + FEATURES)
        .setReasons(List.of(supersededInput()))
        .setSuggestedAction(SuggestedAction.RERUN)
        .setRollbackCandidate(MODEL_V0.value())
        .setVerdictSequence(2L)
        .setRaisedAt(T0.plusSeconds(120))
        .build();
  }

  public static GateDecision modelDecision() {
    return GateDecision.newBuilder()
        .setDecisionId(Digest.sha256("decision model v1 prod").value())
        .setDecision(DecisionKind.BLOCK)
        .setArtifact(MODEL_V1.value())
        .setName(MODEL)
        .setTarget("prod")
        .setReasons(List.of(supersededInput()))
        .setRequestId("release-2026-11-22-1")
        .setRequestedBy("release-bot")
        .setVerdictSequence(2L)
        .setPolicyVersion(POLICY.value())
        .setRollbackCandidate(MODEL_V0.value())
        .setWaiver(null)
        .setDecidedAt(T0.plusSeconds(180))
        .setEnvelope(
            DsseEnvelope.newBuilder()
                .setPayloadType("application/vnd.in-toto+json")
                .setPayload(
                    ByteBuffer.wrap("{\"_type\":\"statement\"}".getBytes(StandardCharsets.UTF_8)))
                .setSignatures(
                    List.of(
                        DsseSignature.newBuilder()
                            .setKeyid("gate-key-1")
                            .setSig(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}))
                            .build()))
                .build())
        .build();
  }

  private static Reason supersededInput() {
    return Reason.newBuilder()
        .setCode(ReasonCode.SUPERSEDED_INPUT)
        .setSeverity(Severity.WARN)
        .setMessage("a newer version of " + FEATURES + " was produced")
        .setEvidence(
            Map.of("input", FEATURES_V1.value(), "newer", Digest.sha256("features v2").value()))
        .build();
  }
}
