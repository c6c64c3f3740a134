package dev.lineagegate.gate.stream;

import dev.lineagegate.avro.gate.ArtifactGate;
import dev.lineagegate.avro.gate.GateMessage;
import dev.lineagegate.avro.gate.Promotion;
import dev.lineagegate.avro.gate.PromotionState;
import dev.lineagegate.avro.gate.Revoke;
import dev.lineagegate.gate.rules.Evaluation;
import dev.lineagegate.gate.rules.GateRules;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.policy.TargetPolicy;
import dev.lineagegate.policy.UnknownTargetException;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When an ACTIVE promotion's artifact now blocks for its target (new verdict, expired waiver, or a
 * verdict that turned while the promotion was being answered), the promotion becomes REVOKING and
 * the name task is asked to publish the REVOKED decision. REVOKING is kept in the artifact's state,
 * committed with the request (exactly_once_v2), so each change revokes exactly once.
 */
final class Revocations {

  private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);

  private final Policy policy;
  private final ProcessorContext<String, GateMessage> context;

  Revocations(final Policy policy, final ProcessorContext<String, GateMessage> context) {
    this.policy = policy;
    this.context = context;
  }

  /** Re-decides the ACTIVE promotions of {@code target} (every target when null). */
  void revokeWhereBlocked(final ArtifactGate state, final String target, final Instant now) {
    for (final Promotion promotion : state.getPromotions()) {
      if (promotion.getState() != PromotionState.ACTIVE
          || (target != null && !promotion.getTarget().equals(target))) {
        continue;
      }
      final TargetPolicy targetPolicy;
      try {
        targetPolicy = policy.target(promotion.getTarget());
      } catch (UnknownTargetException e) {
        LOG.warn(
            "promotion of {} to {} kept: the policy no longer lists that target",
            state.getArtifact(),
            promotion.getTarget());
        continue;
      }
      final Evaluation evaluation =
          GateRules.decide(state.getVerdict(), targetPolicy, state.getWaivers(), now);
      if (!evaluation.blocks()) {
        continue;
      }
      promotion.setState(PromotionState.REVOKING);
      final Revoke revoke =
          Revoke.newBuilder()
              .setArtifact(state.getArtifact())
              .setName(state.getName())
              .setTarget(promotion.getTarget())
              .setReasons(evaluation.reasons())
              .setWaivedReasons(evaluation.waived())
              .setRequestId(promotion.getRequestId())
              .setVerdictSequence(evaluation.verdictSequence())
              .setPolicyVersion(policy.version().value())
              .setAt(now)
              .build();
      context.forward(
          new Record<>(
              StoreKeys.nameAddress(state.getName(), state.getArtifact()),
              GateMessage.newBuilder().setBody(revoke).build(),
              now.toEpochMilli()));
    }
  }
}
