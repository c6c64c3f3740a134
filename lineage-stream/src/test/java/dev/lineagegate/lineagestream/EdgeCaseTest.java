package dev.lineagegate.lineagestream;

import static dev.lineagegate.testkit.TestEvents.complete;
import static dev.lineagegate.testkit.TestEvents.input;
import static dev.lineagegate.testkit.TestEvents.output;
import static dev.lineagegate.testkit.TestEvents.runId;
import static dev.lineagegate.testkit.TestEvents.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.AlertKind;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.SuggestedAction;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shapes of real pipelines that must not raise false reasons: re-runs, in-place updates, failures.
 */
class EdgeCaseTest {

  private static final Digest FEATURES_V2 = Digest.sha256("features v2");

  @Test
  void shouldNotCallReRunsNondeterministicWhenTheirOutputHasNoDigest() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given two runs of one recipe, each reporting the model without a digest
      // When both complete
      h.send(unversionedTrain(runId(51))).send(unversionedTrain(runId(52)));

      // Then each derived version is UNVERSIONED_OUTPUT only: its identity says nothing of content
      assertThat(h.verdicts())
          .filteredOn(v -> TestEvents.MODEL.equals(v.getName()))
          .hasSize(2)
          .allSatisfy(
              v ->
                  assertThat(v.getReasons())
                      .extracting(Reason::getCode)
                      .containsExactly(ReasonCode.UNVERSIONED_OUTPUT));
    }
  }

  @Test
  void shouldNotSupersedeARunByItsOwnOutputWhenItUpdatesANameInPlace() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given features v1
      h.send(features(runId(61), 0, List.of(), TestEvents.FEATURES_V1));
      // When an append run reads the features by name only, writes v2, and its START comes late
      final ExecutionEvent append =
          features(runId(62), 10, List.of(input(TestEvents.FEATURES, null)), FEATURES_V2);
      h.send(append);
      h.send(start(runId(62), "features", 10, List.of(input(TestEvents.FEATURES, null))));

      // Then v2 is neither superseded by itself nor on a cycle, and no alert but UNVERSIONED_INPUT
      final List<Verdict> verdicts = h.verdicts();
      assertThat(verdicts)
          .filteredOn(v -> v.getArtifact().equals(FEATURES_V2.value()))
          .allSatisfy(
              v ->
                  assertThat(v.getReasons())
                      .extracting(Reason::getCode)
                      .containsExactly(ReasonCode.UNVERSIONED_INPUT));
      assertThat(h.alerts()).noneMatch(a -> a.getKind() == AlertKind.LINEAGE_CYCLE);
    }
  }

  @Test
  void shouldKeepTheLastGoodVersionCurrentWhenALaterRunFails() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given features v1, consumed by the train run
      h.send(features(runId(71), 0, List.of(), TestEvents.FEATURES_V1));
      h.send(TestEvents.trainComplete());
      h.verdicts();

      // When a later features run fails and leaves v2 behind
      h.send(
          ExecutionEvent.newBuilder(features(runId(72), 20, List.of(), FEATURES_V2))
              .setEventType(EventType.FAIL)
              .build());

      // Then only v2 gets a verdict (RUN_FAILED): v1 is not superseded, the model is untouched
      assertThat(h.verdicts())
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.getArtifact()).isEqualTo(FEATURES_V2.value());
                assertThat(v.getReasons())
                    .extracting(Reason::getCode)
                    .containsExactly(ReasonCode.RUN_FAILED);
              });
    }
  }

  @Test
  void shouldSummariseTheReasonAVerdictGainedWhenItWorsens() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a model that already blocks for a missing owner
      final ExecutionEvent ownerless =
          ExecutionEvent.newBuilder(TestEvents.trainComplete())
              .setRun(
                  dev.lineagegate.avro.RunInfo.newBuilder(TestEvents.trainComplete().getRun())
                      .setOwner(null)
                      .build())
              .build();
      h.send(ownerless);
      h.alerts();

      // When a re-run of the same recipe produces another model
      h.send(
          complete(
              runId(81),
              "train",
              5,
              List.of(input(TestEvents.FEATURES, TestEvents.FEATURES_V1)),
              List.of(output(TestEvents.MODEL, Digest.sha256("model v9")))));

      // Then the first model's alert is about the non-determinism it gained, not the owner
      final Alert alert =
          h.alerts().stream()
              .filter(a -> TestEvents.MODEL_V1.value().equals(a.getArtifact()))
              .reduce((a, b) -> b)
              .orElseThrow();
      assertThat(alert.getSummary()).contains("runs of one recipe produced");
      assertThat(alert.getSuggestedAction()).isEqualTo(SuggestedAction.INVESTIGATE_DRIFT);
    }
  }

  private static ExecutionEvent unversionedTrain(final String runId) {
    return complete(
        runId,
        "train",
        0,
        List.of(input(TestEvents.FEATURES, TestEvents.FEATURES_V1)),
        List.of(output(TestEvents.MODEL, null)));
  }

  private static ExecutionEvent features(
      final String runId,
      final int minute,
      final List<dev.lineagegate.avro.InputArtifact> inputs,
      final Digest output) {
    return complete(
        runId, "features", minute, inputs, List.of(output(TestEvents.FEATURES, output)));
  }
}
