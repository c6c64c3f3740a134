package dev.lineagegate.policy;

import java.util.Objects;

/** The budget of steps whose name matches {@code step} (OVER_BUDGET, DESIGN.md §4.5). */
public record BudgetRule(Glob step, Budget budget) {

  public BudgetRule {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(budget, "budget");
  }
}
