package dev.lineagegate.gate.service;

import dev.lineagegate.avro.gate.ArtifactGate;
import dev.lineagegate.avro.gate.WaiverGrant;
import dev.lineagegate.config.Durations;
import dev.lineagegate.gate.rules.GateRules;
import dev.lineagegate.policy.TargetPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A promotion is recorded for good, so it is decided on a verdict, never on the lack of one. The
 * gate lags lineage-stream by a fraction of a second: a promotion sent as soon as the verdict is
 * readable there would otherwise be recorded as BLOCK UNKNOWN_ARTIFACT, and its requestId would
 * replay that BLOCK for ever (issue #12). So a promotion waits, bounded, for the verdict to reach
 * this instance's store (the owner of the digest: requests are routed to it); still none, it is
 * answered with an {@code unknown-artifact} problem, and nothing is published or remembered, so
 * that the same request retried later gets the real decision.
 *
 * <p>A waiver of UNKNOWN_ARTIFACT for the target is a deliberate decision: there is nothing to wait
 * for then, and the promotion is decided (ALLOW) and recorded at once.
 */
final class VerdictWait {

  private static final Logger LOG = LoggerFactory.getLogger(VerdictWait.class);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final GateReads stores;
  private final Clock clock;
  private final Duration wait;
  private final Duration retryAfter;

  VerdictWait(
      final GateReads stores, final Clock clock, final Duration wait, final Duration retryAfter) {
    this.stores = stores;
    this.clock = clock;
    this.wait = wait;
    this.retryAfter = retryAfter;
  }

  /**
   * The artifact's state once it can be decided on for {@code target}.
   *
   * @throws GateRefusal {@code UNKNOWN_ARTIFACT} when the wait ends without a verdict; {@code
   *     NOT_READY} when the store cannot be read (both: retry, nothing recorded)
   */
  Optional<ArtifactGate> await(final RequestBodies.Promotion request, final TargetPolicy target) {
    final long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      final Optional<ArtifactGate> state = stores.artifact(request.artifact());
      if (decidable(state, target)) {
        return state;
      }
      final long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      pause(Math.min(left, POLL_NANOS));
    }
    LOG.info(
        "promotion {} of {} to {}: no verdict after {}; answered unknown-artifact, nothing recorded",
        request.requestId(),
        request.artifact(),
        request.target(),
        Durations.show(wait));
    throw GateErrors.unknownArtifact(request.artifact(), wait, retryAfter);
  }

  private boolean decidable(final Optional<ArtifactGate> state, final TargetPolicy target) {
    if (state.map(ArtifactGate::getVerdict).isPresent()) {
      return true;
    }
    final List<WaiverGrant> waivers = state.map(ArtifactGate::getWaivers).orElse(List.of());
    return !GateRules.decide(null, target, waivers, clock.instant()).blocks();
  }

  private void pause(final long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GateErrors.unavailable("interrupted while waiting for the verdict", retryAfter);
    }
  }
}
