package dev.lineagegate.lineagestream;

import static dev.lineagegate.testkit.TestEvents.complete;
import static dev.lineagegate.testkit.TestEvents.input;
import static dev.lineagegate.testkit.TestEvents.output;
import static dev.lineagegate.testkit.TestEvents.runId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.AlertKind;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Each rule of DESIGN.md §4 as the topology applies it, from events to verdicts and alerts. */
class RuleBehaviourTest {

  private static final Digest MODEL_V2 = Digest.sha256("model v2");

  @Test
  void shouldBlockBothVersionsWhenTwoRunsOfOneRecipeDisagree() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given the train run, and a re-run with the same recipe (same inputs, code, config, seed)
      h.send(TestEvents.trainComplete());
      h.verdicts();
      final String rerun = runId(21);

      // When the re-run produces a different model
      h.send(train(rerun, 30, MODEL_V2));

      // Then both versions are NONDETERMINISTIC, naming both runs, and grade APPROXIMATE
      final List<Verdict> verdicts = h.verdicts();
      // (listed by digest: model v1 sorts before model v2)
      final String runs =
          TestEvents.TRAIN_RUN
              + "="
              + TestEvents.MODEL_V1.value()
              + ","
              + rerun
              + "="
              + MODEL_V2.value();
      assertThat(verdicts)
          .extracting(Verdict::getArtifact)
          .containsExactlyInAnyOrder(TestEvents.MODEL_V1.value(), MODEL_V2.value());
      assertThat(verdicts)
          .allSatisfy(
              v -> {
                assertThat(v.getStatus()).isEqualTo(VerdictStatus.BLOCK);
                assertThat(v.getReasons())
                    .extracting(Reason::getCode)
                    .containsExactly(ReasonCode.NONDETERMINISTIC);
                assertThat(v.getReasons().get(0).getEvidence()).containsEntry("runs", runs);
                assertThat(v.getReproducibility().getGrade())
                    .isEqualTo(ReproducibilityGrade.APPROXIMATE);
              });
    }
  }

  @Test
  void shouldLiftNondeterministicWhenTheDisagreeingRunFailsAfterItsComplete() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given two runs of one recipe that disagree: both versions NONDETERMINISTIC
      h.send(TestEvents.trainComplete());
      h.verdicts();
      final String rerun = runId(23);
      h.send(train(rerun, 30, MODEL_V2));
      assertThat(h.verdicts())
          .allSatisfy(
              v ->
                  assertThat(v.getReasons())
                      .extracting(Reason::getCode)
                      .containsExactly(ReasonCode.NONDETERMINISTIC));

      // When the re-run reports FAIL after its COMPLETE: it did not complete the recipe after all
      h.send(
          ExecutionEvent.newBuilder(train(rerun, 30, MODEL_V2))
              .setEventId(TestEvents.eventId(rerun, "fail"))
              .setEventType(EventType.FAIL)
              .setEventTime(TestEvents.T0.plusSeconds(60L * 32))
              .setError(new ErrorInfo("worker lost", "java.io.IOException", null))
              .build());

      // Then the recipe's node forgets that run: model v1 is PASS again, and model v2 has only
      // the failure of its run, no NONDETERMINISTIC resting on the run that remains
      final List<Verdict> verdicts = h.verdicts();
      final Verdict v1 = last(verdicts, v -> v.getArtifact().equals(TestEvents.MODEL_V1.value()));
      final Verdict v2 = last(verdicts, v -> v.getArtifact().equals(MODEL_V2.value()));
      assertThat(v1.getStatus()).isEqualTo(VerdictStatus.PASS);
      assertThat(v1.getReasons()).isEmpty();
      assertThat(v1.getReproducibility().getGrade()).isEqualTo(ReproducibilityGrade.FULL);
      assertThat(v2.getReasons())
          .extracting(Reason::getCode)
          .containsExactly(ReasonCode.RUN_FAILED);
    }
  }

  @Test
  void shouldRecordReproducedByWhenTwoRunsOfOneRecipeAgree() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given the train run
      h.send(TestEvents.trainComplete());
      final Verdict first =
          last(h.verdicts(), v -> v.getArtifact().equals(TestEvents.MODEL_V1.value()));
      final String rerun = runId(22);

      // When a re-run of the same recipe produces the same model
      h.send(train(rerun, 30, TestEvents.MODEL_V1));

      // Then the model's verdict names the re-run in reproducedBy, and nothing else changed
      assertThat(h.verdicts())
          .containsExactly(
              Verdict.newBuilder(first).setReproducedBy(List.of(rerun)).setSequence(2L).build());
      assertThat(h.alerts()).isEmpty();
    }
  }

  @Test
  void shouldStopRecordingReproductionsWhenAVersionHasSixtyFourRuns() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given the train run
      h.send(TestEvents.trainComplete());

      // When 70 more runs of the same recipe reproduce the same model
      for (int i = 0; i < 70; i++) {
        h.send(train(runId(100 + i), 30, TestEvents.MODEL_V1));
      }

      // Then the verdict names every reproduction (the recipe's node knows them all) and passes
      final Verdict model = last(h.verdicts(), v -> v.getName().equals(TestEvents.MODEL));
      assertThat(model.getReproducedBy()).hasSize(70).contains(runId(100), runId(169));
      assertThat(model.getStatus()).isEqualTo(VerdictStatus.PASS);
      // And the artifact's node keeps the facts of the first 64 runs only: it stays bounded
      final org.apache.kafka.streams.state.KeyValueStore<String, ArtifactNode> nodes =
          h.driver().getKeyValueStore(TopologyNames.ARTIFACTS_STORE);
      assertThat(nodes.get(TestEvents.MODEL_V1.value()).getProducers()).hasSize(64);
    }
  }

  @Test
  void shouldBlockAStaleInputWhenItIsOlderThanItsFreshnessLimit() {
    // Given a policy where features may be at most 30 minutes old (train's input is 1 h old)
    final Policy policy = policy("freshness:\n  - { match: \"s3://b/**\", maxAge: PT30M }\n");
    try (TopologyHarness h = new TopologyHarness(policy)) {
      // When the train run completes
      h.send(TestEvents.trainStart()).send(TestEvents.trainComplete());

      // Then the model is blocked as STALE_INPUT, with the age and the limit
      final Verdict model = last(h.verdicts(), v -> v.getName().equals(TestEvents.MODEL));
      assertThat(model.getReasons())
          .containsExactly(
              Expect.reason(
                  ReasonCode.STALE_INPUT,
                  dev.lineagegate.avro.Severity.BLOCK,
                  "input " + TestEvents.FEATURES + " was 1h old when the run started (limit 30m)",
                  Map.of(
                      "input",
                      TestEvents.FEATURES_V1.value(),
                      "name",
                      TestEvents.FEATURES,
                      "age",
                      "PT1H",
                      "maxAge",
                      "PT30M")));
      assertThat(model.getPolicyVersion()).isEqualTo(policy.version().value());
    }
  }

  @Test
  void shouldLinkAnUnversionedInputToTheNewestVersionAndFlagBothUnversionedKinds() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a prepare run that produced features v1
      h.send(
          complete(
              runId(31),
              "prepare",
              0,
              List.of(),
              List.of(output(TestEvents.FEATURES, TestEvents.FEATURES_V1))));
      h.verdicts();

      // When a train run names the features without a digest and reports its model without one
      h.send(
          complete(
              runId(32),
              "train",
              10,
              List.of(input(TestEvents.FEATURES, null)),
              List.of(output(TestEvents.MODEL, null))));

      // Then the model gets a derived identity sha256(name@runId), both reasons, grade PARTIAL
      final Verdict model = last(h.verdicts(), v -> true);
      assertThat(model.getArtifact())
          .isEqualTo(Digest.sha256(TestEvents.MODEL + "@" + runId(32)).value());
      assertThat(model.getDerived()).isTrue();
      assertThat(model.getReasons())
          .extracting(Reason::getCode)
          .containsExactly(ReasonCode.UNVERSIONED_INPUT, ReasonCode.UNVERSIONED_OUTPUT);
      assertThat(model.getReproducibility().getGrade()).isEqualTo(ReproducibilityGrade.PARTIAL);
      // And it is linked to features v1: blocking the features would reach it
      h.send(
          ExecutionEvent.newBuilder(
                  complete(
                      runId(31),
                      "prepare",
                      0,
                      List.of(),
                      List.of(output(TestEvents.FEATURES, TestEvents.FEATURES_V1))))
              .setEventId(TestEvents.eventId(runId(31), "failed-check"))
              .setChecks(
                  List.of(
                      new dev.lineagegate.avro.CheckResult(
                          "rows>0", false, dev.lineagegate.avro.CheckSeverity.ERROR, "0")))
              .build());
      assertThat(h.verdicts())
          .anySatisfy(
              v -> {
                assertThat(v.getArtifact()).isEqualTo(model.getArtifact());
                assertThat(v.getReasons())
                    .extracting(Reason::getCode)
                    .contains(ReasonCode.UPSTREAM_BLOCKED);
              });
    }
  }

  @Test
  void shouldFlagEveryMissingPieceWhenARunReportsOnlyTheRequiredFields() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a COMPLETE with only the required fields and one output
      final ExecutionEvent minimal =
          ExecutionEvent.newBuilder(TestEvents.minimalStart())
              .setEventType(dev.lineagegate.avro.EventType.COMPLETE)
              .setOutputs(List.of(output(TestEvents.MODEL, TestEvents.MODEL_V1)))
              .build();

      // When it arrives
      h.send(minimal);

      // Then every unauditable reason is there, BLOCK overall, grade NONE (nothing recorded about
      // how it was made) with every gap
      final Verdict model = last(h.verdicts(), v -> true);
      assertThat(model.getReasons())
          .extracting(Reason::getCode, Reason::getSeverity)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  ReasonCode.MISSING_CODE_VERSION, dev.lineagegate.avro.Severity.BLOCK),
              org.assertj.core.groups.Tuple.tuple(
                  ReasonCode.MISSING_OWNER, dev.lineagegate.avro.Severity.BLOCK),
              org.assertj.core.groups.Tuple.tuple(
                  ReasonCode.MISSING_ENVIRONMENT, dev.lineagegate.avro.Severity.BLOCK),
              org.assertj.core.groups.Tuple.tuple(
                  ReasonCode.MISSING_CONFIG, dev.lineagegate.avro.Severity.WARN),
              org.assertj.core.groups.Tuple.tuple(
                  ReasonCode.MISSING_SEED, dev.lineagegate.avro.Severity.WARN));
      assertThat(model.getStatus()).isEqualTo(VerdictStatus.BLOCK);
      assertThat(model.getReproducibility().getGrade()).isEqualTo(ReproducibilityGrade.NONE);
      assertThat(model.getReproducibility().getGaps())
          .containsExactly(
              "nothing recorded about how it was made",
              "code version not captured",
              "config digest not captured",
              "environment digest not captured",
              "seed not captured");
      assertThat(h.alerts())
          .singleElement()
          .satisfies(
              a ->
                  assertThat(a.getSuggestedAction())
                      .isEqualTo(dev.lineagegate.avro.SuggestedAction.ADD_METADATA));
    }
  }

  @Test
  void shouldWarnOverBudgetAndApplyPolicySeverities() {
    // Given a train budget of 30 s and MISSING_SEED raised to BLOCK, OVER_BUDGET kept at WARN
    final Policy policy =
        policy(
            "severities: { MISSING_SEED: BLOCK }\nbudgets:\n  - { step: \"tr*\", maxDurationMs: 30000 }\n");
    try (TopologyHarness h = new TopologyHarness(policy)) {
      // When the train run (60 s) completes without a seed
      h.send(ExecutionEvent.newBuilder(TestEvents.trainComplete()).setSeed(null).build());

      // Then OVER_BUDGET (WARN) and MISSING_SEED (BLOCK) make it BLOCK
      final Verdict model = last(h.verdicts(), v -> v.getName().equals(TestEvents.MODEL));
      assertThat(model.getReasons())
          .extracting(Reason::getCode, Reason::getSeverity)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  ReasonCode.MISSING_SEED, dev.lineagegate.avro.Severity.BLOCK),
              org.assertj.core.groups.Tuple.tuple(
                  ReasonCode.OVER_BUDGET, dev.lineagegate.avro.Severity.WARN));
      assertThat(model.getReasons().get(1).getEvidence())
          .containsEntry("exceeded", "durationMs 60000 > 30000");
    }
  }

  @Test
  void shouldNameTheNewestPassingVersionAsRollbackCandidateWhenAVersionFails() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given model v1, passing
      h.send(TestEvents.trainComplete());
      h.alerts();

      // When a later run of train on other features fails and leaves model v2 behind
      final ExecutionEvent failed =
          ExecutionEvent.newBuilder(train(runId(41), 30, MODEL_V2))
              .setInputs(List.of(input(TestEvents.FEATURES, Digest.sha256("features v3"))))
              .setEventType(dev.lineagegate.avro.EventType.FAIL)
              .setError(new dev.lineagegate.avro.ErrorInfo("CUDA out of memory", null, null))
              .build();
      h.send(failed);

      // Then the alert for v2 is RUN_FAILED with v1 as the rollback candidate
      final Alert alert = last(h.alerts(), a -> a.getArtifact().equals(MODEL_V2.value()));
      assertThat(alert.getKind()).isEqualTo(AlertKind.VERDICT_WORSENED);
      assertThat(alert.getReasons())
          .extracting(Reason::getCode)
          .containsExactly(ReasonCode.RUN_FAILED);
      assertThat(alert.getRollbackCandidate()).isEqualTo(TestEvents.MODEL_V1.value());
      assertThat(alert.getOwner()).isEqualTo("ml-platform");
      assertThat(alert.getSuggestedAction()).isEqualTo(dev.lineagegate.avro.SuggestedAction.RERUN);
      assertThat(alert.getAlertId())
          .isEqualTo(Digest.sha256("verdict|" + MODEL_V2.value() + "|1").value());
    }
  }

  @Test
  void shouldAlertOnceWhenARunStaysOpenLongerThanThePolicyAllows() {
    // Given runs may stay open 90 min, and a START read when the harness clock is already 1 h
    // past its event time (as after a backlog): the stall clock starts when it is read
    final Policy policy = policy("stalledRunAfter: PT90M\n");
    try (TopologyHarness h = new TopologyHarness(policy)) {
      h.send(TestEvents.trainStart());

      // When 60 minutes pass (100 min by the START's own time: not yet, it was read late), then
      // 40 more (stalled), then 20 more
      h.advance(Duration.ofMinutes(60));
      final List<Alert> early = h.alerts();
      h.advance(Duration.ofMinutes(40));
      final List<Alert> stalled = h.alerts();
      h.advance(Duration.ofMinutes(20));

      // Then exactly one RUN_STALLED alert, keyed by the run
      assertThat(early).isEmpty();
      assertThat(stalled)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getKind()).isEqualTo(AlertKind.RUN_STALLED);
                assertThat(a.getRunId()).isEqualTo(TestEvents.TRAIN_RUN);
                assertThat(a.getAlertId())
                    .isEqualTo(Digest.sha256("stalled|" + TestEvents.TRAIN_RUN).value());
              });
      assertThat(h.alerts()).isEmpty();
    }
  }

  @Test
  void shouldNotAlertWhenAStartReadLateIsFollowedByItsComplete() {
    // Given runs may stay open 30 min, and a START read 1 h after its event time (a backlog)
    final Policy policy = policy("stalledRunAfter: PT30M\n");
    try (TopologyHarness h = new TopologyHarness(policy)) {
      h.send(TestEvents.trainStart());

      // When the stall check runs before the COMPLETE waiting behind it is read, then it is read
      h.advance(Duration.ofMinutes(1));
      h.send(TestEvents.trainComplete());
      h.advance(Duration.ofMinutes(60));

      // Then no RUN_STALLED: the run was never open 30 min as far as this application saw it
      assertThat(h.alerts()).noneMatch(a -> a.getKind() == AlertKind.RUN_STALLED);
    }
  }

  private static ExecutionEvent train(final String runId, final int minute, final Digest model) {
    return complete(
        runId,
        "train",
        minute,
        List.of(input(TestEvents.FEATURES, TestEvents.FEATURES_V1)),
        List.of(output(TestEvents.MODEL, model)));
  }

  private static Policy policy(final String yaml) {
    return Policy.parse(yaml.getBytes(StandardCharsets.UTF_8), "test-policy.yaml");
  }

  private static <T> T last(final List<T> items, final Predicate<T> which) {
    return items.stream().filter(which).reduce((a, b) -> b).orElseThrow();
  }
}
