package dev.lineagegate.gate.rules;

import dev.lineagegate.avro.DecisionKind;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.gate.WaiverGrant;
import dev.lineagegate.policy.TargetPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * May an artifact go to a target (DESIGN.md §6.4, §7)? A plain function of its latest verdict, the
 * target's policy and the waivers active at {@code now}; the gate's HTTP answers, its recorded
 * promotions and its revocations all decide with this one function, so they cannot disagree.
 *
 * <p>A waiver lifts its reason code for its target until it expires. What remains decides: the
 * status is the worst remaining severity (the verdict's own status when nothing was lifted), and
 * the target blocks on that status or on any remaining reason it lists by code.
 */
public final class GateRules {

  static final String UNKNOWN_MESSAGE =
      "no verdict for this artifact: lineage-stream has not evaluated it (yet)";

  private GateRules() {}

  public static Evaluation decide(
      final Verdict verdict,
      final TargetPolicy target,
      final List<WaiverGrant> waivers,
      final Instant now) {
    final Set<ReasonCode> lifted = active(waivers, target.name(), now);
    if (verdict == null) {
      final Reason unknown =
          new Reason(ReasonCode.UNKNOWN_ARTIFACT, Severity.BLOCK, UNKNOWN_MESSAGE, Map.of());
      if (lifted.contains(ReasonCode.UNKNOWN_ARTIFACT)) {
        return new Evaluation(
            DecisionKind.ALLOW, List.of(), List.of(ReasonCode.UNKNOWN_ARTIFACT), null, null);
      }
      return new Evaluation(DecisionKind.BLOCK, List.of(unknown), List.of(), null, null);
    }
    final List<Reason> remaining = new ArrayList<>();
    final List<ReasonCode> waived = new ArrayList<>();
    for (final Reason reason : verdict.getReasons()) {
      if (lifted.contains(reason.getCode())) {
        if (!waived.contains(reason.getCode())) {
          waived.add(reason.getCode());
        }
      } else {
        remaining.add(reason);
      }
    }
    final VerdictStatus status = waived.isEmpty() ? verdict.getStatus() : worst(remaining);
    final boolean blocked =
        target.blocks(status) || remaining.stream().anyMatch(r -> target.blocksReason(r.getCode()));
    return new Evaluation(
        blocked ? DecisionKind.BLOCK : DecisionKind.ALLOW,
        remaining,
        waived,
        verdict.getSequence(),
        verdict.getPolicyVersion());
  }

  /** The reason codes lifted for {@code target} at {@code now}: expiry is exclusive. */
  static Set<ReasonCode> active(
      final List<WaiverGrant> waivers, final String target, final Instant now) {
    final Set<ReasonCode> codes = EnumSet.noneOf(ReasonCode.class);
    for (final WaiverGrant grant : waivers) {
      if (grant.getTarget().equals(target) && grant.getWaiver().getExpiresAt().isAfter(now)) {
        codes.add(grant.getWaiver().getReason());
      }
    }
    return codes;
  }

  static VerdictStatus worst(final List<Reason> reasons) {
    VerdictStatus worst = VerdictStatus.PASS;
    for (final Reason reason : reasons) {
      if (reason.getSeverity() == Severity.BLOCK) {
        return VerdictStatus.BLOCK;
      }
      worst = VerdictStatus.WARN;
    }
    return worst;
  }
}
