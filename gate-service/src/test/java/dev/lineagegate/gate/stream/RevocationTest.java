package dev.lineagegate.gate.stream;

import static dev.lineagegate.gate.GateFixtures.KEY;
import static dev.lineagegate.gate.GateFixtures.MODEL;
import static dev.lineagegate.gate.GateFixtures.POLICY;
import static dev.lineagegate.gate.GateFixtures.V1;
import static dev.lineagegate.gate.GateFixtures.V2;
import static dev.lineagegate.gate.GateFixtures.reason;
import static dev.lineagegate.gate.GateFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.attest.DecisionAttestation;
import dev.lineagegate.attest.DecisionJson;
import dev.lineagegate.avro.DecisionKind;
import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.Waiver;
import dev.lineagegate.avro.gate.PromotionState;
import dev.lineagegate.avro.gate.Revoke;
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

class RevocationTest {

  private static final Reason MISSING_SEED = reason(ReasonCode.MISSING_SEED, Severity.BLOCK);
  private static final Reason RUN_FAILED = reason(ReasonCode.RUN_FAILED, Severity.BLOCK);
  private static final Reason SUPERSEDED = reason(ReasonCode.SUPERSEDED_INPUT, Severity.WARN);

  private final GateHarness gate = new GateHarness();
  private final Decisions decisions = GateFixtures.decisions();

  @AfterEach
  void close() {
    gate.close();
  }

  @Test
  void shouldRevokeOnceWithTheRollbackCandidateWhenAPromotedVersionTurnsBlocking() {
    // Given v1 and then v2 of model:churn promoted to prod
    gate.verdict(verdict(V1, 1)).decision(allow(verdict(V1, 1), "prod", "r1"));
    gate.verdict(verdict(V2, 1)).decision(allow(verdict(V2, 1), "prod", "r2"));
    assertThat(gate.published()).isEmpty();

    // When v2's verdict turns BLOCK
    gate.verdict(verdict(V2, 2, MISSING_SEED));

    // Then exactly one REVOKED, naming v1 as the rollback candidate, signed
    final GateDecision expected = revoked(V2, "prod", List.of(MISSING_SEED), "r2", 2L, V1);
    assertThat(gate.published()).containsExactly(new TestRecord<>(V2, expected, gate.now()));
    assertThat(DecisionAttestation.verify(DecisionJson.withEnvelope(expected), KEY.publicKey()))
        .isEmpty();
    assertThat(gate.state(V2).getPromotions())
        .singleElement()
        .satisfies(p -> assertThat(p.getState()).isEqualTo(PromotionState.REVOKED));
    assertThat(gate.log(V2))
        .extracting(GateDecision::getDecision)
        .containsExactly(DecisionKind.ALLOW, DecisionKind.REVOKED);

    // When it changes again while still blocking, Then nothing more is published
    gate.verdict(verdict(V2, 3, RUN_FAILED));
    assertThat(gate.published()).isEmpty();
  }

  @Test
  void shouldIgnoreAnOlderSequenceWhenItArrivesAfterANewerOne() {
    // Given sequence 3 (PASS) promoted
    gate.verdict(verdict(V1, 3)).decision(allow(verdict(V1, 3), "prod", "r1"));

    // When a stale sequence 2 (BLOCK) arrives late
    gate.verdict(verdict(V1, 2, MISSING_SEED));

    // Then it is not the verdict, and nothing is revoked
    assertThat(gate.state(V1).getVerdict()).isEqualTo(verdict(V1, 3));
    assertThat(gate.published()).isEmpty();
  }

  @Test
  void shouldRevokeAtOnceWhenTheVerdictTurnedBeforeThePromotionWasRead() {
    // Given an ALLOW decided on sequence 1, and sequence 2 (BLOCK) read before that ALLOW
    final GateDecision allow = allow(verdict(V1, 1), "prod", "r1");
    gate.verdict(verdict(V1, 1)).verdict(verdict(V1, 2, RUN_FAILED));

    // When the ALLOW is read
    gate.decision(allow);

    // Then it is revoked at once; no other version was ever allowed: no candidate
    assertThat(gate.published())
        .containsExactly(
            new TestRecord<>(
                V1, revoked(V1, "prod", List.of(RUN_FAILED), "r1", 2L, null), gate.now()));
  }

  @Test
  void shouldRevokeOnlyTheTargetsThatBlockWhenAVerdictWarns() {
    // Given v1 promoted to prod and to staging
    gate.verdict(verdict(V1, 1))
        .decision(allow(verdict(V1, 1), "prod", "r1"))
        .decision(allow(verdict(V1, 1), "staging", "r2"));

    // When it gains a WARN (prod blocks WARN, staging does not)
    gate.verdict(verdict(V1, 2, SUPERSEDED));

    // Then only prod is revoked
    assertThat(gate.published())
        .containsExactly(
            new TestRecord<>(
                V1, revoked(V1, "prod", List.of(SUPERSEDED), "r1", 2L, null), gate.now()));
  }

  @Test
  void shouldPublishWaiverExpiredThenRevokeWhenAWaiverRunsOut() {
    // Given a BLOCK verdict whose reason is waived for staging, and a promotion made under it
    final Waiver waiver =
        new Waiver(ReasonCode.MISSING_SEED, gate.now().plusSeconds(30), "seedless by design", "a");
    final GateDecision waived = decisions.waived(V1, MODEL, "staging", waiver, gate.now());
    gate.verdict(verdict(V1, 1, MISSING_SEED)).decision(waived);
    final var grants = gate.state(V1).getWaivers();
    final GateDecision allow =
        decisions.evaluated(
            V1,
            MODEL,
            "staging",
            GateRules.decide(
                verdict(V1, 1, MISSING_SEED), POLICY.target("staging"), grants, gate.now()),
            "r1",
            "ci",
            gate.now());
    assertThat(allow.getDecision()).isEqualTo(DecisionKind.ALLOW);
    gate.decision(allow);
    assertThat(gate.published()).isEmpty();

    // When the wall clock passes the expiry
    gate.advance(Duration.ofSeconds(40));

    // Then the expiry is audited, and the promotion, now blocking, is revoked
    final List<TestRecord<String, GateDecision>> published = gate.published();
    assertThat(published)
        .extracting(r -> r.value().getDecision())
        .containsExactly(DecisionKind.WAIVER_EXPIRED, DecisionKind.REVOKED);
    assertThat(published.get(0).value().getWaiver()).isEqualTo(waiver);
    assertThat(published.get(1).value())
        .isEqualTo(
            revokedAt(
                V1,
                "staging",
                List.of(MISSING_SEED),
                "r1",
                1L,
                null,
                published.get(1).value().getDecidedAt()));
    assertThat(gate.state(V1).getWaivers()).isEmpty();

    // When the clock moves on, Then the expiry is not announced twice
    gate.advance(Duration.ofSeconds(40));
    assertThat(gate.published()).isEmpty();
  }

  @Test
  void shouldKeepTheFirstDecisionWhenARetriedRequestIsDecidedAgain() {
    // Given an ALLOW for request r1, recorded though its publish timed out for the service
    final GateDecision allow = allow(verdict(V1, 1), "prod", "r1");
    gate.verdict(verdict(V1, 1)).decision(allow);

    // When the verdict turns BLOCK (revoking it) and the client's retry of r1 is decided again
    gate.verdict(verdict(V1, 2, RUN_FAILED));
    final List<TestRecord<String, GateDecision>> revocation = gate.published();
    final GateDecision retried =
        decisions.evaluated(
            V1,
            MODEL,
            "prod",
            GateRules.decide(
                verdict(V1, 2, RUN_FAILED), POLICY.target("prod"), List.of(), gate.now()),
            "r1",
            "ci",
            gate.now());
    gate.decision(retried).decision(allow);

    // Then the request keeps its first decision, the revocation stands, and neither replay is
    // logged, re-arms the promotion or publishes anything
    assertThat(revocation)
        .containsExactly(
            new TestRecord<>(
                V1, revoked(V1, "prod", List.of(RUN_FAILED), "r1", 2L, null), gate.now()));
    assertThat(gate.request(V1, "r1")).isEqualTo(allow);
    assertThat(gate.log(V1))
        .extracting(GateDecision::getDecision)
        .containsExactly(DecisionKind.ALLOW, DecisionKind.REVOKED);
    assertThat(gate.state(V1).getPromotions())
        .singleElement()
        .satisfies(p -> assertThat(p.getState()).isEqualTo(PromotionState.REVOKED));
    assertThat(gate.published()).isEmpty();
  }

  private GateDecision allow(final Verdict verdict, final String target, final String requestId) {
    final GateDecision decision =
        decisions.evaluated(
            verdict.getArtifact(),
            MODEL,
            target,
            GateRules.decide(verdict, POLICY.target(target), List.of(), gate.now()),
            requestId,
            "ci",
            gate.now());
    assertThat(decision.getDecision()).isEqualTo(DecisionKind.ALLOW);
    return decision;
  }

  private GateDecision revoked(
      final String digest,
      final String target,
      final List<Reason> reasons,
      final String requestId,
      final Long sequence,
      final String candidate) {
    return revokedAt(digest, target, reasons, requestId, sequence, candidate, gate.now());
  }

  /** As {@link #revoked}, decided at {@code at} (a punctuation's wall clock). */
  private GateDecision revokedAt(
      final String digest,
      final String target,
      final List<Reason> reasons,
      final String requestId,
      final Long sequence,
      final String candidate,
      final Instant at) {
    return decisions.revoked(
        new Revoke(
            digest,
            MODEL,
            target,
            reasons,
            List.of(),
            requestId,
            sequence,
            POLICY.version().value(),
            at),
        candidate);
  }
}
