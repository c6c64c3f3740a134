package dev.lineagegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BudgetTest {

  private final Budget budget = Budget.of(3_600_000L, 7200.0, 7200.0, 0L);

  @Test
  void shouldListEveryExceededLimitWhenCostIsOver() {
    // Given the budget of the §7 example
    // When
    final var over = budget.exceeded(4_000_000L, 7200.5, 9000.0, 12L);
    // Then
    assertThat(over)
        .containsExactly(
            "durationMs 4000000 > 3600000",
            "cpuSeconds 7200.5 > 7200",
            "gpuSeconds 9000 > 7200",
            "tokens 12 > 0");
  }

  @Test
  void shouldListNothingWhenCostEqualsLimits() {
    assertThat(budget.exceeded(3_600_000L, 7200.0, 7200.0, 0L)).isEmpty();
  }

  @Test
  void shouldIgnoreUnknownCostsAndAbsentLimitsWhenNull() {
    // Given a budget that limits only the duration
    final Budget durationOnly = Budget.of(10L, null, null, null);
    // When / Then
    assertThat(budget.exceeded(null, null, null, null)).isEmpty();
    assertThat(durationOnly.exceeded(5L, 1e9, 1e9, Long.MAX_VALUE)).isEmpty();
    assertThat(durationOnly.exceeded(11L, null, null, null)).containsExactly("durationMs 11 > 10");
  }

  @Test
  void shouldRefuseWhenLimitIsNegative() {
    assertThatThrownBy(() -> Budget.of(-1L, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDurationMs");
    assertThatThrownBy(() -> Budget.of(null, Double.NaN, null, null))
        .hasMessageContaining("maxCpuSeconds");
  }
}
