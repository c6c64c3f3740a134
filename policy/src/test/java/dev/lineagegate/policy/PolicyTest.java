package dev.lineagegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.VerdictStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {

  /** The example of DESIGN.md §7, verbatim. */
  static final String EXAMPLE =
      """
      severities: { MISSING_SEED: BLOCK }   # override a reason's default severity (PASS drops it)
      freshness:                            # max input age; first matching input-name glob wins
        - { match: "s3://raw/**", maxAge: PT24H }
      budgets:                              # first matching step glob wins; any field optional
        - { step: "train*", maxDurationMs: 3600000, maxCpuSeconds: 7200, maxGpuSeconds: 7200, maxTokens: 0 }
      targets:                              # verdict statuses that block promotion to each target
        prod:    { block: [BLOCK, WARN] }
        staging: { block: [BLOCK] }
        dev:     { block: [] }
      stalledRunAfter: PT2H
      """;

  private static Policy parse(final String yaml) {
    return Policy.parse(yaml.getBytes(StandardCharsets.UTF_8), "policy.yaml");
  }

  @Test
  void shouldReadEveryValueWhenGivenTheDesignExample() {
    // Given / When
    final Policy policy = parse(EXAMPLE);
    // Then
    assertThat(policy.severities()).isEqualTo(Map.of(ReasonCode.MISSING_SEED, VerdictStatus.BLOCK));
    assertThat(policy.severity(ReasonCode.MISSING_SEED, Severity.WARN)).contains(Severity.BLOCK);
    assertThat(policy.freshness())
        .containsExactly(new FreshnessRule(Glob.compile("s3://raw/**"), Duration.ofHours(24)));
    assertThat(policy.budgets())
        .containsExactly(
            new BudgetRule(
                Glob.compile("train*"),
                new Budget(
                    OptionalLong.of(3_600_000),
                    OptionalDouble.of(7200),
                    OptionalDouble.of(7200),
                    OptionalLong.of(0))));
    assertThat(policy.targets()).containsExactly("prod", "staging", "dev");
    assertThat(policy.target("prod").block())
        .containsExactly(VerdictStatus.WARN, VerdictStatus.BLOCK);
    assertThat(policy.target("staging").block()).containsExactly(VerdictStatus.BLOCK);
    assertThat(policy.target("dev").block()).isEmpty();
    assertThat(policy.stalledRunAfter()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void shouldUseDefaultsWhenFileIsEmpty() {
    // Given
    final Policy empty = Policy.parse(new byte[0], "empty.yaml");
    final Policy nulls = parse("severities:\nfreshness:\nbudgets:\ntargets:\nstalledRunAfter:\n");
    final Policy emptyMapping = parse("{}\n");
    // When / Then
    for (final Policy policy : List.of(Policy.defaults(), empty, nulls, emptyMapping)) {
      assertThat(policy.severities()).isEmpty();
      assertThat(policy.freshness()).isEmpty();
      assertThat(policy.budgets()).isEmpty();
      assertThat(policy.targets()).containsExactly("prod", "staging", "dev");
      assertThat(policy.target("prod").block())
          .containsExactlyInAnyOrder(VerdictStatus.BLOCK, VerdictStatus.WARN);
      assertThat(policy.target("staging").block()).containsExactly(VerdictStatus.BLOCK);
      assertThat(policy.target("dev").block()).isEmpty();
      assertThat(policy.stalledRunAfter()).isEqualTo(Duration.ofHours(2));
      assertThat(policy.maxAge("s3://raw/x.parquet")).isEmpty();
      assertThat(policy.budget("train")).isEmpty();
      assertThat(policy.severity(ReasonCode.MISSING_SEED, Severity.WARN)).contains(Severity.WARN);
    }
  }

  @Test
  void shouldReplaceDefaultTargetsWhenTargetsGiven() {
    // Given
    final Policy policy = parse("targets:\n  qa: { block: [BLOCK] }\n");
    // When / Then
    assertThat(policy.targets()).containsExactly("qa");
    assertThat(policy.target("qa").blocks(VerdictStatus.BLOCK)).isTrue();
    assertThat(policy.target("qa").blocks(VerdictStatus.WARN)).isFalse();
    assertThatThrownBy(() -> policy.target("prod")).isInstanceOf(UnknownTargetException.class);
  }

  @Test
  void shouldRefuseTargetWhenNotListed() {
    // Given the default targets
    final Policy policy = Policy.defaults();
    // When / Then
    assertThatThrownBy(() -> policy.target("production"))
        .isInstanceOf(UnknownTargetException.class)
        .hasMessage("unknown target \"production\"; the policy knows prod, staging, dev");
    assertThatThrownBy(() -> policy.target(null)).isInstanceOf(UnknownTargetException.class);
  }

  @Test
  void shouldApplyTheFirstMatchingRuleWhenSeveralMatch() {
    // Given a specific rule before a general one, and a general one before a specific one
    final Policy policy =
        parse(
            """
            freshness:
              - { match: "s3://raw/clicks/**", maxAge: PT1H }
              - { match: "s3://raw/**", maxAge: PT24H }
              - { match: "s3://raw/clicks/today.parquet", maxAge: PT1M }
            budgets:
              - { step: "churn/*", maxTokens: 5 }
              - { step: "churn/train", maxTokens: 1000 }
              - { step: "**", maxDurationMs: 60000 }
            """);
    // When / Then
    assertThat(policy.maxAge("s3://raw/clicks/today.parquet")).contains(Duration.ofHours(1));
    assertThat(policy.maxAge("s3://raw/views/a/b.parquet")).contains(Duration.ofHours(24));
    assertThat(policy.maxAge("s3://curated/a.parquet")).isEmpty();
    assertThat(policy.maxAge(null)).isEmpty();
    assertThat(policy.budget("churn/train").orElseThrow().maxTokens()).hasValue(5);
    assertThat(policy.budget("ns/churn/train").orElseThrow().maxDurationMs()).hasValue(60000);
    assertThat(policy.budget("ns/churn/train").orElseThrow().maxTokens()).isEmpty();
  }

  @Test
  void shouldDropTheReasonWhenSeverityIsPass() {
    // Given
    final Policy policy = parse("severities:\n  SUPERSEDED_INPUT: PASS\n  MISSING_OWNER: WARN\n");
    // When / Then
    assertThat(policy.severity(ReasonCode.SUPERSEDED_INPUT, Severity.WARN)).isEmpty();
    assertThat(policy.severity(ReasonCode.MISSING_OWNER, Severity.BLOCK)).contains(Severity.WARN);
    assertThat(policy.severity(ReasonCode.RUN_FAILED, Severity.BLOCK)).contains(Severity.BLOCK);
  }

  @Test
  void shouldBeVersionedBySha256OfTheExactBytesWhenParsed() throws Exception {
    // Given two files that mean the same but differ by a trailing newline
    final byte[] bytes = EXAMPLE.getBytes(StandardCharsets.UTF_8);
    final byte[] longer = (EXAMPLE + "\n").getBytes(StandardCharsets.UTF_8);
    // When
    final Policy policy = Policy.parse(bytes, "policy.yaml");
    // Then
    assertThat(policy.version().value()).isEqualTo("sha256:" + sha256Hex(bytes));
    assertThat(Policy.parse(longer, "policy.yaml").version().value())
        .isEqualTo("sha256:" + sha256Hex(longer))
        .isNotEqualTo(policy.version().value());
  }

  @Test
  void shouldBeVersionedBySha256OfNothingWhenDefaults() throws Exception {
    assertThat(Policy.defaults().version().value())
        .isEqualTo("sha256:" + sha256Hex(new byte[0]))
        .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(Policy.parse(new byte[0], "x").version()).isEqualTo(Policy.defaults().version());
  }

  @Test
  void shouldReadTheFileAndNameItInErrorsWhenLoaded(@TempDir final Path dir) throws Exception {
    // Given
    final Path good = Files.writeString(dir.resolve("policy.yaml"), EXAMPLE);
    final Path bad = Files.writeString(dir.resolve("broken.yaml"), "stalledRunAfter: 2h\n");
    // When
    final Policy policy = Policy.load(good);
    // Then
    assertThat(policy.version().value()).isEqualTo("sha256:" + sha256Hex(Files.readAllBytes(good)));
    assertThat(policy.budget("train").orElseThrow().maxDurationMs()).hasValue(3_600_000);
    assertThatThrownBy(() -> Policy.load(bad))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith(bad + ":1: ");
  }

  @Test
  void shouldNotBeChangeableWhenRead() {
    final Policy policy = parse(EXAMPLE);
    assertThatThrownBy(() -> policy.targets().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> policy.target("dev").block().add(VerdictStatus.BLOCK))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> policy.severities().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> policy.budgets().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  static String sha256Hex(final byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
