package dev.lineagegate.lineagestream;

import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.id.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Expected records, written out whole, for the topology tests. */
final class Expect {

  private Expect() {}

  /** The verdict of a source: no run produced it, nothing against it, grade NONE. */
  static Verdict source(final Digest artifact, final String name, final Instant at) {
    return source(artifact.value(), name, false, at);
  }

  /**
   * The verdict of a source at address {@code artifact}: a digest, or the unversioned source node
   * of a name read without one ({@code derived}, DESIGN.md §2).
   */
  static Verdict source(
      final String artifact, final String name, final boolean derived, final Instant at) {
    return Verdict.newBuilder()
        .setArtifact(artifact)
        .setName(name)
        .setStatus(VerdictStatus.PASS)
        .setReasons(List.of())
        .setReproducibility(
            new Reproducibility(ReproducibilityGrade.NONE, List.of("no producing run known")))
        .setProducingRunId(null)
        .setRecipe(null)
        .setReproducedBy(List.of())
        .setPolicyVersion(Policy.defaults().version().value())
        .setSequence(1L)
        .setEvaluatedAt(at)
        .setDerived(derived)
        .build();
  }

  /** A PASS verdict with grade FULL of {@code artifact} produced by {@code runId}. */
  static Verdict pass(
      final Digest artifact,
      final String name,
      final String runId,
      final String recipe,
      final Instant at) {
    return Verdict.newBuilder()
        .setArtifact(artifact.value())
        .setName(name)
        .setStatus(VerdictStatus.PASS)
        .setReasons(List.of())
        .setReproducibility(new Reproducibility(ReproducibilityGrade.FULL, List.of()))
        .setProducingRunId(runId)
        .setRecipe(recipe)
        .setReproducedBy(List.of())
        .setPolicyVersion(Policy.defaults().version().value())
        .setSequence(1L)
        .setEvaluatedAt(at)
        .setDerived(false)
        .build();
  }

  /** {@code base} with these reasons, the status they give, and {@code sequence}. */
  static Verdict with(final Verdict base, final long sequence, final Reason... reasons) {
    final boolean block =
        List.of(reasons).stream().anyMatch(r -> r.getSeverity() == Severity.BLOCK);
    return Verdict.newBuilder(base)
        .setReasons(List.of(reasons))
        .setStatus(
            reasons.length == 0
                ? VerdictStatus.PASS
                : block ? VerdictStatus.BLOCK : VerdictStatus.WARN)
        .setSequence(sequence)
        .build();
  }

  static Reason reason(
      final ReasonCode code,
      final Severity severity,
      final String message,
      final Map<String, String> evidence) {
    return new Reason(code, severity, message, evidence);
  }

  /** The recipe, computed from its documented canonical JSON independently of the code. */
  static String recipe(final String step, final String seedAndInputsJson) {
    return Digest.sha256(
            "{\"codeVersion\":\"9f2c4e1\",\"configDigest\":\""
                + dev.lineagegate.testkit.TestEvents.CONFIG.value()
                + "\",\"environmentDigest\":\""
                + dev.lineagegate.testkit.TestEvents.ENVIRONMENT.value()
                + "\","
                + seedAndInputsJson
                + ",\"step\":\""
                + step
                + "\"}")
        .value();
  }

  /** The recipe of a run with the train run's metadata and these input digests. */
  static String recipe(final String step, final Digest... inputs) {
    final StringBuilder json = new StringBuilder("\"inputs\":[");
    for (int i = 0; i < inputs.length; i++) {
      json.append(i == 0 ? "" : ",").append('"').append(inputs[i].value()).append('"');
    }
    return recipe(step, json.append("],\"seed\":42").toString());
  }
}
