package dev.lineagegate.lineagestream.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.testkit.TestEvents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRulesTest {

  private static final Map<String, String> RUN = Map.of("runId", TestEvents.TRAIN_RUN);

  @Test
  void shouldFindNothingWhenRunIsFullyAuditable() {
    // Given
    final RunFacts run = RuleFixtures.trainRun();
    final Policy policy =
        RuleFixtures.policy(
            "budgets:\n  - { step: \"train*\", maxDurationMs: 60000, maxCpuSeconds: 1.5 }\n");

    // When
    final List<Finding> findings = RunRules.findings(run, false, TestEvents.MODEL, policy);

    // Then
    assertThat(findings).isEmpty();
  }

  @Test
  void shouldFindRunFailedWhenOutputCameFromFailEvent() {
    // Given
    final RunFacts run = RuleFixtures.runOf(TestEvents.trainFail());

    // When
    final List<Finding> findings = findings(run);

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.block(
                ReasonCode.RUN_FAILED,
                "produced by run " + TestEvents.TRAIN_RUN + ", which failed: CUDA out of memory",
                RUN));
  }

  @Test
  void shouldSayNoErrorGivenWhenFailedRunGaveNoError() {
    // Given
    final RunFacts run =
        RuleFixtures.runOf(
            ExecutionEvent.newBuilder(TestEvents.trainFail()).setError(null).build());

    // When
    final List<Finding> findings = findings(run);

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.block(
                ReasonCode.RUN_FAILED,
                "produced by run " + TestEvents.TRAIN_RUN + ", which failed: no error given",
                RUN));
  }

  @Test
  void shouldBlockCheckFailedWhenErrorCheckFails() {
    // Given
    final RunFacts run = withChecks(check("auc>=0.8", CheckSeverity.ERROR, "0.71"));

    // When
    final List<Finding> findings = findings(run);

    // Then
    assertThat(findings)
        .containsExactly(
            new Finding(
                ReasonCode.CHECK_FAILED,
                Severity.BLOCK,
                "check auc>=0.8 failed (observed 0.71)",
                Map.of("check", "auc>=0.8", "observed", "0.71")));
  }

  @Test
  void shouldWarnCheckFailedWhenWarningCheckFails() {
    // Given
    final RunFacts run = withChecks(check("rows>0", CheckSeverity.WARNING, null));

    // When
    final List<Finding> findings = findings(run);

    // Then
    assertThat(findings)
        .containsExactly(
            new Finding(
                ReasonCode.CHECK_FAILED,
                Severity.WARN,
                "check rows>0 failed",
                Map.of("check", "rows>0")));
  }

  @Test
  void shouldFindNoCheckFailedWhenChecksPass() {
    // Given
    final RunFacts run =
        withChecks(
            CheckResult.newBuilder()
                .setName("auc>=0.8")
                .setPassed(true)
                .setSeverity(CheckSeverity.ERROR)
                .build());

    // When
    final List<Finding> findings = findings(run);

    // Then
    assertThat(findings).isEmpty();
  }

  @Test
  void shouldFindMissingCodeVersionWhenCodeIsAbsent() {
    // Given
    final RunFacts run = with(complete().setCode(null));

    // When
    final List<Finding> findings = findings(run);

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.block(ReasonCode.MISSING_CODE_VERSION, "no code version recorded", RUN));
  }

  @Test
  void shouldFindMissingCodeVersionWhenVersionIsBlank() {
    // Given
    final RunFacts run =
        with(complete().setCode(CodeInfo.newBuilder().setVersion(" ").setDirty(false).build()));

    // When
    final List<Finding> findings = findings(run);

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.block(ReasonCode.MISSING_CODE_VERSION, "no code version recorded", RUN));
  }

  @Test
  void shouldFindMissingOwnerWhenOwnerIsAbsent() {
    // Given
    final ExecutionEvent complete = TestEvents.trainComplete();
    final RunFacts run =
        with(complete().setRun(RunInfo.newBuilder(complete.getRun()).setOwner(null).build()));

    // When
    final List<Finding> findings = findings(run);

    // Then
    assertThat(findings)
        .containsExactly(Finding.block(ReasonCode.MISSING_OWNER, "no owner recorded", RUN));
  }

  @Test
  void shouldFindMissingEnvironmentWhenEnvironmentHasNoDigest() {
    // Given
    final RunFacts run =
        with(complete().setEnvironment(EnvironmentInfo.newBuilder().setImage("img").build()));

    // When
    final List<Finding> findings = findings(run);

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.block(ReasonCode.MISSING_ENVIRONMENT, "no environment digest recorded", RUN));
  }

  @Test
  void shouldWarnMissingConfigWhenConfigHasNoDigest() {
    // Given
    final RunFacts run =
        with(
            complete()
                .setConfig(ConfigInfo.newBuilder().setParameters(Map.of("lr", "0.01")).build()));

    // When
    final List<Finding> findings = findings(run);

    // Then
    assertThat(findings)
        .containsExactly(Finding.warn(ReasonCode.MISSING_CONFIG, "no config digest recorded", RUN));
  }

  @Test
  void shouldWarnMissingSeedWhenSeedIsAbsent() {
    // Given
    final RunFacts run = with(complete().setSeed(null));

    // When
    final List<Finding> findings = findings(run);

    // Then
    assertThat(findings)
        .containsExactly(Finding.warn(ReasonCode.MISSING_SEED, "no seed recorded", RUN));
  }

  @Test
  void shouldFindEveryMissingFieldWhenOnlyRequiredFieldsAreKnown() {
    // Given
    final RunFacts run = RuleFixtures.runOf(TestEvents.minimalStart());

    // When
    final List<Finding> findings = findings(run);

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.block(ReasonCode.MISSING_CODE_VERSION, "no code version recorded", RUN),
            Finding.block(ReasonCode.MISSING_OWNER, "no owner recorded", RUN),
            Finding.block(ReasonCode.MISSING_ENVIRONMENT, "no environment digest recorded", RUN),
            Finding.warn(ReasonCode.MISSING_CONFIG, "no config digest recorded", RUN),
            Finding.warn(ReasonCode.MISSING_SEED, "no seed recorded", RUN));
  }

  @Test
  void shouldFindUnversionedInputWhenInputHasNoDigest() {
    // Given
    final RunFacts run =
        with(
            complete()
                .setInputs(
                    List.of(
                        InputArtifact.newBuilder()
                            .setName(TestEvents.FEATURES)
                            .setDigest(TestEvents.FEATURES_V1.value())
                            .build(),
                        InputArtifact.newBuilder().setName("s3://raw/events.json").build())));

    // When
    final List<Finding> findings = findings(run);

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.block(
                ReasonCode.UNVERSIONED_INPUT,
                "input s3://raw/events.json has no digest: a path without a version is a variable",
                Map.of("input", "s3://raw/events.json", "runId", TestEvents.TRAIN_RUN)));
  }

  @Test
  void shouldFindUnversionedOutputWhenOutputIdentityIsDerived() {
    // Given
    final RunFacts run = RuleFixtures.trainRun();

    // When
    final List<Finding> findings =
        RunRules.findings(run, true, TestEvents.MODEL, Policy.defaults());

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.block(
                ReasonCode.UNVERSIONED_OUTPUT,
                "output model:churn was reported without a digest: it cannot be verified",
                Map.of("name", TestEvents.MODEL, "runId", TestEvents.TRAIN_RUN)));
  }

  @Test
  void shouldFindMalformedWhenRunSentMalformedEvents() {
    // Given
    final RunFacts run =
        RunFacts.newBuilder(RuleFixtures.trainRun())
            .setMalformed(List.of("bad digest", "event in the future"))
            .build();

    // When
    final List<Finding> findings = findings(run);

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.block(
                ReasonCode.MALFORMED,
                "run " + TestEvents.TRAIN_RUN + " sent malformed events: bad digest",
                Map.of("errors", "bad digest; event in the future")));
  }

  @Test
  void shouldWarnOverBudgetWhenStepGlobMatchesAndCostExceedsIt() {
    // Given
    final RunFacts run = RuleFixtures.trainRun();
    final Policy policy =
        RuleFixtures.policy(
            "budgets:\n"
                + "  - { step: \"predict*\", maxDurationMs: 1 }\n"
                + "  - { step: \"train*\", maxDurationMs: 30000, maxCpuSeconds: 1, maxTokens: 0 }\n");

    // When
    final List<Finding> findings = RunRules.findings(run, false, TestEvents.MODEL, policy);

    // Then
    assertThat(findings)
        .containsExactly(
            Finding.warn(
                ReasonCode.OVER_BUDGET,
                "step train over budget: durationMs 60000 > 30000, cpuSeconds 1.5 > 1",
                Map.of(
                    "step", "train", "exceeded", "durationMs 60000 > 30000; cpuSeconds 1.5 > 1")));
  }

  @Test
  void shouldFindNoOverBudgetWhenNoBudgetMatchesStep() {
    // Given
    final RunFacts run = RuleFixtures.trainRun();
    final Policy policy =
        RuleFixtures.policy("budgets:\n  - { step: \"predict*\", maxDurationMs: 1 }\n");

    // When
    final List<Finding> findings = RunRules.findings(run, false, TestEvents.MODEL, policy);

    // Then
    assertThat(findings).isEmpty();
  }

  @Test
  void shouldFindNoOverBudgetWhenRunReportedNoCost() {
    // Given
    final RunFacts run = with(complete().setCost(null));
    final Policy policy =
        RuleFixtures.policy("budgets:\n  - { step: \"train*\", maxDurationMs: 1 }\n");

    // When
    final List<Finding> findings = RunRules.findings(run, false, TestEvents.MODEL, policy);

    // Then
    assertThat(findings).isEmpty();
  }

  private static List<Finding> findings(final RunFacts run) {
    return RunRules.findings(run, false, TestEvents.MODEL, Policy.defaults());
  }

  private static ExecutionEvent.Builder complete() {
    return ExecutionEvent.newBuilder(TestEvents.trainComplete());
  }

  private static RunFacts with(final ExecutionEvent.Builder merged) {
    return RuleFixtures.runOf(merged.build());
  }

  private static RunFacts withChecks(final CheckResult... checks) {
    return with(complete().setChecks(List.of(checks)));
  }

  private static CheckResult check(
      final String name, final CheckSeverity severity, final String observed) {
    return CheckResult.newBuilder()
        .setName(name)
        .setPassed(false)
        .setSeverity(severity)
        .setObserved(observed)
        .build();
  }
}
