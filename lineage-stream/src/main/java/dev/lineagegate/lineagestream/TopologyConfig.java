package dev.lineagegate.lineagestream;

import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.serde.SerdeFactory;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link LineageTopology#build} needs: the serdes (built from the registry settings, no I/O
 * until the first record), the policy, and the bounds that keep state and loops finite.
 *
 * @param serdes the one factory of every serde of the topology
 * @param policy the policy file (§7); its SHA-256 is the policyVersion of every verdict
 * @param dedupWindow how long an eventId is remembered to drop duplicates (§3)
 * @param stallCheckInterval how often (wall clock) open runs are checked for RUN_STALLED
 * @param maxDepth the longest chain of runs accepted above an artifact; a longer one is a cycle
 */
public record TopologyConfig(
    SerdeFactory serdes,
    Policy policy,
    Duration dedupWindow,
    Duration stallCheckInterval,
    int maxDepth) {

  public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofDays(7);
  public static final Duration DEFAULT_STALL_CHECK = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_DEPTH = 256;

  public TopologyConfig {
    Objects.requireNonNull(serdes, "serdes");
    Objects.requireNonNull(policy, "policy");
    if (dedupWindow.isNegative() || dedupWindow.isZero()) {
      throw new IllegalArgumentException("dedupWindow must be positive, got " + dedupWindow);
    }
    if (stallCheckInterval.isNegative() || stallCheckInterval.isZero()) {
      throw new IllegalArgumentException(
          "stallCheckInterval must be positive, got " + stallCheckInterval);
    }
    if (maxDepth < 2) {
      throw new IllegalArgumentException("maxDepth must be at least 2, got " + maxDepth);
    }
  }

  public static TopologyConfig of(final SerdeFactory serdes, final Policy policy) {
    return new TopologyConfig(
        serdes, policy, DEFAULT_DEDUP_WINDOW, DEFAULT_STALL_CHECK, DEFAULT_MAX_DEPTH);
  }
}
