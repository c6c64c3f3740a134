package dev.lineagegate.gate.rules;

import dev.lineagegate.avro.DecisionKind;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import java.util.List;

/**
 * What the gate rules say about one artifact for one target.
 *
 * @param decision ALLOW or BLOCK
 * @param reasons the verdict's reasons that still count (waived ones removed); for an artifact
 *     without a verdict, UNKNOWN_ARTIFACT
 * @param waived the reason codes an active waiver lifted
 * @param verdictSequence the sequence of the verdict decided on, null when there is none
 * @param verdictPolicyVersion the policy the verdict was evaluated under, null when there is none
 */
public record Evaluation(
    DecisionKind decision,
    List<Reason> reasons,
    List<ReasonCode> waived,
    Long verdictSequence,
    String verdictPolicyVersion) {

  public Evaluation {
    reasons = List.copyOf(reasons);
    waived = List.copyOf(waived);
  }

  public boolean blocks() {
    return decision == DecisionKind.BLOCK;
  }
}
