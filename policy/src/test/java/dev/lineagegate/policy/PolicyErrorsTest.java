package dev.lineagegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every way a policy file can be wrong is reported with the file, the line and the reason. */
class PolicyErrorsTest {

  private static PolicyException failure(final String yaml) {
    return catchThrowableOfType(
        PolicyException.class,
        () -> Policy.parse(yaml.getBytes(StandardCharsets.UTF_8), "policy.yaml"));
  }

  private static void assertFailsAt(final String yaml, final int line, final String... fragments) {
    final PolicyException e = failure(yaml);
    assertThat(e).as("no failure for:%n%s", yaml).isNotNull();
    assertThat(e.source()).isEqualTo("policy.yaml");
    assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
    assertThat(e.getMessage()).startsWith("policy.yaml:" + line + ": ").contains(fragments);
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldNameValidCodesWhenReasonCodeIsUnknown() {
    // Given a misspelt reason code on line 3
    final String yaml = "stalledRunAfter: PT1H\nseverities:\n  MISSING_SEEDS: BLOCK\n";
    // When / Then
    assertFailsAt(
        yaml,
        3,
        "unknown reason code \"MISSING_SEEDS\"",
        "valid codes: [RUN_FAILED, CHECK_FAILED,");
    assertThat(failure(yaml).getMessage()).contains("MISSING_SEED,", "UNKNOWN_ARTIFACT");
  }

  @Test
  void shouldRefuseWhenSeverityIsNotPassWarnOrBlock() {
    // Given FATAL as a severity on line 3, and a number on line 2 of the second file
    // When / Then
    assertFailsAt(
        "severities:\n  MISSING_SEED: BLOCK\n  MISSING_OWNER: FATAL\n",
        3,
        "the severity of MISSING_OWNER must be PASS, WARN or BLOCK, got \"FATAL\"");
    assertFailsAt("severities:\n  MISSING_SEED: 1\n", 2, "must be PASS, WARN or BLOCK, got 1");
    assertFailsAt("severities:\n  MISSING_SEED: block\n", 2, "got \"block\"");
  }

  @Test
  void shouldRefuseWhenDurationIsNotIso8601() {
    // Given "24h" for maxAge on line 4, and "2 hours" for stalledRunAfter on line 1
    // When / Then
    assertFailsAt(
        "budgets: []\nfreshness:\n  - match: \"s3://raw/**\"\n    maxAge: 24h\n",
        4,
        "maxAge must be an ISO-8601 duration such as PT24H, got \"24h\"");
    assertFailsAt("stalledRunAfter: 2 hours\n", 1, "stalledRunAfter must be an ISO-8601");
    assertFailsAt("stalledRunAfter: -PT1H\n", 1, "stalledRunAfter must not be negative");
    assertFailsAt("\n\nstalledRunAfter: PT0S\n", 3, "longer than zero");
  }

  @Test
  void shouldRefuseWhenBudgetIsNegative() {
    // Given a negative CPU budget on line 4 and a negative duration in flow style on line 2
    // When / Then
    assertFailsAt(
        "budgets:\n  - step: train\n    maxDurationMs: 10\n    maxCpuSeconds: -1.5\n",
        4,
        "maxCpuSeconds must be a finite number not below 0, got -1.5");
    assertFailsAt(
        "budgets:\n  - { step: train, maxDurationMs: -5 }\n",
        2,
        "maxDurationMs must not be negative");
    assertFailsAt(
        "budgets:\n  - { step: train,\n      maxTokens: 1.5 }\n",
        3,
        "maxTokens must be a whole number");
    assertFailsAt("budgets:\n  - { step: train, maxGpuSeconds: .inf }\n", 2, "'.inf'");
  }

  @Test
  void shouldListKnownKeysWhenTopLevelKeyIsUnknown() {
    // Given a misspelt top-level key on line 3
    // When / Then
    assertFailsAt(
        "targets:\n  dev: { block: [] }\nstalledRunAfer: PT1H\n",
        3,
        "unknown key \"stalledRunAfer\"; expected one of [severities, freshness, budgets, targets,"
            + " stalledRunAfter]");
  }

  @Test
  void shouldRefuseWhenTargetStatusIsUnknown() {
    // Given ERROR in the block list of prod on line 5
    // When / Then
    assertFailsAt(
        "targets:\n  prod:\n    block:\n      - BLOCK\n      - ERROR\n",
        5,
        "a status in block of target prod must be PASS, WARN or BLOCK, got \"ERROR\"");
  }

  @Test
  void shouldRefuseWhenBlockIsNotAList() {
    // Given block as a scalar on line 3
    // When / Then
    assertFailsAt(
        "targets:\n  dev: { block: [] }\n  prod: { block: BLOCK }\n",
        3,
        "block of target prod must be a list of PASS, WARN or BLOCK, got \"BLOCK\"");
  }

  @Test
  void shouldRefuseWhenTargetHasNoBlockOrAnotherKey() {
    assertFailsAt("targets:\n  dev: { block: [] }\n  prod: {}\n", 3, "target prod has no block");
    assertFailsAt("targets:\n  prod: { allow: [PASS] }\n", 2, "unknown key \"allow\" in target");
    assertFailsAt("targets:\n  prod: [BLOCK]\n", 2, "target prod must be a mapping");
  }

  @Test
  void shouldRefuseWhenEntriesAreIncompleteOrMisshapen() {
    assertFailsAt("freshness:\n  - match: \"a/**\"\n", 2, "needs both match and maxAge");
    assertFailsAt("\nbudgets:\n  - { maxTokens: 1 }\n", 3, "a budgets entry needs a step");
    assertFailsAt("budgets:\n  - { step: a, maxTokenz: 1 }\n", 2, "unknown key \"maxTokenz\"");
    assertFailsAt("freshness:\n  match: a\n", 2, "freshness must be a list of mappings");
    assertFailsAt("freshness:\n  - a\n", 2, "each entry of freshness must be a mapping");
    assertFailsAt("budgets:\n  - { step: \"\" }\n", 2, "step must be a non-empty string");
    assertFailsAt("severities: [MISSING_SEED]\n", 1, "severities must be a mapping");
    assertFailsAt("\nseverities: \"\"\n", 2, "severities must be a mapping");
  }

  @Test
  void shouldRefuseWhenDocumentIsNotOnePolicyMapping() {
    assertFailsAt("- severities\n", 1, "a policy must be a mapping");
    assertFailsAt("stalledRunAfter: PT1H\n---\nstalledRunAfter: PT2H\n", 3, "one YAML document");
  }

  @Test
  void shouldGiveTheLineWhenYamlIsMalformed() {
    // Given a mapping that is never closed, bad indentation and a duplicated key
    // When / Then
    // (an unclosed mapping is reported at the line where it opens)
    assertFailsAt(
        "stalledRunAfter: PT1H\nseverities: { MISSING_SEED: BLOCK\n",
        2,
        "malformed YAML",
        "expected ',' or '}'");
    assertFailsAt(
        "severities:\n  MISSING_SEED: BLOCK\n MISSING_OWNER: WARN\n", 3, "malformed YAML");
    assertFailsAt(
        "stalledRunAfter: PT1H\nbudgets: []\nstalledRunAfter: PT2H\n",
        3,
        "duplicate key 'stalledRunAfter'");
  }
}
