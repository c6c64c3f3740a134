package dev.lineagegate.policy;

import java.time.Duration;
import java.util.Objects;

/** The maximum age of inputs whose name matches {@code match} (STALE_INPUT, DESIGN.md §4.2). */
public record FreshnessRule(Glob match, Duration maxAge) {

  public FreshnessRule {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
    }
  }
}
