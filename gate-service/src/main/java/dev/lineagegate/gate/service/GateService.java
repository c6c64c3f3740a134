package dev.lineagegate.gate.service;

import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.Waiver;
import dev.lineagegate.avro.gate.ArtifactGate;
import dev.lineagegate.avro.gate.WaiverGrant;
import dev.lineagegate.config.Durations;
import dev.lineagegate.gate.Decisions;
import dev.lineagegate.gate.rules.Evaluation;
import dev.lineagegate.gate.rules.GateRules;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.policy.TargetPolicy;
import dev.lineagegate.policy.UnknownTargetException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the gate answers (DESIGN.md §6.4): queries, promotions (idempotent, see {@link Promotions};
 * decided on a verdict, see {@link VerdictWait}), waivers and the decision log. Decides with {@link
 * GateRules} on this instance's stores; the HTTP layer has already routed the request to the
 * instance owning the digest.
 */
public final class GateService {

  /**
   * @param maxWaiver the longest a waiver may last
   * @param applyTimeout how long an answer waits for its own record to reach the stores
   * @param unknownArtifactWait how long a promotion waits for a verdict it does not see yet
   * @param retryAfter what a problem to retry tells clients to wait
   * @param waivers the most waivers an artifact holds ({@code GateBounds.waivers})
   */
  public record Limits(
      Duration maxWaiver,
      Duration applyTimeout,
      Duration unknownArtifactWait,
      Duration retryAfter,
      int waivers) {}

  private final Policy policy;
  private final GateReads stores;
  private final Decisions decisions;
  private final DecisionPublisher publisher;
  private final Promotions promotions;
  private final VerdictWait verdicts;
  private final Clock clock;
  private final Limits limits;
  private final MeterRegistry meters;

  public GateService(
      final Policy policy,
      final GateReads stores,
      final Decisions decisions,
      final DecisionPublisher publisher,
      final Clock clock,
      final Limits limits,
      final MeterRegistry meters) {
    this.policy = policy;
    this.stores = stores;
    this.decisions = decisions;
    this.publisher = publisher;
    this.clock = clock;
    this.limits = limits;
    this.meters = meters;
    this.promotions = new Promotions(stores::request, publisher, limits.applyTimeout());
    this.verdicts =
        new VerdictWait(stores, clock, limits.unknownArtifactWait(), limits.retryAfter());
  }

  /** {@code GET /v1/gate/{digest}?target=T}: decided now, signed, not recorded. */
  public GateDecision query(final String digest, final String target) {
    final TargetPolicy targetPolicy = target(target);
    final Optional<ArtifactGate> state = stores.artifact(digest);
    final GateDecision decision = decide(digest, targetPolicy, state, null, null);
    count(decision, "query");
    return decision;
  }

  /**
   * {@code POST /v1/promotions}: the same requestId gets the same decision, recorded once. A new
   * request is decided on the artifact's verdict, waited for (bounded) when this instance does not
   * have it yet; without one, an {@code unknown-artifact} problem and nothing recorded.
   */
  public Promotions.Outcome promote(final RequestBodies.Promotion request) {
    final TargetPolicy targetPolicy = target(request.target());
    final Promotions.Outcome outcome =
        promotions.promote(
            request,
            () ->
                decide(
                    request.artifact(),
                    targetPolicy,
                    verdicts.await(request, targetPolicy),
                    request.requestId(),
                    request.requestedBy()));
    if (outcome.created()) {
      count(outcome.decision(), "promotion");
    }
    return outcome;
  }

  /** {@code POST /v1/waivers}, for a principal already known to hold the waiver role. */
  public GateDecision waive(final RequestBodies.WaiverRequest request, final String grantedBy) {
    target(request.target());
    final Instant now = clock.instant();
    if (!request.expiresAt().isAfter(now)) {
      throw GateErrors.invalid("/expiresAt", "must be in the future");
    }
    if (request.expiresAt().isAfter(now.plus(limits.maxWaiver()))) {
      throw GateErrors.invalid(
          "/expiresAt", "a waiver may last at most " + Durations.show(limits.maxWaiver()));
    }
    final Optional<ArtifactGate> state = stores.artifact(request.artifact());
    // The artifact task keeps that many and drops the oldest beyond: refuse rather than drop.
    final int held = state.map(s -> s.getWaivers().size()).orElse(0);
    if (held >= limits.waivers()) {
      throw GateErrors.tooManyWaivers(request.artifact(), held);
    }
    final String name = state.map(ArtifactGate::getName).orElse(null);
    final Waiver waiver =
        new Waiver(request.reason(), request.expiresAt(), request.justification(), grantedBy);
    final GateDecision decision =
        decisions.waived(request.artifact(), name, request.target(), waiver, now);
    publisher.publish(decision);
    Promotions.await(
        () ->
            stores.artifact(request.artifact()).stream()
                .flatMap(s -> s.getWaivers().stream())
                .map(WaiverGrant::getDecisionId)
                .anyMatch(decision.getDecisionId()::equals),
        limits.applyTimeout());
    count(decision, "waiver");
    return decision;
  }

  /** {@code GET /v1/decisions?artifact=D}: as published, oldest first. */
  public List<GateDecision> log(final String digest) {
    return stores.log(digest);
  }

  private GateDecision decide(
      final String digest,
      final TargetPolicy target,
      final Optional<ArtifactGate> state,
      final String requestId,
      final String requestedBy) {
    final Instant now = clock.instant();
    final Verdict verdict = state.map(ArtifactGate::getVerdict).orElse(null);
    final List<WaiverGrant> waivers = state.map(ArtifactGate::getWaivers).orElse(List.of());
    final Evaluation evaluation = GateRules.decide(verdict, target, waivers, now);
    final String name = state.map(ArtifactGate::getName).orElse(null);
    return decisions.evaluated(
        digest, name, target.name(), evaluation, requestId, requestedBy, now);
  }

  private TargetPolicy target(final String target) {
    if (target == null || target.isBlank()) {
      throw GateErrors.invalid("/target", "is required (one of " + policy.targets() + ")");
    }
    try {
      return policy.target(target);
    } catch (UnknownTargetException e) {
      throw GateErrors.unknownTarget(target, policy.targets());
    }
  }

  private void count(final GateDecision decision, final String source) {
    Counter.builder("gate.decisions")
        .description("Gate decisions by outcome and what asked for them")
        .tag("outcome", decision.getDecision().name())
        .tag("source", source)
        .register(meters)
        .increment();
  }
}
