package dev.lineagegate.gate.rules;

import static dev.lineagegate.gate.GateFixtures.T0;
import static dev.lineagegate.gate.GateFixtures.V1;
import static dev.lineagegate.gate.GateFixtures.grant;
import static dev.lineagegate.gate.GateFixtures.reason;
import static dev.lineagegate.gate.GateFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lineagegate.avro.DecisionKind;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.policy.TargetPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GateRulesTest {

  private static final TargetPolicy PROD = Policy.defaults().target("prod");
  private static final TargetPolicy STAGING = Policy.defaults().target("staging");
  private static final TargetPolicy DEV = Policy.defaults().target("dev");
  private static final Reason WARN = reason(ReasonCode.SUPERSEDED_INPUT, Severity.WARN);
  private static final Reason BLOCK = reason(ReasonCode.MISSING_SEED, Severity.BLOCK);

  @Test
  void shouldBlockWithUnknownArtifactWhenThereIsNoVerdict() {
    // Given no verdict, When deciding for the most permissive target
    final Evaluation evaluation = GateRules.decide(null, DEV, List.of(), T0);

    // Then BLOCK, with the one reason, and no sequence
    assertThat(evaluation.decision()).isEqualTo(DecisionKind.BLOCK);
    assertThat(evaluation.reasons())
        .extracting(Reason::getCode, Reason::getSeverity)
        .containsExactly(tuple(ReasonCode.UNKNOWN_ARTIFACT, Severity.BLOCK));
    assertThat(evaluation.verdictSequence()).isNull();
    assertThat(evaluation.waived()).isEmpty();
  }

  @Test
  void shouldDecidePerTargetWhenTheVerdictWarns() {
    // Given a WARN verdict
    final var warned = verdict(V1, 4, WARN);

    // When / Then: prod blocks WARN, staging and dev do not; reasons are kept either way
    assertThat(GateRules.decide(warned, PROD, List.of(), T0))
        .isEqualTo(
            new Evaluation(
                DecisionKind.BLOCK, List.of(WARN), List.of(), 4L, warned.getPolicyVersion()));
    assertThat(GateRules.decide(warned, STAGING, List.of(), T0))
        .isEqualTo(
            new Evaluation(
                DecisionKind.ALLOW, List.of(WARN), List.of(), 4L, warned.getPolicyVersion()));
    assertThat(GateRules.decide(warned, DEV, List.of(), T0).decision())
        .isEqualTo(DecisionKind.ALLOW);
  }

  @Test
  void shouldAllowEverywhereWhenTheVerdictPasses() {
    final var passed = verdict(V1, 1);
    for (final TargetPolicy target : List.of(PROD, STAGING, DEV)) {
      assertThat(GateRules.decide(passed, target, List.of(), T0))
          .isEqualTo(
              new Evaluation(
                  DecisionKind.ALLOW, List.of(), List.of(), 1L, passed.getPolicyVersion()));
    }
  }

  @Test
  void shouldLiftAReasonWhenAWaiverForThatTargetIsActive() {
    // Given a BLOCK verdict with one BLOCK and one WARN reason, and a waiver of the BLOCK reason
    final var verdict = verdict(V1, 2, BLOCK, WARN);
    final var waiver = grant("staging", ReasonCode.MISSING_SEED, T0.plusSeconds(60));

    // When deciding for staging before the expiry
    final Evaluation staging = GateRules.decide(verdict, STAGING, List.of(waiver), T0);

    // Then the WARN that remains does not block staging, and the waived code is named
    assertThat(staging)
        .isEqualTo(
            new Evaluation(
                DecisionKind.ALLOW,
                List.of(WARN),
                List.of(ReasonCode.MISSING_SEED),
                2L,
                verdict.getPolicyVersion()));
    // and prod still blocks on the WARN, and the waiver does not apply to prod at all
    assertThat(GateRules.decide(verdict, PROD, List.of(waiver), T0))
        .isEqualTo(
            new Evaluation(
                DecisionKind.BLOCK,
                List.of(BLOCK, WARN),
                List.of(),
                2L,
                verdict.getPolicyVersion()));
  }

  @Test
  void shouldIgnoreAWaiverWhenItHasExpired() {
    final var verdict = verdict(V1, 2, BLOCK);
    final var waiver = grant("staging", ReasonCode.MISSING_SEED, T0);

    // Expiry is exclusive: at the expiry instant the waiver no longer counts
    assertThat(GateRules.decide(verdict, STAGING, List.of(waiver), T0).decision())
        .isEqualTo(DecisionKind.BLOCK);
    assertThat(GateRules.decide(verdict, STAGING, List.of(waiver), T0.minusMillis(1)).decision())
        .isEqualTo(DecisionKind.ALLOW);
  }

  @Test
  void shouldBlockOnAListedReasonWhenItsSeverityAloneWouldNot() {
    // Given a target that lets every status through but refuses NONDETERMINISTIC by code
    final Policy policy =
        Policy.parse(
            "targets:\n  dev: { block: [], reasons: [NONDETERMINISTIC] }\n"
                .getBytes(StandardCharsets.UTF_8),
            "test.yaml");
    final TargetPolicy dev = policy.target("dev");
    assertThat(dev)
        .isEqualTo(new TargetPolicy("dev", Set.of(), Set.of(ReasonCode.NONDETERMINISTIC)));
    final var nondeterministic = verdict(V1, 1, reason(ReasonCode.NONDETERMINISTIC, Severity.WARN));

    // Then it blocks, and a WARN of another code does not
    assertThat(GateRules.decide(nondeterministic, dev, List.of(), T0).decision())
        .isEqualTo(DecisionKind.BLOCK);
    assertThat(GateRules.decide(verdict(V1, 1, WARN), dev, List.of(), T0).decision())
        .isEqualTo(DecisionKind.ALLOW);
  }

  @Test
  void shouldAllowAnUnknownArtifactWhenUnknownArtifactIsWaived() {
    final var waiver = grant("prod", ReasonCode.UNKNOWN_ARTIFACT, T0.plusSeconds(1));
    assertThat(GateRules.decide(null, PROD, List.of(waiver), T0))
        .isEqualTo(
            new Evaluation(
                DecisionKind.ALLOW, List.of(), List.of(ReasonCode.UNKNOWN_ARTIFACT), null, null));
  }

  @Test
  void shouldTakeTheWorstRemainingSeverityWhenSomethingWasLifted() {
    assertThat(GateRules.worst(List.of())).isEqualTo(VerdictStatus.PASS);
    assertThat(GateRules.worst(List.of(WARN))).isEqualTo(VerdictStatus.WARN);
    assertThat(GateRules.worst(List.of(WARN, BLOCK))).isEqualTo(VerdictStatus.BLOCK);
    assertThat(
            GateRules.worst(
                List.of(new Reason(ReasonCode.MALFORMED, Severity.WARN, "m", Map.of()))))
        .isEqualTo(VerdictStatus.WARN);
  }
}
