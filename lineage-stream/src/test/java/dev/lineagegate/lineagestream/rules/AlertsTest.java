package dev.lineagegate.lineagestream.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.AlertKind;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.SuggestedAction;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AlertsTest {

  private static final Reason SEED =
      new Reason(ReasonCode.MISSING_SEED, Severity.WARN, "no seed recorded", Map.of());
  private static final Reason CONFIG =
      new Reason(ReasonCode.MISSING_CONFIG, Severity.WARN, "no config digest recorded", Map.of());
  private static final Reason SUPERSEDED =
      new Reason(
          ReasonCode.SUPERSEDED_INPUT,
          Severity.WARN,
          "a newer version of " + TestEvents.FEATURES + " was produced",
          Map.of());
  private static final Reason OWNER =
      new Reason(ReasonCode.MISSING_OWNER, Severity.BLOCK, "no owner recorded", Map.of());

  @Test
  void shouldWorsenWhenFirstVerdictIsNotPass() {
    // Given
    final Verdict first = verdict(VerdictStatus.WARN, 1, SEED);

    // When
    final boolean worsened = Alerts.worsened(null, first);

    // Then
    assertThat(worsened).isTrue();
  }

  @Test
  void shouldNotWorsenWhenFirstVerdictIsPass() {
    // Given
    final Verdict first = verdict(VerdictStatus.PASS, 1);

    // When
    final boolean worsened = Alerts.worsened(null, first);

    // Then
    assertThat(worsened).isFalse();
  }

  @Test
  void shouldWorsenWhenStatusGoesUp() {
    // Given
    final Verdict previous = verdict(VerdictStatus.WARN, 1, SEED);
    final Verdict next =
        verdict(
            VerdictStatus.BLOCK,
            2,
            new Reason(SEED.getCode(), Severity.BLOCK, SEED.getMessage(), Map.of()));

    // When
    final boolean worsened = Alerts.worsened(previous, next);

    // Then
    assertThat(worsened).isTrue();
  }

  @Test
  void shouldWorsenWhenReasonCodeIsNewAtSameStatus() {
    // Given
    final Verdict previous = verdict(VerdictStatus.WARN, 1, SEED);
    final Verdict next = verdict(VerdictStatus.WARN, 2, CONFIG, SEED);

    // When
    final boolean worsened = Alerts.worsened(previous, next);

    // Then
    assertThat(worsened).isTrue();
  }

  @Test
  void shouldNotWorsenWhenOnlyAReasonDisappeared() {
    // Given
    final Verdict previous = verdict(VerdictStatus.WARN, 1, CONFIG, SEED);
    final Verdict next = verdict(VerdictStatus.WARN, 2, SEED);

    // When
    final boolean worsened = Alerts.worsened(previous, next);

    // Then
    assertThat(worsened).isFalse();
  }

  @Test
  void shouldNotWorsenWhenStatusGoesDown() {
    // Given
    final Verdict previous = verdict(VerdictStatus.BLOCK, 1, OWNER, SEED);
    final Verdict next = verdict(VerdictStatus.WARN, 2, SEED);

    // When
    final boolean worsened = Alerts.worsened(previous, next);

    // Then
    assertThat(worsened).isFalse();
  }

  @Test
  void shouldNotWorsenWhenVerdictIsUnchanged() {
    // Given
    final Verdict previous = verdict(VerdictStatus.WARN, 1, SEED);

    // When
    final boolean worsened = Alerts.worsened(previous, previous);

    // Then
    assertThat(worsened).isFalse();
  }

  @Test
  void shouldDescribeFirstBlockingReasonWhenVerdictWorsened() {
    // Given
    final Verdict verdict = verdict(VerdictStatus.BLOCK, 3, SUPERSEDED, OWNER, SEED);
    final Instant at = RuleFixtures.NOW;

    // When
    final Alert alert = Alerts.verdictWorsened(null, verdict, "ml-platform", at);

    // Then
    assertThat(alert)
        .isEqualTo(
            Alert.newBuilder()
                .setAlertId(Digest.sha256("verdict|" + TestEvents.MODEL_V1.value() + "|3").value())
                .setKind(AlertKind.VERDICT_WORSENED)
                .setSeverity(Severity.BLOCK)
                .setArtifact(TestEvents.MODEL_V1.value())
                .setName(TestEvents.MODEL)
                .setOwner("ml-platform")
                .setRunId(TestEvents.TRAIN_RUN)
                .setSummary("model:churn is BLOCK: no owner recorded")
                .setReasons(List.of(SUPERSEDED, OWNER, SEED))
                .setSuggestedAction(SuggestedAction.ADD_METADATA)
                .setRollbackCandidate(null)
                .setVerdictSequence(3L)
                .setRaisedAt(at)
                .build());
  }

  @Test
  void shouldDescribeFirstReasonWhenNoneBlocks() {
    // Given
    final Verdict verdict =
        Verdict.newBuilder(verdict(VerdictStatus.WARN, 2, SUPERSEDED, SEED)).setName(null).build();

    // When
    final Alert alert = Alerts.verdictWorsened(null, verdict, null, RuleFixtures.NOW);

    // Then
    assertThat(alert.getSeverity()).isEqualTo(Severity.WARN);
    assertThat(alert.getSummary())
        .isEqualTo(
            TestEvents.MODEL_V1.value()
                + " is WARN: a newer version of "
                + TestEvents.FEATURES
                + " was produced");
    assertThat(alert.getSuggestedAction()).isEqualTo(SuggestedAction.RERUN);
  }

  @Test
  void shouldGiveSameIdWhenSameVerdictIsAlertedTwice() {
    // Given
    final Verdict verdict = verdict(VerdictStatus.WARN, 2, SEED);

    // When
    final Alert first = Alerts.verdictWorsened(null, verdict, "ml-platform", RuleFixtures.NOW);
    final Alert replay =
        Alerts.verdictWorsened(null, verdict, "ml-platform", RuleFixtures.NOW.plusSeconds(600));
    final Alert next =
        Alerts.verdictWorsened(
            null, verdict(VerdictStatus.WARN, 3, SEED), "ml-platform", RuleFixtures.NOW);

    // Then
    assertThat(replay.getAlertId()).isEqualTo(first.getAlertId());
    assertThat(next.getAlertId()).isNotEqualTo(first.getAlertId());
  }

  @Test
  void shouldSuggestActionForEveryReasonCodeWhenMapping() {
    // Given
    final Map<ReasonCode, SuggestedAction> expected = new EnumMap<>(ReasonCode.class);
    expected.put(ReasonCode.RUN_FAILED, SuggestedAction.RERUN);
    expected.put(ReasonCode.CHECK_FAILED, SuggestedAction.ROLL_BACK);
    expected.put(ReasonCode.STALE_INPUT, SuggestedAction.BACKFILL);
    expected.put(ReasonCode.SUPERSEDED_INPUT, SuggestedAction.RERUN);
    expected.put(ReasonCode.UPSTREAM_BLOCKED, SuggestedAction.RERUN);
    expected.put(ReasonCode.UPSTREAM_WARNED, SuggestedAction.RERUN);
    expected.put(ReasonCode.MISSING_CODE_VERSION, SuggestedAction.ADD_METADATA);
    expected.put(ReasonCode.MISSING_OWNER, SuggestedAction.ADD_METADATA);
    expected.put(ReasonCode.MISSING_ENVIRONMENT, SuggestedAction.ADD_METADATA);
    expected.put(ReasonCode.UNVERSIONED_INPUT, SuggestedAction.ADD_METADATA);
    expected.put(ReasonCode.UNVERSIONED_OUTPUT, SuggestedAction.ADD_METADATA);
    expected.put(ReasonCode.MISSING_CONFIG, SuggestedAction.ADD_METADATA);
    expected.put(ReasonCode.MISSING_SEED, SuggestedAction.ADD_METADATA);
    expected.put(ReasonCode.MALFORMED, SuggestedAction.FIX_PRODUCER);
    expected.put(ReasonCode.NONDETERMINISTIC, SuggestedAction.INVESTIGATE_DRIFT);
    expected.put(ReasonCode.OVER_BUDGET, SuggestedAction.INVESTIGATE_DRIFT);
    expected.put(ReasonCode.MALFORMED_EVENT, SuggestedAction.FIX_PRODUCER);
    expected.put(ReasonCode.RUN_STALLED, SuggestedAction.INVESTIGATE_DRIFT);
    expected.put(ReasonCode.UNKNOWN_ARTIFACT, SuggestedAction.FIX_PRODUCER);
    expected.put(ReasonCode.LINEAGE_CYCLE, SuggestedAction.FIX_PRODUCER);
    expected.put(ReasonCode.STATE_LIMIT, SuggestedAction.FIX_PRODUCER);

    // When
    final Map<ReasonCode, SuggestedAction> actions =
        Arrays.stream(ReasonCode.values())
            .collect(Collectors.toMap(Function.identity(), Alerts::action));

    // Then
    assertThat(actions).isEqualTo(expected);
  }

  @Test
  void shouldDescribeDeadLetterWhenEventIsMalformed() {
    // Given
    final String message = "digest is not sha256:<64 hex>";

    // When
    final Alert alert =
        Alerts.malformedEvent(
            "lineage.events.v1", 2, 41L, TestEvents.TRAIN_RUN, message, RuleFixtures.NOW);

    // Then
    assertThat(alert)
        .isEqualTo(
            Alert.newBuilder()
                .setAlertId(Digest.sha256("malformed|lineage.events.v1|2|41").value())
                .setKind(AlertKind.MALFORMED_EVENT)
                .setSeverity(Severity.BLOCK)
                .setArtifact(null)
                .setName(null)
                .setOwner(null)
                .setRunId(TestEvents.TRAIN_RUN)
                .setSummary("malformed event at lineage.events.v1/2@41: " + message)
                .setReasons(
                    List.of(
                        new Reason(
                            ReasonCode.MALFORMED_EVENT,
                            Severity.BLOCK,
                            message,
                            Map.of(
                                "topic", "lineage.events.v1", "partition", "2", "offset", "41"))))
                .setSuggestedAction(SuggestedAction.FIX_PRODUCER)
                .setRollbackCandidate(null)
                .setVerdictSequence(null)
                .setRaisedAt(RuleFixtures.NOW)
                .build());
  }

  @Test
  void shouldDescribeRunWhenItStalled() {
    // Given
    final String message =
        "run "
            + TestEvents.TRAIN_RUN
            + " of step train started at 2026-11-22T10:00:00Z and has not finished";

    // When
    final Alert alert =
        Alerts.runStalled(
            TestEvents.TRAIN_RUN, "train", "ml-platform", TestEvents.T0, RuleFixtures.NOW);

    // Then
    assertThat(alert)
        .isEqualTo(
            Alert.newBuilder()
                .setAlertId(Digest.sha256("stalled|" + TestEvents.TRAIN_RUN).value())
                .setKind(AlertKind.RUN_STALLED)
                .setSeverity(Severity.WARN)
                .setOwner("ml-platform")
                .setRunId(TestEvents.TRAIN_RUN)
                .setSummary(message)
                .setReasons(
                    List.of(
                        new Reason(
                            ReasonCode.RUN_STALLED,
                            Severity.WARN,
                            message,
                            Map.of(
                                "runId",
                                TestEvents.TRAIN_RUN,
                                "startedAt",
                                "2026-11-22T10:00:00Z"))))
                .setSuggestedAction(SuggestedAction.INVESTIGATE_DRIFT)
                .setRaisedAt(RuleFixtures.NOW)
                .build());
  }

  @Test
  void shouldDescribePathWhenLineageHasACycle() {
    // Given
    final String path = RuleFixtures.RAW_V1.value() + "," + TestEvents.MODEL_V1.value();
    final String message =
        "the lineage of " + TestEvents.MODEL_V1.value() + " loops back to itself via " + path;

    // When
    final Alert alert =
        Alerts.cycle(TestEvents.MODEL_V1.value(), TestEvents.MODEL, path, RuleFixtures.NOW);

    // Then
    assertThat(alert)
        .isEqualTo(
            Alert.newBuilder()
                .setAlertId(Digest.sha256("cycle|" + TestEvents.MODEL_V1.value()).value())
                .setKind(AlertKind.LINEAGE_CYCLE)
                .setSeverity(Severity.BLOCK)
                .setArtifact(TestEvents.MODEL_V1.value())
                .setName(TestEvents.MODEL)
                .setSummary(message)
                .setReasons(
                    List.of(
                        new Reason(
                            ReasonCode.LINEAGE_CYCLE,
                            Severity.BLOCK,
                            message,
                            Map.of("path", path))))
                .setSuggestedAction(SuggestedAction.FIX_PRODUCER)
                .setRaisedAt(RuleFixtures.NOW)
                .build());
  }

  private static Verdict verdict(
      final VerdictStatus status, final long sequence, final Reason... reasons) {
    return Verdict.newBuilder(TestEvents.modelVerdict())
        .setStatus(status)
        .setReasons(List.of(reasons))
        .setSequence(sequence)
        .build();
  }
}
