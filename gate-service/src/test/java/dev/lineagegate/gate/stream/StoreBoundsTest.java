package dev.lineagegate.gate.stream;

import static dev.lineagegate.gate.GateFixtures.MODEL;
import static dev.lineagegate.gate.GateFixtures.POLICY;
import static dev.lineagegate.gate.GateFixtures.V1;
import static dev.lineagegate.gate.GateFixtures.V2;
import static dev.lineagegate.gate.GateFixtures.V3;
import static dev.lineagegate.gate.GateFixtures.digest;
import static dev.lineagegate.gate.GateFixtures.reason;
import static dev.lineagegate.gate.GateFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.Waiver;
import dev.lineagegate.avro.gate.ArtifactGate;
import dev.lineagegate.avro.gate.Promotion;
import dev.lineagegate.avro.gate.PromotionState;
import dev.lineagegate.avro.gate.Revoke;
import dev.lineagegate.avro.gate.WaiverExpiry;
import dev.lineagegate.avro.gate.WaiverGrant;
import dev.lineagegate.gate.Decisions;
import dev.lineagegate.gate.GateFixtures;
import dev.lineagegate.gate.GateHarness;
import dev.lineagegate.gate.rules.GateRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every list the gate keeps per key stays within its bound ({@link GateFixtures#BOUNDS}: 3 versions
 * per name and target, 3 targets, 2 waivers and 5 decisions per artifact), the newest entries kept.
 * "canary" is a target the policy does not list: the topology keeps its promotions and never
 * revokes them, which keeps the other targets' revocations the only output.
 */
class StoreBoundsTest {

  private static final Reason RUN_FAILED = reason(ReasonCode.RUN_FAILED, Severity.BLOCK);
  private static final String V4 = digest("v4");

  private final GateHarness gate = new GateHarness();
  private final Decisions decisions = GateFixtures.decisions();

  @AfterEach
  void close() {
    gate.close();
  }

  @Test
  void shouldDropTheLeastRecentlyPromotedTargetWhenAnArtifactIsPromotedToMoreTargets() {
    // Given v1 promoted to prod, staging, dev, then canary: one target more than it keeps
    gate.verdict(verdict(V1, 1));
    final GateDecision prod = allow(verdict(V1, 1), "prod", "r1");
    final GateDecision staging = allow(verdict(V1, 1), "staging", "r2");
    final GateDecision dev = allow(verdict(V1, 1), "dev", "r3");
    final GateDecision canary = allow(verdict(V1, 1), "canary", "r4");
    gate.decision(prod).decision(staging).decision(dev).decision(canary);

    // When its verdict turns BLOCK
    gate.verdict(verdict(V1, 2, RUN_FAILED));

    // Then the prod promotion was dropped: only staging is revoked (dev blocks nothing)
    assertThat(gate.published())
        .containsExactly(new TestRecord<>(V1, revoked(V1, "staging", "r2", 2L, null), gate.now()));
    assertThat(gate.state(V1).getPromotions())
        .containsExactly(
            promotion(staging, PromotionState.REVOKED),
            promotion(dev, PromotionState.ACTIVE),
            promotion(canary, PromotionState.ACTIVE));
  }

  @Test
  void shouldDropTheOldestWaiverAndItsExpiryWhenAnArtifactHoldsMoreWaivers() {
    // Given three waivers granted on v1, one more than an artifact holds
    gate.verdict(verdict(V1, 1, RUN_FAILED));
    final GateDecision first = waived("w-1", ReasonCode.RUN_FAILED, 30);
    final GateDecision second = waived("w-2", ReasonCode.MISSING_SEED, 31);
    final GateDecision third = waived("w-3", ReasonCode.CHECK_FAILED, 32);

    // When they are recorded
    gate.decision(first).decision(second).decision(third);

    // Then the oldest no longer lifts its reason
    assertThat(gate.state(V1).getWaivers()).containsExactly(grant(second), grant(third));

    // When every expiry has passed, Then only the waivers held are announced as expired
    gate.advance(Duration.ofSeconds(40));
    assertThat(gate.published())
        .containsExactly(
            new TestRecord<>(V1, expired(second), gate.now()),
            new TestRecord<>(V1, expired(third), gate.now()));
    assertThat(gate.state(V1).getWaivers()).isEmpty();
  }

  @Test
  void shouldKeepTheNewestDecisionsAndTheirRequestsWhenAnArtifactHasMoreDecisions() {
    // Given v1 blocked for prod
    gate.verdict(verdict(V1, 1, RUN_FAILED));
    final List<GateDecision> blocks =
        List.of(block("r1"), block("r2"), block("r3"), block("r4"), block("r5"), block("r6"));

    // When six promotion requests are recorded, one more than an artifact keeps
    blocks.forEach(gate::decision);

    // Then the log holds the five newest, and only their requests are remembered
    assertThat(gate.log(V1)).containsExactlyElementsOf(blocks.subList(1, 6));
    assertThat(gate.request(V1, "r1")).isNull();
    assertThat(gate.request(V1, "r2")).isEqualTo(blocks.get(1));
    assertThat(gate.request(V1, "r6")).isEqualTo(blocks.get(5));
    assertThat(gate.state(V1).getLogged()).isEqualTo(5);
    assertThat(gate.published()).isEmpty();
  }

  @Test
  void shouldCountTheLogOnceWhenTheStateWasWrittenBeforeItWasCounted() {
    // Given five decisions recorded by a gate that did not count them
    gate.verdict(verdict(V1, 1, RUN_FAILED));
    final List<GateDecision> blocks =
        List.of(block("r1"), block("r2"), block("r3"), block("r4"), block("r5"), block("r6"));
    blocks.subList(0, 5).forEach(gate::decision);
    gate.state(ArtifactGate.newBuilder(gate.state(V1)).setLogged(null).build());

    // When a sixth is recorded
    gate.decision(blocks.get(5));

    // Then the log was counted, and holds the five newest
    assertThat(gate.log(V1)).containsExactlyElementsOf(blocks.subList(1, 6));
    assertThat(gate.state(V1).getLogged()).isEqualTo(5);
    assertThat(gate.published()).isEmpty();
  }

  @Test
  void shouldDropTheLeastRecentlyAllowedTargetWhenANameIsAllowedToMoreTargets() {
    // Given v1 then v2 of model:churn allowed to prod, then v3 to three other targets
    gate.verdict(verdict(V1, 1)).verdict(verdict(V2, 1)).verdict(verdict(V3, 1));
    gate.decision(allow(verdict(V1, 1), "prod", "r1"))
        .decision(allow(verdict(V2, 1), "prod", "r2"))
        .decision(allow(verdict(V3, 1), "staging", "r3"))
        .decision(allow(verdict(V3, 1), "dev", "r4"))
        .decision(allow(verdict(V3, 1), "canary", "r5"));

    // When v2 turns BLOCK
    gate.verdict(verdict(V2, 2, RUN_FAILED));

    // Then it is revoked without a rollback candidate: prod's versions were dropped with it
    assertThat(gate.published())
        .containsExactly(new TestRecord<>(V2, revoked(V2, "prod", "r2", 2L, null), gate.now()));
  }

  @Test
  void shouldDropTheOldestVersionWhenANameIsAllowedMoreVersionsToATarget() {
    // Given v1, v2, v3, v4 of model:churn allowed to prod: one version more than a name keeps
    for (final String version : List.of(V1, V2, V3, V4)) {
      gate.verdict(verdict(version, 1)).decision(allow(verdict(version, 1), "prod", version));
    }

    // When v4, v3 and v2 turn BLOCK in turn
    gate.verdict(verdict(V4, 2, RUN_FAILED))
        .verdict(verdict(V3, 2, RUN_FAILED))
        .verdict(verdict(V2, 2, RUN_FAILED));

    // Then each rolls back to the one before, and v2 to none: v1 was dropped
    assertThat(gate.published())
        .containsExactly(
            new TestRecord<>(V4, revoked(V4, "prod", V4, 2L, V3), gate.now()),
            new TestRecord<>(V3, revoked(V3, "prod", V3, 2L, V2), gate.now()),
            new TestRecord<>(V2, revoked(V2, "prod", V2, 2L, null), gate.now()));
  }

  /** An ALLOW of a PASS verdict: every target's rules allow it, canary's included. */
  private GateDecision allow(final Verdict verdict, final String target, final String requestId) {
    return decisions.evaluated(
        verdict.getArtifact(),
        MODEL,
        target,
        GateRules.decide(verdict, POLICY.target("dev"), List.of(), gate.now()),
        requestId,
        "ci",
        gate.now());
  }

  private GateDecision block(final String requestId) {
    return decisions.evaluated(
        V1,
        MODEL,
        "prod",
        GateRules.decide(verdict(V1, 1, RUN_FAILED), POLICY.target("prod"), List.of(), gate.now()),
        requestId,
        "ci",
        gate.now());
  }

  /** A WAIVED for staging as the service publishes it, with a fixed id. */
  private GateDecision waived(final String id, final ReasonCode code, final int seconds) {
    final Waiver waiver = new Waiver(code, gate.now().plusSeconds(seconds), "fixture", "alice");
    return GateDecision.newBuilder(decisions.waived(V1, MODEL, "staging", waiver, gate.now()))
        .setDecisionId(id)
        .build();
  }

  private static WaiverGrant grant(final GateDecision waived) {
    return new WaiverGrant(waived.getTarget(), waived.getDecisionId(), waived.getWaiver());
  }

  private GateDecision expired(final GateDecision waived) {
    return decisions.waiverExpired(
        new WaiverExpiry(
            V1,
            MODEL,
            "staging",
            waived.getDecisionId(),
            waived.getWaiver(),
            POLICY.version().value(),
            gate.now()));
  }

  private static Promotion promotion(final GateDecision allow, final PromotionState state) {
    return new Promotion(
        allow.getTarget(),
        allow.getDecisionId(),
        allow.getRequestId(),
        allow.getVerdictSequence(),
        allow.getDecidedAt(),
        state);
  }

  private GateDecision revoked(
      final String digest,
      final String target,
      final String requestId,
      final Long sequence,
      final String candidate) {
    final Instant at = gate.now();
    return decisions.revoked(
        new Revoke(
            digest,
            MODEL,
            target,
            List.of(RUN_FAILED),
            List.of(),
            requestId,
            sequence,
            POLICY.version().value(),
            at),
        candidate);
  }
}
