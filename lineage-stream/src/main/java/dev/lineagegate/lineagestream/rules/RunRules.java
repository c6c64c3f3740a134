package dev.lineagegate.lineagestream.rules;

import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules that need only the producing run's own facts (DESIGN.md §4.1, §4.3, §4.5, §3.1):
 * RUN_FAILED, CHECK_FAILED, the unauditable reasons, MALFORMED and OVER_BUDGET.
 *
 * <p>The rest of each reason's story: its severity comes from the policy and the status from the
 * worst severity ({@link VerdictRules#evaluate}); a verdict that gains it raises VERDICT_WORSENED
 * ({@link Alerts#verdictWorsened}) with the suggested action {@link Alerts#action} gives; its
 * message and evidence are written here, and shown as they are by the API, the CLI and the web
 * view. Tests: {@code RunRulesTest} (the rule alone), {@code RuleBehaviourTest} (through the
 * topology).
 */
public final class RunRules {

  private RunRules() {}

  public static List<Finding> findings(
      final RunFacts run,
      final boolean derivedOutput,
      final String outputName,
      final Policy policy) {
    final ExecutionEvent event = run.getMerged();
    final List<Finding> findings = new ArrayList<>();
    if (event.getEventType() == EventType.FAIL) {
      final String why =
          event.getError() == null ? "no error given" : event.getError().getMessage();
      findings.add(
          Finding.block(
              ReasonCode.RUN_FAILED,
              "produced by run " + run.getRunId() + ", which failed: " + why,
              Map.of("runId", run.getRunId())));
    }
    for (final CheckResult check : event.getChecks()) {
      if (!check.getPassed()) {
        findings.add(
            new Finding(
                ReasonCode.CHECK_FAILED,
                check.getSeverity() == CheckSeverity.WARNING
                    ? dev.lineagegate.avro.Severity.WARN
                    : dev.lineagegate.avro.Severity.BLOCK,
                "check " + check.getName() + " failed" + observed(check),
                check.getObserved() == null
                    ? Map.of("check", check.getName())
                    : Map.of("check", check.getName(), "observed", check.getObserved())));
      }
    }
    unauditable(findings, run, event);
    if (derivedOutput) {
      findings.add(
          Finding.block(
              ReasonCode.UNVERSIONED_OUTPUT,
              "output " + outputName + " was reported without a digest: it cannot be verified",
              Map.of("name", String.valueOf(outputName), "runId", run.getRunId())));
    }
    if (!run.getMalformed().isEmpty()) {
      findings.add(
          Finding.block(
              ReasonCode.MALFORMED,
              "run " + run.getRunId() + " sent malformed events: " + run.getMalformed().get(0),
              Map.of("errors", String.join("; ", run.getMalformed()))));
    }
    if (run.getStateLimit() != null) {
      findings.add(
          Finding.block(
              ReasonCode.STATE_LIMIT,
              "run "
                  + run.getRunId()
                  + " sent more than lineage-gate keeps: "
                  + run.getStateLimit(),
              Map.of("runId", run.getRunId(), "limit", run.getStateLimit())));
    }
    overBudget(findings, event, policy);
    return findings;
  }

  private static void unauditable(
      final List<Finding> findings, final RunFacts run, final ExecutionEvent event) {
    final Map<String, String> evidence = Map.of("runId", run.getRunId());
    if (event.getCode() == null || blank(event.getCode().getVersion())) {
      findings.add(
          Finding.block(ReasonCode.MISSING_CODE_VERSION, "no code version recorded", evidence));
    }
    if (blank(event.getRun().getOwner())) {
      findings.add(Finding.block(ReasonCode.MISSING_OWNER, "no owner recorded", evidence));
    }
    if (event.getEnvironment() == null || event.getEnvironment().getDigest() == null) {
      findings.add(
          Finding.block(
              ReasonCode.MISSING_ENVIRONMENT, "no environment digest recorded", evidence));
    }
    if (event.getConfig() == null || event.getConfig().getDigest() == null) {
      findings.add(Finding.warn(ReasonCode.MISSING_CONFIG, "no config digest recorded", evidence));
    }
    if (event.getSeed() == null) {
      findings.add(Finding.warn(ReasonCode.MISSING_SEED, "no seed recorded", evidence));
    }
    for (final InputArtifact input : event.getInputs()) {
      if (input.getDigest() == null) {
        findings.add(
            Finding.block(
                ReasonCode.UNVERSIONED_INPUT,
                "input "
                    + input.getName()
                    + " has no digest: a path without a version is a"
                    + " variable",
                Map.of("input", String.valueOf(input.getName()), "runId", run.getRunId())));
      }
    }
  }

  private static void overBudget(
      final List<Finding> findings, final ExecutionEvent event, final Policy policy) {
    final CostInfo cost = event.getCost();
    if (cost == null) {
      return;
    }
    policy
        .budget(event.getRun().getStep())
        .map(
            budget ->
                budget.exceeded(
                    cost.getDurationMs(),
                    cost.getCpuSeconds(),
                    cost.getGpuSeconds(),
                    cost.getTokens()))
        .filter(exceeded -> !exceeded.isEmpty())
        .ifPresent(
            exceeded ->
                findings.add(
                    Finding.warn(
                        ReasonCode.OVER_BUDGET,
                        "step "
                            + event.getRun().getStep()
                            + " over budget: "
                            + String.join(", ", exceeded),
                        Map.of(
                            "step",
                            event.getRun().getStep(),
                            "exceeded",
                            String.join("; ", exceeded)))));
  }

  private static String observed(final CheckResult check) {
    return check.getObserved() == null ? "" : " (observed " + check.getObserved() + ")";
  }

  private static boolean blank(final String value) {
    return value == null || value.isBlank();
  }
}
