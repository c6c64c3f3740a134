package dev.lineagegate.lineagestream.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.testkit.TestEvents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictRulesTest {

  private static final Map<String, String> RUN = Map.of("runId", TestEvents.TRAIN_RUN);

  @Test
  void shouldPassWithSequenceOneWhenFirstVerdictOfAuditableRun() {
    // Given
    final RunFacts run = RuleFixtures.trainRun();
    final ArtifactNode node = RuleFixtures.modelNode(run);

    // When
    final Verdict verdict = VerdictRules.evaluate(node, Policy.defaults(), RuleFixtures.NOW);

    // Then
    assertThat(verdict).isEqualTo(expected(run).build());
  }

  @Test
  void shouldGradeNoneWithoutProducerWhenNoRunIsKnown() {
    // Given
    final ArtifactNode node = RuleFixtures.modelNode();

    // When
    final Verdict verdict = VerdictRules.evaluate(node, Policy.defaults(), RuleFixtures.NOW);

    // Then
    assertThat(verdict)
        .isEqualTo(
            expected(RuleFixtures.trainRun())
                .setReproducibility(ReproducibilityGrades.none())
                .setProducingRunId(null)
                .setRecipe(null)
                .build());
  }

  @Test
  void shouldWarnWhenOnlyWarnReasonsApply() {
    // Given
    final RunFacts run = unseeded();

    // When
    final Verdict verdict =
        VerdictRules.evaluate(RuleFixtures.modelNode(run), Policy.defaults(), RuleFixtures.NOW);

    // Then
    assertThat(verdict)
        .isEqualTo(
            expected(run)
                .setStatus(VerdictStatus.WARN)
                .setReasons(
                    List.of(
                        new Reason(
                            ReasonCode.MISSING_SEED, Severity.WARN, "no seed recorded", RUN)))
                .setReproducibility(
                    new Reproducibility(ReproducibilityGrade.PARTIAL, List.of("seed not captured")))
                .build());
  }

  @Test
  void shouldBlockWhenPolicyRaisesSeverity() {
    // Given
    final RunFacts run = unseeded();
    final Policy policy = RuleFixtures.policy("severities: { MISSING_SEED: BLOCK }\n");

    // When
    final Verdict verdict =
        VerdictRules.evaluate(RuleFixtures.modelNode(run), policy, RuleFixtures.NOW);

    // Then
    assertThat(verdict.getStatus()).isEqualTo(VerdictStatus.BLOCK);
    assertThat(verdict.getReasons())
        .containsExactly(
            new Reason(ReasonCode.MISSING_SEED, Severity.BLOCK, "no seed recorded", RUN));
    assertThat(verdict.getPolicyVersion()).isEqualTo(policy.version().value());
  }

  @Test
  void shouldDropReasonWhenPolicyMapsItToPass() {
    // Given
    final RunFacts run = unseeded();
    final Policy policy = RuleFixtures.policy("severities: { MISSING_SEED: PASS }\n");

    // When
    final Verdict verdict =
        VerdictRules.evaluate(RuleFixtures.modelNode(run), policy, RuleFixtures.NOW);

    // Then
    assertThat(verdict.getStatus()).isEqualTo(VerdictStatus.PASS);
    assertThat(verdict.getReasons()).isEmpty();
  }

  @Test
  void shouldTakeWorstSeverityWhenReasonsMix() {
    // Given
    final Reason warn = new Reason(ReasonCode.MISSING_SEED, Severity.WARN, "w", Map.of());
    final Reason block = new Reason(ReasonCode.RUN_FAILED, Severity.BLOCK, "b", Map.of());

    // When
    final VerdictStatus none = VerdictRules.status(List.of());
    final VerdictStatus warned = VerdictRules.status(List.of(warn));
    final VerdictStatus blocked = VerdictRules.status(List.of(warn, block));

    // Then
    assertThat(List.of(none, warned, blocked))
        .containsExactly(VerdictStatus.PASS, VerdictStatus.WARN, VerdictStatus.BLOCK);
  }

  @Test
  void shouldSortReasonsByCodeMessageAndEvidenceWhenFindingsComeInAnyOrder() {
    // Given
    final List<Finding> findings =
        List.of(
            Finding.warn(ReasonCode.MISSING_SEED, "no seed recorded", RUN),
            Finding.block(ReasonCode.CHECK_FAILED, "check b failed", Map.of("check", "b")),
            Finding.block(ReasonCode.CHECK_FAILED, "check a failed", Map.of("check", "z")),
            Finding.block(ReasonCode.CHECK_FAILED, "check a failed", Map.of("check", "a")),
            Finding.block(ReasonCode.RUN_FAILED, "failed", RUN));

    // When
    final List<Reason> reasons = VerdictRules.apply(findings, Policy.defaults());

    // Then
    assertThat(reasons)
        .containsExactly(
            new Reason(ReasonCode.RUN_FAILED, Severity.BLOCK, "failed", RUN),
            new Reason(
                ReasonCode.CHECK_FAILED, Severity.BLOCK, "check a failed", Map.of("check", "a")),
            new Reason(
                ReasonCode.CHECK_FAILED, Severity.BLOCK, "check a failed", Map.of("check", "z")),
            new Reason(
                ReasonCode.CHECK_FAILED, Severity.BLOCK, "check b failed", Map.of("check", "b")),
            new Reason(ReasonCode.MISSING_SEED, Severity.WARN, "no seed recorded", RUN));
  }

  @Test
  void shouldReturnPreviousVerdictWhenNothingChanged() {
    // Given
    final ArtifactNode first = RuleFixtures.modelNode(RuleFixtures.trainRun());
    final Verdict previous = VerdictRules.evaluate(first, Policy.defaults(), RuleFixtures.NOW);
    final ArtifactNode again = ArtifactNode.newBuilder(first).setVerdict(previous).build();

    // When
    final Verdict verdict =
        VerdictRules.evaluate(again, Policy.defaults(), RuleFixtures.NOW.plusSeconds(60));

    // Then
    assertThat(verdict).isSameAs(previous);
  }

  @Test
  void shouldIncrementSequenceWhenSomethingChanged() {
    // Given
    final Verdict previous =
        VerdictRules.evaluate(
            RuleFixtures.modelNode(RuleFixtures.trainRun()), Policy.defaults(), RuleFixtures.NOW);
    final RunFacts run = unseeded();
    final ArtifactNode changed =
        ArtifactNode.newBuilder(RuleFixtures.modelNode(run)).setVerdict(previous).build();

    // When
    final Verdict verdict =
        VerdictRules.evaluate(changed, Policy.defaults(), RuleFixtures.NOW.plusSeconds(60));

    // Then
    assertThat(verdict)
        .isEqualTo(
            expected(run)
                .setStatus(VerdictStatus.WARN)
                .setReasons(
                    List.of(
                        new Reason(
                            ReasonCode.MISSING_SEED, Severity.WARN, "no seed recorded", RUN)))
                .setReproducibility(
                    new Reproducibility(ReproducibilityGrade.PARTIAL, List.of("seed not captured")))
                .setSequence(2L)
                .setEvaluatedAt(RuleFixtures.NOW.plusSeconds(60))
                .build());
  }

  @Test
  void shouldChooseCompletedRunAsPrimaryWhenAFailedRunEndedEarlier() {
    // Given
    final RunFacts failed =
        RunFacts.newBuilder(RuleFixtures.otherRun(RuleFixtures.OTHER_RUN, TestEvents.T0))
            .setMerged(
                ExecutionEvent.newBuilder(
                        RuleFixtures.otherRun(RuleFixtures.OTHER_RUN, TestEvents.T0).getMerged())
                    .setEventType(EventType.FAIL)
                    .build())
            .build();
    final RunFacts completed = RuleFixtures.trainRun();

    // When
    final Optional<RunFacts> primary =
        VerdictRules.primary(RuleFixtures.modelNode(failed, completed));

    // Then
    assertThat(primary).contains(completed);
  }

  @Test
  void shouldChooseEarliestEndAsPrimaryWhenSeveralRunsCompleted() {
    // Given
    final RunFacts later =
        RuleFixtures.otherRun(RuleFixtures.OTHER_RUN, TestEvents.T0.plusSeconds(90));
    final RunFacts earlier =
        RuleFixtures.otherRun(RuleFixtures.THIRD_RUN, TestEvents.T0.plusSeconds(30));

    // When
    final Optional<RunFacts> primary =
        VerdictRules.primary(RuleFixtures.modelNode(later, RuleFixtures.trainRun(), earlier));

    // Then
    assertThat(primary).contains(earlier);
  }

  @Test
  void shouldBlockWithLineageCycleWhenNodeIsOnACycle() {
    // Given
    final String path = RuleFixtures.RAW_V1.value() + "," + TestEvents.MODEL_V1.value();
    final RunFacts run = RuleFixtures.trainRun();
    final ArtifactNode node =
        ArtifactNode.newBuilder(RuleFixtures.modelNode(run)).setCycle(path).build();

    // When
    final Verdict verdict = VerdictRules.evaluate(node, Policy.defaults(), RuleFixtures.NOW);

    // Then
    assertThat(verdict)
        .isEqualTo(
            expected(run)
                .setStatus(VerdictStatus.BLOCK)
                .setReasons(
                    List.of(
                        new Reason(
                            ReasonCode.LINEAGE_CYCLE,
                            Severity.BLOCK,
                            "the lineage of this artifact loops back to itself: the events"
                                + " describe a cycle",
                            Map.of("path", path))))
                .build());
  }

  @Test
  void shouldLeaveInheritedReasonsOutWhenComputingOwnStatus() {
    // Given
    final Verdict verdict =
        Verdict.newBuilder(expected(RuleFixtures.trainRun()).build())
            .setStatus(VerdictStatus.BLOCK)
            .setReasons(
                List.of(
                    new Reason(ReasonCode.UPSTREAM_BLOCKED, Severity.BLOCK, "up", Map.of()),
                    new Reason(ReasonCode.MISSING_SEED, Severity.WARN, "no seed recorded", RUN)))
            .build();

    // When
    final VerdictStatus own = VerdictRules.ownStatus(verdict);

    // Then
    assertThat(own).isEqualTo(VerdictStatus.WARN);
  }

  private static RunFacts unseeded() {
    return RuleFixtures.runOf(
        ExecutionEvent.newBuilder(TestEvents.trainComplete()).setSeed(null).build());
  }

  private static Verdict.Builder expected(final RunFacts run) {
    return Verdict.newBuilder()
        .setArtifact(TestEvents.MODEL_V1.value())
        .setName(TestEvents.MODEL)
        .setStatus(VerdictStatus.PASS)
        .setReasons(List.of())
        .setReproducibility(new Reproducibility(ReproducibilityGrade.FULL, List.of()))
        .setProducingRunId(run.getRunId())
        .setRecipe(run.getRecipe())
        .setReproducedBy(List.of())
        .setPolicyVersion(Policy.defaults().version().value())
        .setSequence(1L)
        .setEvaluatedAt(RuleFixtures.NOW)
        .setDerived(false);
  }
}
