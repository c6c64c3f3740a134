package dev.lineagegate.lineagestream.rules;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.Origin;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.avro.graph.UpstreamSignal;
import dev.lineagegate.lineagestream.run.RunMerge;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Rule fixtures built on {@link TestEvents}: fixed ids, digests and times. */
public final class RuleFixtures {

  public static final String OTHER_RUN = "7f1d3c52-2b8e-4a57-9c1e-5d7a9b0e1f02";
  public static final String THIRD_RUN = "7f1d3c52-2b8e-4a57-9c1e-5d7a9b0e1f03";
  public static final Digest FEATURES_V2 = Digest.sha256("features v2");
  public static final Digest MODEL_V2 = Digest.sha256("model v2");
  public static final Digest RAW_V1 = Digest.sha256("raw v1");
  public static final Digest CLEAN_V1 = Digest.sha256("clean v1");
  public static final Instant NOW = TestEvents.T0.plusSeconds(300);

  private RuleFixtures() {}

  /** The train run merged from START and COMPLETE: fully auditable, no findings. */
  public static RunFacts trainRun() {
    return RunMerge.merge(List.of(TestEvents.trainStart(), TestEvents.trainComplete()));
  }

  /** The train run with a second input, clean v1 ({@code s3://b/clean.parquet}). */
  public static RunFacts trainRunWithClean() {
    final ExecutionEvent complete = TestEvents.trainComplete();
    return runOf(
        ExecutionEvent.newBuilder(complete)
            .setInputs(
                List.of(
                    complete.getInputs().get(0),
                    TestEvents.input("s3://b/clean.parquet", CLEAN_V1)))
            .build());
  }

  /** The facts of a run whose merged view is {@code merged} (started at T0, ended at T0+60s). */
  public static RunFacts runOf(final ExecutionEvent merged) {
    return RunFacts.newBuilder(trainRun())
        .setRunId(merged.getRun().getRunId())
        .setMerged(merged)
        .build();
  }

  /** The train run's COMPLETE with a different runId, as a second run of the same recipe. */
  public static RunFacts otherRun(final String runId, final Instant endedAt) {
    final ExecutionEvent complete = TestEvents.trainComplete();
    return RunFacts.newBuilder(trainRun())
        .setRunId(runId)
        .setMerged(
            ExecutionEvent.newBuilder(complete)
                .setRun(RunInfo.newBuilder(complete.getRun()).setRunId(runId).build())
                .build())
        .setEndedAt(endedAt)
        .build();
  }

  /** The node of model v1, produced by {@code producers}. */
  public static ArtifactNode modelNode(final RunFacts... producers) {
    return ArtifactNode.newBuilder()
        .setArtifact(TestEvents.MODEL_V1.value())
        .setName(TestEvents.MODEL)
        .setProducers(List.of(producers))
        .build();
  }

  /** What features v1's node tells its consumers: no verdict reasons, nothing superseded. */
  public static UpstreamSignal featuresSignal() {
    return UpstreamSignal.newBuilder()
        .setFrom(TestEvents.FEATURES_V1.value())
        .setName(TestEvents.FEATURES)
        .setStatus(VerdictStatus.PASS)
        .setSettled(true)
        .setOrigins(List.of())
        .setProducedAt(null)
        .setSupersededBy(null)
        .setDepth(0)
        .setPath(List.of())
        .setBackEdge(false)
        .build();
  }

  public static Origin origin(
      final Digest artifact, final VerdictStatus status, final ReasonCode... codes) {
    return new Origin(artifact.value(), status, List.of(codes));
  }

  public static Policy policy(final String yaml) {
    return Policy.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
  }
}
