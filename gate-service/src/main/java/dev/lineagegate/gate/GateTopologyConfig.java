package dev.lineagegate.gate;

import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.serde.SerdeFactory;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link GateTopology#build} needs; no I/O happens until the first record.
 *
 * @param serdes the one factory of every serde of the topology
 * @param policy the policy file (§7): its targets decide, its SHA-256 is every policyVersion
 * @param decisions builds and signs what the topology publishes (REVOKED, WAIVER_EXPIRED)
 * @param waiverCheckInterval how often (wall clock) expired waivers are looked for
 * @param bounds how much the stores keep per key
 */
public record GateTopologyConfig(
    SerdeFactory serdes,
    Policy policy,
    Decisions decisions,
    Duration waiverCheckInterval,
    GateBounds bounds) {

  public static final Duration DEFAULT_WAIVER_CHECK = Duration.ofSeconds(10);

  public GateTopologyConfig {
    Objects.requireNonNull(serdes, "serdes");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(decisions, "decisions");
    if (waiverCheckInterval.isNegative() || waiverCheckInterval.isZero()) {
      throw new IllegalArgumentException(
          "waiverCheckInterval must be positive, got " + waiverCheckInterval);
    }
    Objects.requireNonNull(bounds, "bounds");
  }
}
