package dev.lineagegate.gate.stream;

import dev.lineagegate.avro.DecisionKind;
import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.gate.Allowed;
import dev.lineagegate.avro.gate.ArtifactGate;
import dev.lineagegate.avro.gate.GateMessage;
import dev.lineagegate.avro.gate.Promotion;
import dev.lineagegate.avro.gate.PromotionState;
import dev.lineagegate.avro.gate.WaiverExpiry;
import dev.lineagegate.avro.gate.WaiverGrant;
import dev.lineagegate.gate.GateTopologyConfig;
import dev.lineagegate.gate.TopologyNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The artifact task (key = digest): keeps the latest verdict (older sequences ignored), the
 * promotions and waivers, the decision log and the promotion requests; tells the name task when a
 * version was ALLOWed, when a promoted version turned blocking and when a waiver expired.
 */
public final class ArtifactProcessor implements Processor<String, GateInput, String, GateMessage> {

  private static final Logger LOG = LoggerFactory.getLogger(ArtifactProcessor.class);

  private final GateTopologyConfig config;
  private ProcessorContext<String, GateMessage> context;
  private KeyValueStore<String, ArtifactGate> artifacts;
  private KeyValueStore<String, GateDecision> log;
  private KeyValueStore<String, GateDecision> requests;
  private KeyValueStore<String, String> expiries;
  private Revocations revocations;
  private ArtifactBounds bounds;

  public ArtifactProcessor(final GateTopologyConfig config) {
    this.config = config;
  }

  @Override
  public void init(final ProcessorContext<String, GateMessage> processorContext) {
    this.context = processorContext;
    this.artifacts = processorContext.getStateStore(TopologyNames.ARTIFACTS_STORE);
    this.log = processorContext.getStateStore(TopologyNames.LOG_STORE);
    this.requests = processorContext.getStateStore(TopologyNames.REQUESTS_STORE);
    this.expiries = processorContext.getStateStore(TopologyNames.EXPIRY_STORE);
    this.revocations = new Revocations(config.policy(), processorContext);
    this.bounds = new ArtifactBounds(config.bounds(), log, requests, expiries);
    processorContext.schedule(
        config.waiverCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
  }

  @Override
  public void process(final Record<String, GateInput> record) {
    final String digest = record.key();
    if (digest == null || record.value() == null) {
      LOG.warn("skipping a record without key or value at {}", position());
      return;
    }
    final ArtifactGate state = load(digest);
    final Instant now = now();
    if (record.value() instanceof GateInput.VerdictIn in) {
      onVerdict(state, in.verdict(), now);
    } else if (record.value() instanceof GateInput.DecisionIn in) {
      onDecision(state, in.decision(), now);
    }
    artifacts.put(digest, state);
  }

  private void onVerdict(final ArtifactGate state, final Verdict verdict, final Instant now) {
    final Verdict current = state.getVerdict();
    if (current != null && verdict.getSequence() <= current.getSequence()) {
      LOG.debug("ignoring verdict {} of {}: {} is newer", verdict.getSequence(), state, position());
      return;
    }
    state.setVerdict(verdict);
    if (verdict.getName() != null) {
      state.setName(verdict.getName());
    }
    revocations.revokeWhereBlocked(state, null, now);
  }

  private void onDecision(
      final ArtifactGate state, final GateDecision decision, final Instant now) {
    final String digest = state.getArtifact();
    final DecisionKind kind = decision.getDecision();
    if (decision.getRequestId() != null
        && (kind == DecisionKind.ALLOW || kind == DecisionKind.BLOCK)) {
      final String request = StoreKeys.request(digest, decision.getRequestId());
      final GateDecision first = requests.get(request);
      if (first != null) {
        // A retry after a publish that timed out although the broker had appended it: the first
        // decision of a request is the one that counts, and the service answers with it.
        LOG.info(
            "decision {} at {} ignored: request {} was already decided by {}",
            decision.getDecisionId(),
            position(),
            decision.getRequestId(),
            first.getDecisionId());
        return;
      }
      requests.put(request, decision);
    }
    final long offset = context.recordMetadata().map(m -> m.offset()).orElse(-1L);
    bounds.log(state, StoreKeys.log(digest, offset), decision);
    if (decision.getName() != null && state.getName() == null) {
      state.setName(decision.getName());
    }
    switch (kind) {
      case ALLOW -> promoted(state, decision, now);
      case REVOKED -> revoked(state, decision);
      case WAIVED -> waived(state, decision);
      case WAIVER_EXPIRED -> expired(state, decision, now);
      case BLOCK -> {} // recorded for the audit; nothing was promoted
    }
  }

  private void promoted(final ArtifactGate state, final GateDecision allow, final Instant now) {
    final var promotions = new ArrayList<>(state.getPromotions());
    promotions.removeIf(p -> p.getTarget().equals(allow.getTarget()));
    promotions.add(
        new Promotion(
            allow.getTarget(),
            allow.getDecisionId(),
            allow.getRequestId(),
            allow.getVerdictSequence(),
            allow.getDecidedAt(),
            PromotionState.ACTIVE));
    bounds.promotions(state, promotions);
    state.setPromotions(promotions);
    forward(
        state,
        GateMessage.newBuilder()
            .setBody(new Allowed(state.getArtifact(), allow.getTarget(), allow.getDecidedAt()))
            .build());
    // The verdict may have turned between the answer and this record: revoke at once then.
    revocations.revokeWhereBlocked(state, allow.getTarget(), now);
  }

  private void revoked(final ArtifactGate state, final GateDecision revoked) {
    for (final Promotion p : state.getPromotions()) {
      if (p.getTarget().equals(revoked.getTarget())
          && p.getState() != PromotionState.REVOKED
          && Objects.equals(p.getRequestId(), revoked.getRequestId())) {
        p.setState(PromotionState.REVOKED);
      }
    }
  }

  private void waived(final ArtifactGate state, final GateDecision waived) {
    if (waived.getWaiver() == null) {
      LOG.warn("WAIVED decision without a waiver at {}", position());
      return;
    }
    final var waivers = new ArrayList<>(state.getWaivers());
    waivers.add(new WaiverGrant(waived.getTarget(), waived.getDecisionId(), waived.getWaiver()));
    expiries.put(
        StoreKeys.expiry(
            waived.getWaiver().getExpiresAt(), state.getArtifact(), waived.getDecisionId()),
        waived.getTarget());
    bounds.waivers(state, waivers);
    state.setWaivers(waivers);
  }

  private void expired(final ArtifactGate state, final GateDecision expired, final Instant now) {
    final var waivers = new ArrayList<>(state.getWaivers());
    waivers.removeIf(
        w ->
            w.getTarget().equals(expired.getTarget()) && w.getWaiver().equals(expired.getWaiver()));
    state.setWaivers(waivers);
    revocations.revokeWhereBlocked(state, expired.getTarget(), now);
  }

  /** Wall clock: each waiver due is announced once, then dropped from the index. */
  private void expire(final long wallClockMs) {
    final Instant now = Instant.ofEpochMilli(wallClockMs);
    final var due = new ArrayList<String>();
    try (KeyValueIterator<String, String> it = expiries.range(null, StoreKeys.expiryUpTo(now))) {
      while (it.hasNext()) {
        due.add(it.next().key);
      }
    }
    for (final String key : due) {
      expiries.delete(key);
      final String[] parts = StoreKeys.expiryParts(key);
      final ArtifactGate state = artifacts.get(parts[1]);
      if (state == null) {
        continue;
      }
      for (final WaiverGrant grant : state.getWaivers()) {
        if (grant.getDecisionId().equals(parts[2])) {
          final WaiverExpiry expiry =
              new WaiverExpiry(
                  state.getArtifact(),
                  state.getName(),
                  grant.getTarget(),
                  grant.getDecisionId(),
                  grant.getWaiver(),
                  config.policy().version().value(),
                  now);
          forward(state, GateMessage.newBuilder().setBody(expiry).build());
        }
      }
    }
  }

  private void forward(final ArtifactGate state, final GateMessage message) {
    context.forward(
        new Record<>(
            StoreKeys.nameAddress(state.getName(), state.getArtifact()),
            message,
            context.currentSystemTimeMs()));
  }

  private ArtifactGate load(final String digest) {
    final ArtifactGate stored = artifacts.get(digest);
    return stored != null
        ? stored
        : ArtifactGate.newBuilder()
            .setArtifact(digest)
            .setPromotions(new ArrayList<>())
            .setWaivers(new ArrayList<>())
            .build();
  }

  private Instant now() {
    return Instant.ofEpochMilli(context.currentSystemTimeMs());
  }

  private String position() {
    return context
        .recordMetadata()
        .map(m -> m.topic() + "/" + m.partition() + "@" + m.offset())
        .orElse("(punctuation)");
  }
}
