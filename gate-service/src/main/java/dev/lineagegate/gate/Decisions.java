package dev.lineagegate.gate;

import dev.lineagegate.attest.DecisionAttestation;
import dev.lineagegate.attest.Signer;
import dev.lineagegate.avro.DecisionKind;
import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.Waiver;
import dev.lineagegate.avro.gate.Revoke;
import dev.lineagegate.avro.gate.WaiverExpiry;
import dev.lineagegate.gate.rules.Evaluation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Builds every decision the gate publishes or answers, signed. Ids of published decisions are
 * name-based UUIDs of what caused them, so a replay (a retried promotion, a re-processed verdict)
 * yields the same id, and Ed25519 being deterministic, the same bytes.
 */
public final class Decisions {

  private final Signer key;
  private final String policyVersion;

  public Decisions(final Signer key, final String policyVersion) {
    this.key = key;
    this.policyVersion = policyVersion;
  }

  public String policyVersion() {
    return policyVersion;
  }

  /** The answer of a query, or (with a requestId) the decision of a promotion request. */
  public GateDecision evaluated(
      final String artifact,
      final String name,
      final String target,
      final Evaluation evaluation,
      final String requestId,
      final String requestedBy,
      final Instant now) {
    final String decisionId =
        requestId == null ? UUID.randomUUID().toString() : id("promotion", artifact, requestId);
    return sign(
        base(decisionId, evaluation.decision(), artifact, name, target, now)
            .setReasons(evaluation.reasons())
            .setWaivedReasons(evaluation.waived())
            .setVerdictSequence(evaluation.verdictSequence())
            .setRequestId(requestId)
            .setRequestedBy(requestedBy)
            .build());
  }

  public GateDecision waived(
      final String artifact,
      final String name,
      final String target,
      final Waiver waiver,
      final Instant now) {
    return sign(
        base(UUID.randomUUID().toString(), DecisionKind.WAIVED, artifact, name, target, now)
            .setWaiver(waiver)
            .build());
  }

  public GateDecision revoked(final Revoke revoke, final String rollbackCandidate) {
    return sign(
        base(
                id(
                    "revoked",
                    revoke.getArtifact(),
                    revoke.getTarget(),
                    seq(revoke),
                    String.valueOf(revoke.getRequestId())),
                DecisionKind.REVOKED,
                revoke.getArtifact(),
                revoke.getName(),
                revoke.getTarget(),
                revoke.getAt())
            .setReasons(revoke.getReasons())
            .setWaivedReasons(revoke.getWaivedReasons())
            .setVerdictSequence(revoke.getVerdictSequence())
            .setRequestId(revoke.getRequestId())
            .setRollbackCandidate(rollbackCandidate)
            .build());
  }

  public GateDecision waiverExpired(final WaiverExpiry expiry) {
    return sign(
        base(
                id("waiver-expired", expiry.getWaiverDecisionId()),
                DecisionKind.WAIVER_EXPIRED,
                expiry.getArtifact(),
                expiry.getName(),
                expiry.getTarget(),
                expiry.getAt())
            .setWaiver(expiry.getWaiver())
            .build());
  }

  private GateDecision.Builder base(
      final String decisionId,
      final DecisionKind kind,
      final String artifact,
      final String name,
      final String target,
      final Instant at) {
    return GateDecision.newBuilder()
        .setDecisionId(decisionId)
        .setDecision(kind)
        .setArtifact(artifact)
        .setName(name)
        .setTarget(target)
        .setReasons(List.of())
        .setWaivedReasons(List.of())
        .setPolicyVersion(policyVersion)
        .setDecidedAt(at);
  }

  private GateDecision sign(final GateDecision decision) {
    return DecisionAttestation.sign(decision, key);
  }

  private static String seq(final Revoke revoke) {
    return String.valueOf(revoke.getVerdictSequence());
  }

  /** A name-based (v3) UUID of the parts: the same cause, the same id. */
  static String id(final String... parts) {
    return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
