package dev.lineagegate.lineagestream;

import static dev.lineagegate.lineagestream.Pipeline.BUNDLE;
import static dev.lineagegate.lineagestream.Pipeline.BUNDLE_V1;
import static dev.lineagegate.lineagestream.Pipeline.EVALUATE_RUN;
import static dev.lineagegate.lineagestream.Pipeline.FEATURES_V2;
import static dev.lineagegate.lineagestream.Pipeline.PACKAGE_RUN;
import static dev.lineagegate.lineagestream.Pipeline.PREPARE_RERUN;
import static dev.lineagegate.lineagestream.Pipeline.PREPARE_RUN;
import static dev.lineagegate.lineagestream.Pipeline.RAW_V1;
import static dev.lineagegate.lineagestream.Pipeline.RAW_V2;
import static dev.lineagegate.lineagestream.Pipeline.REPORT;
import static dev.lineagegate.lineagestream.Pipeline.REPORT_V1;
import static dev.lineagegate.lineagestream.Pipeline.TRAIN_RUN;
import static dev.lineagegate.testkit.TestEvents.FEATURES;
import static dev.lineagegate.testkit.TestEvents.FEATURES_V1;
import static dev.lineagegate.testkit.TestEvents.MODEL;
import static dev.lineagegate.testkit.TestEvents.MODEL_V1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.AlertKind;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.SuggestedAction;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.id.Digest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reactivity (DESIGN.md §4.2): a change upstream re-evaluates every descendant, both ways. */
class ReactionTest {

  private TopologyHarness h;

  @BeforeEach
  void pipelineOfFourPassingSteps() {
    h = new TopologyHarness(Policy.defaults());
    Pipeline.events().forEach(h::send);
    assertThat(h.verdicts()).hasSize(5).allMatch(v -> v.getReasons().isEmpty());
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void shouldWarnEveryConsumerWhenAConsumedInputIsSuperseded() {
    // Given four passing steps
    // When prepare runs again and produces a newer version of the features
    h.send(Pipeline.prepareRerun());

    // Then the new version passes, train's model consumed a superseded input, and its
    // descendants inherit the warning naming the model as the root cause
    final Reason superseded =
        Expect.reason(
            ReasonCode.SUPERSEDED_INPUT,
            Severity.WARN,
            "a newer version of " + FEATURES + " was produced",
            Map.of("input", FEATURES_V1.value(), "name", FEATURES, "newer", FEATURES_V2.value()));
    assertThat(h.verdicts())
        .containsExactlyInAnyOrder(
            Expect.source(RAW_V2, Pipeline.RAW, TopologyHarnessClock.NOW),
            pass(FEATURES_V2, FEATURES, PREPARE_RERUN, "prepare", RAW_V2),
            Expect.with(pass(MODEL_V1, MODEL, TRAIN_RUN, "train", FEATURES_V1), 2, superseded),
            Expect.with(
                pass(REPORT_V1, REPORT, EVALUATE_RUN, "evaluate", MODEL_V1),
                2,
                upstream(ReasonCode.UPSTREAM_WARNED, "WARN", MODEL_V1, "SUPERSEDED_INPUT")),
            Expect.with(
                pass(BUNDLE_V1, BUNDLE, PACKAGE_RUN, "package", REPORT_V1),
                2,
                upstream(ReasonCode.UPSTREAM_WARNED, "WARN", MODEL_V1, "SUPERSEDED_INPUT")));
    final List<Alert> alerts = h.alerts();
    assertThat(alerts)
        .extracting(Alert::getArtifact)
        .containsExactlyInAnyOrder(MODEL_V1.value(), REPORT_V1.value(), BUNDLE_V1.value());
    assertThat(alerts)
        .allMatch(
            a -> a.getKind() == AlertKind.VERDICT_WORSENED && a.getSeverity() == Severity.WARN)
        .allMatch(a -> a.getSuggestedAction() == SuggestedAction.RERUN)
        .allMatch(a -> a.getVerdictSequence() == 2L && a.getRollbackCandidate() == null);
  }

  @Test
  void shouldBlockThreeLevelsDownWhenAnAncestorTurnsBlockAndReleaseThemWhenItRecovers() {
    // Given four passing steps
    // When the prepare run reports a failed ERROR check after the fact
    h.send(Pipeline.prepareCheck(false, 5, "check-failed"));

    // Then the features block, and model, report and bundle are blocked by them
    final Reason checkFailed =
        Expect.reason(
            ReasonCode.CHECK_FAILED,
            Severity.BLOCK,
            "check rows>0 failed (observed 0)",
            Map.of("check", "rows>0", "observed", "0"));
    final Verdict features = pass(FEATURES_V1, FEATURES, PREPARE_RUN, "prepare", RAW_V1);
    final Verdict model = pass(MODEL_V1, MODEL, TRAIN_RUN, "train", FEATURES_V1);
    final Verdict report = pass(REPORT_V1, REPORT, EVALUATE_RUN, "evaluate", MODEL_V1);
    final Verdict bundle = pass(BUNDLE_V1, BUNDLE, PACKAGE_RUN, "package", REPORT_V1);
    final Reason blocked =
        upstream(ReasonCode.UPSTREAM_BLOCKED, "BLOCK", FEATURES_V1, "CHECK_FAILED");
    assertThat(h.verdicts())
        .containsExactlyInAnyOrder(
            Expect.with(features, 2, checkFailed),
            Expect.with(model, 2, blocked),
            Expect.with(report, 2, blocked),
            Expect.with(bundle, 2, blocked));
    assertThat(h.alerts())
        .extracting(Alert::getArtifact, Alert::getSeverity)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(FEATURES_V1.value(), Severity.BLOCK),
            org.assertj.core.groups.Tuple.tuple(MODEL_V1.value(), Severity.BLOCK),
            org.assertj.core.groups.Tuple.tuple(REPORT_V1.value(), Severity.BLOCK),
            org.assertj.core.groups.Tuple.tuple(BUNDLE_V1.value(), Severity.BLOCK));

    // When the check is reported as passed again
    h.send(Pipeline.prepareCheck(true, 6, "check-passed"));

    // Then every one of them is released, and recovering raises no alert
    assertThat(h.verdicts())
        .containsExactlyInAnyOrder(
            Expect.with(features, 3),
            Expect.with(model, 3),
            Expect.with(report, 3),
            Expect.with(bundle, 3));
    assertThat(h.alerts()).isEmpty();
  }

  private static Verdict pass(
      final Digest artifact,
      final String name,
      final String runId,
      final String step,
      final Digest input) {
    return Expect.pass(artifact, name, runId, Expect.recipe(step, input), TopologyHarnessClock.NOW);
  }

  private static Reason upstream(
      final ReasonCode code, final String status, final Digest ancestor, final String reasons) {
    return Expect.reason(
        code,
        code == ReasonCode.UPSTREAM_BLOCKED ? Severity.BLOCK : Severity.WARN,
        "ancestor " + ancestor.value() + " is " + status + " (" + reasons + ")",
        Map.of(
            "ancestor",
            ancestor.value(),
            "ancestorReasons",
            reasons,
            "ancestors",
            ancestor.value(),
            "count",
            "1"));
  }
}
