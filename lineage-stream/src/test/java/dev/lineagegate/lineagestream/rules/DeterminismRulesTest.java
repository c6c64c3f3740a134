package dev.lineagegate.lineagestream.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.Determinism;
import dev.lineagegate.avro.graph.RunDigest;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeterminismRulesTest {

  private static final RunFacts PRIMARY = RuleFixtures.trainRun();

  @Test
  void shouldFindNondeterministicWhenSameRecipeProducedTwoDigests() {
    // Given
    final ArtifactNode node =
        withRuns(
            PRIMARY.getRecipe(),
            TestEvents.MODEL,
            ran(RuleFixtures.OTHER_RUN, RuleFixtures.MODEL_V2),
            ran(TestEvents.TRAIN_RUN, TestEvents.MODEL_V1));

    // When
    final Optional<Finding> finding = DeterminismRules.nondeterministic(node, PRIMARY);

    // Then
    assertThat(finding)
        .contains(
            Finding.block(
                ReasonCode.NONDETERMINISTIC,
                "2 runs of one recipe produced 2 different versions of model:churn",
                Map.of(
                    "recipe",
                    PRIMARY.getRecipe(),
                    "runs",
                    TestEvents.TRAIN_RUN
                        + "="
                        + TestEvents.MODEL_V1.value()
                        + ","
                        + RuleFixtures.OTHER_RUN
                        + "="
                        + RuleFixtures.MODEL_V2.value())));
  }

  @Test
  void shouldFindNothingWhenRunsOfRecipeAgree() {
    // Given
    final ArtifactNode node =
        withRuns(
            PRIMARY.getRecipe(),
            TestEvents.MODEL,
            ran(TestEvents.TRAIN_RUN, TestEvents.MODEL_V1),
            ran(RuleFixtures.OTHER_RUN, TestEvents.MODEL_V1));

    // When
    final Optional<Finding> finding = DeterminismRules.nondeterministic(node, PRIMARY);

    // Then
    assertThat(finding).isEmpty();
  }

  @Test
  void shouldFindNothingWhenDisagreementIsForAnotherRecipe() {
    // Given
    final ArtifactNode node =
        withRuns(
            TestEvents.RECIPE.value(),
            TestEvents.MODEL,
            ran(TestEvents.TRAIN_RUN, TestEvents.MODEL_V1),
            ran(RuleFixtures.OTHER_RUN, RuleFixtures.MODEL_V2));

    // When
    final Optional<Finding> finding = DeterminismRules.nondeterministic(node, PRIMARY);

    // Then
    assertThat(finding).isEmpty();
  }

  @Test
  void shouldFindNothingWhenDisagreementIsForAnotherName() {
    // Given
    final ArtifactNode node =
        withRuns(
            PRIMARY.getRecipe(),
            "model:other",
            ran(TestEvents.TRAIN_RUN, TestEvents.MODEL_V1),
            ran(RuleFixtures.OTHER_RUN, RuleFixtures.MODEL_V2));

    // When
    final Optional<Finding> finding = DeterminismRules.nondeterministic(node, PRIMARY);

    // Then
    assertThat(finding).isEmpty();
  }

  @Test
  void shouldListOtherAgreeingRunsSortedWhenRecipeWasReproduced() {
    // Given
    final ArtifactNode node =
        withRuns(
            PRIMARY.getRecipe(),
            TestEvents.MODEL,
            ran(RuleFixtures.THIRD_RUN, TestEvents.MODEL_V1),
            ran(TestEvents.TRAIN_RUN, TestEvents.MODEL_V1),
            ran(RuleFixtures.OTHER_RUN, TestEvents.MODEL_V1));

    // When
    final List<String> reproducedBy = DeterminismRules.reproducedBy(node, PRIMARY);

    // Then
    assertThat(reproducedBy).containsExactly(RuleFixtures.OTHER_RUN, RuleFixtures.THIRD_RUN);
  }

  @Test
  void shouldLeaveOutDisagreeingRunsWhenListingReproductions() {
    // Given
    final ArtifactNode node =
        withRuns(
            PRIMARY.getRecipe(),
            TestEvents.MODEL,
            ran(TestEvents.TRAIN_RUN, TestEvents.MODEL_V1),
            ran(RuleFixtures.OTHER_RUN, RuleFixtures.MODEL_V2),
            ran(RuleFixtures.THIRD_RUN, TestEvents.MODEL_V1));

    // When
    final List<String> reproducedBy = DeterminismRules.reproducedBy(node, PRIMARY);

    // Then
    assertThat(reproducedBy).containsExactly(RuleFixtures.THIRD_RUN);
  }

  @Test
  void shouldCountCompletedCoProducersWhenTheyShareTheRecipe() {
    // Given
    final RunFacts other = RuleFixtures.otherRun(RuleFixtures.OTHER_RUN, TestEvents.T0);
    final RunFacts failed =
        RunFacts.newBuilder(RuleFixtures.otherRun(RuleFixtures.THIRD_RUN, TestEvents.T0))
            .setMerged(
                ExecutionEvent.newBuilder(
                        RuleFixtures.otherRun(RuleFixtures.THIRD_RUN, TestEvents.T0).getMerged())
                    .setEventType(EventType.FAIL)
                    .build())
            .build();
    final ArtifactNode node = RuleFixtures.modelNode(PRIMARY, failed, other);

    // When
    final List<String> reproducedBy = DeterminismRules.reproducedBy(node, PRIMARY);

    // Then
    assertThat(reproducedBy).containsExactly(RuleFixtures.OTHER_RUN);
  }

  @Test
  void shouldListNobodyWhenOnlyThePrimaryRan() {
    // Given
    final ArtifactNode node =
        withRuns(
            PRIMARY.getRecipe(), TestEvents.MODEL, ran(TestEvents.TRAIN_RUN, TestEvents.MODEL_V1));

    // When
    final List<String> reproducedBy = DeterminismRules.reproducedBy(node, PRIMARY);

    // Then
    assertThat(reproducedBy).isEmpty();
  }

  private static ArtifactNode withRuns(
      final String recipe, final String name, final RunDigest... runs) {
    return ArtifactNode.newBuilder(RuleFixtures.modelNode(PRIMARY))
        .setDeterminism(List.of(new Determinism(recipe, name, List.of(runs))))
        .build();
  }

  private static RunDigest ran(final String runId, final Digest artifact) {
    return new RunDigest(runId, artifact.value());
  }
}
