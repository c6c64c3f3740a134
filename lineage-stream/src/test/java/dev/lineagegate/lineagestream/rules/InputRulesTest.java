package dev.lineagegate.lineagestream.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.graph.Origin;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.avro.graph.UpstreamSignal;
import dev.lineagegate.lineagestream.run.RunMerge;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InputRulesTest {

  private static final String SELF = TestEvents.MODEL_V1.value();
  private static final Policy FRESH_30M =
      RuleFixtures.policy("freshness:\n  - { match: \"s3://b/**\", maxAge: PT30M }\n");

  @Test
  void shouldFindStaleInputWhenInputProducedAtIsOlderThanLimit() {
    // Given
    final RunFacts run = RuleFixtures.trainRun();

    // When
    final List<Finding> findings = InputRules.findings(SELF, run, List.of(), FRESH_30M);

    // Then
    assertThat(findings).containsExactly(stale("1h", "30m", "PT1H", "PT30M"));
  }

  @Test
  void shouldJudgeFreshnessAsAtStartWhenTheCompleteArrivesBeforeTheStart() {
    // Given the input was produced 1 h before the START (limit 1 h), and only the COMPLETE (60 s
    // later, duration 60 s) has been read
    final Policy limit =
        RuleFixtures.policy("freshness:\n  - { match: \"s3://**\", maxAge: PT1H }\n");
    final RunFacts completeOnly = RunMerge.merge(List.of(TestEvents.trainComplete()));
    assertThat(completeOnly.getStartedAt()).isNull();

    // When / Then: the start is estimated from the duration, so the input is not stale, as it
    // will not be once the START arrives: the verdict does not flap
    assertThat(InputRules.startOf(completeOnly)).isEqualTo(TestEvents.T0);
    assertThat(InputRules.findings(SELF, completeOnly, List.of(), limit)).isEmpty();
    assertThat(InputRules.findings(SELF, RuleFixtures.trainRun(), List.of(), limit)).isEmpty();
  }

  @Test
  void shouldTakeTheEndAsTheStartWhenNeitherStartNorDurationIsKnown() {
    final ExecutionEvent complete =
        ExecutionEvent.newBuilder(TestEvents.trainComplete()).setCost(null).build();
    assertThat(InputRules.startOf(RunMerge.merge(List.of(complete))))
        .isEqualTo(TestEvents.T0.plusSeconds(60));
  }

  @Test
  void shouldFindNoStaleInputWhenAgeIsExactlyTheLimit() {
    // Given
    final RunFacts run = RuleFixtures.trainRun();
    final Policy policy =
        RuleFixtures.policy("freshness:\n  - { match: \"s3://b/**\", maxAge: PT1H }\n");

    // When
    final List<Finding> findings = InputRules.findings(SELF, run, List.of(), policy);

    // Then
    assertThat(findings).isEmpty();
  }

  @Test
  void shouldFindNoStaleInputWhenNoFreshnessRuleMatches() {
    // Given
    final RunFacts run = RuleFixtures.trainRun();
    final Policy policy =
        RuleFixtures.policy("freshness:\n  - { match: \"s3://raw/**\", maxAge: PT1M }\n");

    // When
    final List<Finding> findings = InputRules.findings(SELF, run, List.of(), policy);

    // Then
    assertThat(findings).isEmpty();
  }

  @Test
  void shouldTakeAgeFromUpstreamSignalWhenInputHasNoProducedAt() {
    // Given
    final RunFacts run = withoutProducedAt();
    final UpstreamSignal signal =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setProducedAt(TestEvents.T0.minusSeconds(7200))
            .build();

    // When
    final List<Finding> findings = InputRules.findings(SELF, run, List.of(signal), FRESH_30M);

    // Then
    assertThat(findings).containsExactly(stale("2h", "30m", "PT2H", "PT30M"));
  }

  @Test
  void shouldMatchTheFreshnessRuleByTheSignalsNameWhenTheInputHasOnlyADigest() {
    // Given an input given by digest only, whose producer named it and completed 2 h earlier
    final ExecutionEvent merged =
        ExecutionEvent.newBuilder(TestEvents.trainComplete())
            .setInputs(List.of(TestEvents.input(null, TestEvents.FEATURES_V1)))
            .build();
    final UpstreamSignal signal =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setProducedAt(TestEvents.T0.minusSeconds(7200))
            .build();

    // When the rules run with a freshness rule on the name
    final List<Finding> findings =
        InputRules.findings(SELF, RuleFixtures.runOf(merged), List.of(signal), FRESH_30M);

    // Then the input is stale, named as its producer named it
    assertThat(findings).containsExactly(stale("2h", "30m", "PT2H", "PT30M"));
  }

  @Test
  void shouldFindNoStaleInputWhenNeitherInputNorSignalGivesProducedAt() {
    // Given
    final RunFacts run = withoutProducedAt();

    // When
    final List<Finding> findings =
        InputRules.findings(SELF, run, List.of(RuleFixtures.featuresSignal()), FRESH_30M);

    // Then
    assertThat(findings).isEmpty();
  }

  @Test
  void shouldFindSupersededInputWhenSignalNamesNewerVersion() {
    // Given
    final UpstreamSignal signal =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setSupersededBy(RuleFixtures.FEATURES_V2.value())
            .build();

    // When
    final List<Finding> findings =
        InputRules.findings(SELF, RuleFixtures.trainRun(), List.of(signal), Policy.defaults());

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.warn(
                ReasonCode.SUPERSEDED_INPUT,
                "a newer version of s3://b/features.parquet was produced",
                Map.of(
                    "input", TestEvents.FEATURES_V1.value(),
                    "name", TestEvents.FEATURES,
                    "newer", RuleFixtures.FEATURES_V2.value())));
  }

  @Test
  void shouldFindUpstreamBlockedWhenSignalCarriesBlockedOrigins() {
    // Given
    final UpstreamSignal signal =
        withOrigins(
            RuleFixtures.origin(RuleFixtures.RAW_V1, VerdictStatus.BLOCK, ReasonCode.RUN_FAILED),
            RuleFixtures.origin(
                RuleFixtures.CLEAN_V1,
                VerdictStatus.BLOCK,
                ReasonCode.MISSING_OWNER,
                ReasonCode.MISSING_SEED));

    // When
    final List<Finding> findings =
        InputRules.findings(SELF, RuleFixtures.trainRun(), List.of(signal), Policy.defaults());

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.block(
                ReasonCode.UPSTREAM_BLOCKED,
                "ancestor "
                    + RuleFixtures.CLEAN_V1.value()
                    + " is BLOCK (MISSING_OWNER,MISSING_SEED) and 1 more",
                Map.of(
                    "ancestor",
                    RuleFixtures.CLEAN_V1.value(),
                    "ancestorReasons",
                    "MISSING_OWNER,MISSING_SEED",
                    "ancestors",
                    RuleFixtures.CLEAN_V1.value() + "," + RuleFixtures.RAW_V1.value(),
                    "count",
                    "2")));
  }

  @Test
  void shouldFindUpstreamWarnedWhenSignalCarriesWarnedOrigin() {
    // Given
    final UpstreamSignal signal =
        withOrigins(
            RuleFixtures.origin(RuleFixtures.RAW_V1, VerdictStatus.WARN, ReasonCode.MISSING_SEED));

    // When
    final List<Finding> findings =
        InputRules.findings(SELF, RuleFixtures.trainRun(), List.of(signal), Policy.defaults());

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.warn(
                ReasonCode.UPSTREAM_WARNED,
                "ancestor " + RuleFixtures.RAW_V1.value() + " is WARN (MISSING_SEED)",
                Map.of(
                    "ancestor",
                    RuleFixtures.RAW_V1.value(),
                    "ancestorReasons",
                    "MISSING_SEED",
                    "ancestors",
                    RuleFixtures.RAW_V1.value(),
                    "count",
                    "1")));
  }

  @Test
  void shouldCountAncestorOnceWhenTwoInputsCarryTheSameOrigin() {
    // Given
    final Origin raw =
        RuleFixtures.origin(RuleFixtures.RAW_V1, VerdictStatus.BLOCK, ReasonCode.RUN_FAILED);
    final UpstreamSignal first = withOrigins(raw);
    final UpstreamSignal second =
        UpstreamSignal.newBuilder(withOrigins(raw))
            .setFrom(RuleFixtures.CLEAN_V1.value())
            .setName("s3://b/clean.parquet")
            .build();

    // When
    final List<Finding> findings =
        InputRules.findings(
            SELF, RuleFixtures.trainRun(), List.of(first, second), Policy.defaults());

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.block(
                ReasonCode.UPSTREAM_BLOCKED,
                "ancestor " + RuleFixtures.RAW_V1.value() + " is BLOCK (RUN_FAILED)",
                Map.of(
                    "ancestor",
                    RuleFixtures.RAW_V1.value(),
                    "ancestorReasons",
                    "RUN_FAILED",
                    "ancestors",
                    RuleFixtures.RAW_V1.value(),
                    "count",
                    "1")));
  }

  @Test
  void shouldNameAncestorOnlyAsBlockedWhenInputsDisagreeOnItsStatus() {
    // Given
    final UpstreamSignal stillWarned =
        withOrigins(
            RuleFixtures.origin(RuleFixtures.RAW_V1, VerdictStatus.WARN, ReasonCode.MISSING_SEED));
    final UpstreamSignal alreadyBlocked =
        UpstreamSignal.newBuilder(
                withOrigins(
                    RuleFixtures.origin(
                        RuleFixtures.RAW_V1, VerdictStatus.BLOCK, ReasonCode.RUN_FAILED)))
            .setFrom(RuleFixtures.CLEAN_V1.value())
            .setName("s3://b/clean.parquet")
            .build();

    // When
    final List<Finding> findings =
        InputRules.findings(
            SELF,
            RuleFixtures.trainRunWithClean(),
            List.of(stillWarned, alreadyBlocked),
            Policy.defaults());

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.block(
                ReasonCode.UPSTREAM_BLOCKED,
                "ancestor " + RuleFixtures.RAW_V1.value() + " is BLOCK (RUN_FAILED)",
                Map.of(
                    "ancestor",
                    RuleFixtures.RAW_V1.value(),
                    "ancestorReasons",
                    "RUN_FAILED",
                    "ancestors",
                    RuleFixtures.RAW_V1.value(),
                    "count",
                    "1")));
  }

  @Test
  void shouldPreferInputProducedAtWhenSignalAlsoGivesOne() {
    // Given
    final UpstreamSignal signal =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setProducedAt(TestEvents.T0.minusSeconds(7200))
            .build();
    final Policy policy =
        RuleFixtures.policy("freshness:\n  - { match: \"s3://b/**\", maxAge: PT90M }\n");

    // When
    final List<Finding> findings =
        InputRules.findings(SELF, RuleFixtures.trainRun(), List.of(signal), policy);

    // Then
    assertThat(findings).isEmpty();
  }

  @Test
  void shouldFindStaleInputFromSignalByNameWhenInputHasNoDigest() {
    // Given
    final RunFacts run =
        RuleFixtures.runOf(
            ExecutionEvent.newBuilder(TestEvents.trainComplete())
                .setInputs(List.of(InputArtifact.newBuilder().setName(TestEvents.FEATURES).build()))
                .build());
    final UpstreamSignal signal =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setProducedAt(TestEvents.T0.minusSeconds(7200))
            .build();

    // When
    final List<Finding> findings = InputRules.findings(SELF, run, List.of(signal), FRESH_30M);

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.block(
                ReasonCode.STALE_INPUT,
                "input s3://b/features.parquet was 2h old when the run started (limit 30m)",
                Map.of(
                    "input", "null",
                    "name", TestEvents.FEATURES,
                    "age", "PT2H",
                    "maxAge", "PT30M")));
  }

  @Test
  void shouldNameAtMostTenAncestorsWhenManyAreBlocked() {
    // Given
    final List<Digest> ancestors =
        IntStream.range(0, 12).mapToObj(i -> Digest.sha256("ancestor " + i)).sorted().toList();
    final UpstreamSignal signal =
        withOrigins(
            ancestors.stream()
                .map(d -> RuleFixtures.origin(d, VerdictStatus.BLOCK, ReasonCode.RUN_FAILED))
                .toArray(Origin[]::new));

    // When
    final List<Finding> findings =
        InputRules.findings(SELF, RuleFixtures.trainRun(), List.of(signal), Policy.defaults());

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.block(
                ReasonCode.UPSTREAM_BLOCKED,
                "ancestor " + ancestors.get(0).value() + " is BLOCK (RUN_FAILED) and 11 more",
                Map.of(
                    "ancestor",
                    ancestors.get(0).value(),
                    "ancestorReasons",
                    "RUN_FAILED",
                    "ancestors",
                    ancestors.stream()
                        .limit(10)
                        .map(Digest::value)
                        .collect(Collectors.joining(",")),
                    "count",
                    "12")));
  }

  @Test
  void shouldIgnoreOwnDigestWhenItIsAmongOrigins() {
    // Given
    final UpstreamSignal signal =
        withOrigins(
            RuleFixtures.origin(TestEvents.MODEL_V1, VerdictStatus.BLOCK, ReasonCode.RUN_FAILED));

    // When
    final List<Finding> findings =
        InputRules.findings(SELF, RuleFixtures.trainRun(), List.of(signal), Policy.defaults());

    // Then
    assertThat(findings).isEmpty();
  }

  @Test
  void shouldIgnoreSignalWhenItIsBackEdge() {
    // Given
    final UpstreamSignal signal =
        UpstreamSignal.newBuilder(
                withOrigins(
                    RuleFixtures.origin(
                        RuleFixtures.RAW_V1, VerdictStatus.BLOCK, ReasonCode.RUN_FAILED)))
            .setSupersededBy(RuleFixtures.FEATURES_V2.value())
            .setProducedAt(TestEvents.T0.minusSeconds(7200))
            .setBackEdge(true)
            .build();

    // When
    final List<Finding> findings =
        InputRules.findings(SELF, withoutProducedAt(), List.of(signal), FRESH_30M);

    // Then
    assertThat(findings).isEmpty();
  }

  private static Finding stale(
      final String shownAge, final String shownMaxAge, final String age, final String maxAge) {
    return Finding.block(
        ReasonCode.STALE_INPUT,
        "input s3://b/features.parquet was "
            + shownAge
            + " old when the run started (limit "
            + shownMaxAge
            + ")",
        Map.of(
            "input",
            TestEvents.FEATURES_V1.value(),
            "name",
            TestEvents.FEATURES,
            "age",
            age,
            "maxAge",
            maxAge));
  }

  private static RunFacts withoutProducedAt() {
    final ExecutionEvent merged =
        ExecutionEvent.newBuilder(TestEvents.trainComplete())
            .setInputs(
                List.of(
                    InputArtifact.newBuilder()
                        .setName(TestEvents.FEATURES)
                        .setDigest(TestEvents.FEATURES_V1.value())
                        .build()))
            .build();
    return RuleFixtures.runOf(merged);
  }

  private static UpstreamSignal withOrigins(final Origin... origins) {
    return UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
        .setStatus(VerdictStatus.BLOCK)
        .setOrigins(List.of(origins))
        .build();
  }

  @Test
  void shouldIgnoreSignalsOfArtifactsThatAreNoLongerInputsOfTheRun() {
    // Given a signal, BLOCK, from clean v1, which the train run does not consume (any more)
    final UpstreamSignal stale =
        UpstreamSignal.newBuilder(
                withOrigins(
                    RuleFixtures.origin(
                        RuleFixtures.CLEAN_V1, VerdictStatus.BLOCK, ReasonCode.RUN_FAILED)))
            .setFrom(RuleFixtures.CLEAN_V1.value())
            .setName("s3://b/clean.parquet")
            .setSupersededBy(RuleFixtures.FEATURES_V2.value())
            .build();

    // When the rules run
    final List<Finding> findings =
        InputRules.findings(SELF, RuleFixtures.trainRun(), List.of(stale), Policy.defaults());

    // Then it counts for nothing
    assertThat(findings).isEmpty();
  }

  @Test
  void shouldNotFindSupersededInputWhenTheNewerVersionIsTheRunsOwnOutput() {
    // Given an in-place update: the run read features v1 and wrote features v2
    final ExecutionEvent complete = TestEvents.trainComplete();
    final RunFacts run =
        RuleFixtures.runOf(
            ExecutionEvent.newBuilder(complete)
                .setOutputs(
                    List.of(TestEvents.output(TestEvents.FEATURES, RuleFixtures.FEATURES_V2)))
                .build());
    final UpstreamSignal signal =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setSupersededBy(RuleFixtures.FEATURES_V2.value())
            .build();

    // When the rules run for features v2
    final List<Finding> findings =
        InputRules.findings(
            RuleFixtures.FEATURES_V2.value(), run, List.of(signal), Policy.defaults());

    // Then its own output does not make it superseded
    assertThat(findings).isEmpty();
  }
}
