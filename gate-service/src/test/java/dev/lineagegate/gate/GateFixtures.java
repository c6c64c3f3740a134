package dev.lineagegate.gate;

import dev.lineagegate.attest.SigningKey;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.Waiver;
import dev.lineagegate.avro.gate.WaiverGrant;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.id.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fixed fixtures of the gate's tests: digests, verdicts, reasons, one signing key. */
public final class GateFixtures {

  public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  public static final Policy POLICY = Policy.defaults();
  public static final SigningKey KEY = SigningKey.generate();
  public static final String MODEL = "model:churn";
  public static final String V1 = digest("v1");
  public static final String V2 = digest("v2");
  public static final String V3 = digest("v3");
  public static final String OTHER = digest("other");

  /**
   * Small bounds, so that a test fills them with a few records: 3 versions per name and target, 3
   * targets, 2 waivers and 5 decisions per artifact.
   */
  public static final GateBounds BOUNDS = new GateBounds(3, 3, 2, 5);

  private GateFixtures() {}

  public static String digest(final String seed) {
    return Digest.sha256("gate-fixture:" + seed).value();
  }

  public static Reason reason(final ReasonCode code, final Severity severity) {
    return new Reason(code, severity, code.name().toLowerCase() + " (fixture)", Map.of("k", "v"));
  }

  public static Verdict verdict(final String digest, final long sequence, final Reason... reasons) {
    VerdictStatus status = VerdictStatus.PASS;
    for (final Reason reason : reasons) {
      if (reason.getSeverity() == Severity.BLOCK) {
        status = VerdictStatus.BLOCK;
      } else if (status == VerdictStatus.PASS) {
        status = VerdictStatus.WARN;
      }
    }
    return Verdict.newBuilder()
        .setArtifact(digest)
        .setName(MODEL)
        .setStatus(status)
        .setReasons(new ArrayList<>(List.of(reasons)))
        .setReproducibility(new Reproducibility(ReproducibilityGrade.FULL, List.of()))
        .setProducingRunId("00000000-0000-4000-8000-000000000001")
        .setRecipe(null)
        .setReproducedBy(List.of())
        .setPolicyVersion(POLICY.version().value())
        .setSequence(sequence)
        .setEvaluatedAt(T0.plusSeconds(sequence))
        .build();
  }

  public static WaiverGrant grant(final String target, final ReasonCode code, final Instant until) {
    return new WaiverGrant(
        target, "waiver-" + code + "-" + target, new Waiver(code, until, "fixture", "alice"));
  }

  public static Decisions decisions() {
    return new Decisions(KEY, POLICY.version().value());
  }
}
