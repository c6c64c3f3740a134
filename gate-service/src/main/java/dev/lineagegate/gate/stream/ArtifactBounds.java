package dev.lineagegate.gate.stream;

import dev.lineagegate.avro.DecisionKind;
import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.gate.ArtifactGate;
import dev.lineagegate.avro.gate.Promotion;
import dev.lineagegate.avro.gate.WaiverGrant;
import dev.lineagegate.gate.GateBounds;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what the artifact task holds per artifact within {@link GateBounds}: the newest entries
 * stay, and whatever goes is logged. Nothing here is decided again: a dropped promotion is no
 * longer revoked, a dropped waiver no longer lifts its reason, a dropped request is decided anew if
 * it is ever retried; the topic keeps every decision.
 */
final class ArtifactBounds {

  private static final Logger LOG = LoggerFactory.getLogger(ArtifactBounds.class);

  private final GateBounds bounds;
  private final KeyValueStore<String, GateDecision> log;
  private final KeyValueStore<String, GateDecision> requests;
  private final KeyValueStore<String, String> expiries;

  ArtifactBounds(
      final GateBounds bounds,
      final KeyValueStore<String, GateDecision> log,
      final KeyValueStore<String, GateDecision> requests,
      final KeyValueStore<String, String> expiries) {
    this.bounds = bounds;
    this.log = log;
    this.requests = requests;
    this.expiries = expiries;
  }

  /** Promotions are least recently promoted first (a new ALLOW goes last): the first ones go. */
  void promotions(final ArtifactGate state, final List<Promotion> promotions) {
    while (promotions.size() > bounds.targets()) {
      final Promotion dropped = promotions.remove(0);
      LOG.warn(
          "artifact {}: promotion to {} (decision {}) dropped, it will not be revoked: an artifact"
              + " keeps its promotions to {} targets",
          state.getArtifact(),
          dropped.getTarget(),
          dropped.getDecisionId(),
          bounds.targets());
    }
  }

  /** Waivers are oldest granted first: the first ones go, with their expiry. */
  void waivers(final ArtifactGate state, final List<WaiverGrant> waivers) {
    while (waivers.size() > bounds.waivers()) {
      final WaiverGrant dropped = waivers.remove(0);
      expiries.delete(
          StoreKeys.expiry(
              dropped.getWaiver().getExpiresAt(), state.getArtifact(), dropped.getDecisionId()));
      LOG.warn(
          "artifact {}: waiver {} of {} for {} dropped, it no longer lifts that reason: an"
              + " artifact holds {} waivers",
          state.getArtifact(),
          dropped.getDecisionId(),
          dropped.getWaiver().getReason(),
          dropped.getTarget(),
          bounds.waivers());
    }
  }

  /**
   * Records {@code decision} in the decision log and drops the oldest entries beyond the bound,
   * each with the request it answered. The count lives in the artifact's state so that the log is
   * not scanned per decision; state written before it was counted is counted once.
   */
  void log(final ArtifactGate state, final String key, final GateDecision decision) {
    final String digest = state.getArtifact();
    log.put(key, decision);
    int held = state.getLogged() != null ? state.getLogged() + 1 : count(digest);
    while (held > bounds.decisionsPerArtifact() && dropOldest(digest)) {
      held--;
    }
    state.setLogged(held);
  }

  private boolean dropOldest(final String digest) {
    final KeyValue<String, GateDecision> oldest;
    try (KeyValueIterator<String, GateDecision> it = scan(digest)) {
      if (!it.hasNext()) {
        return false;
      }
      oldest = it.next();
    }
    log.delete(oldest.key);
    final GateDecision dropped = oldest.value;
    final DecisionKind kind = dropped.getDecision();
    String request = null;
    if (dropped.getRequestId() != null
        && (kind == DecisionKind.ALLOW || kind == DecisionKind.BLOCK)) {
      final String requestKey = StoreKeys.request(digest, dropped.getRequestId());
      final GateDecision counted = requests.get(requestKey);
      if (counted != null && counted.getDecisionId().equals(dropped.getDecisionId())) {
        requests.delete(requestKey);
        request = dropped.getRequestId();
      }
    }
    LOG.info(
        "artifact {}: decision {} ({}) dropped from the decision log{}: an artifact keeps its {}"
            + " newest decisions (all stay on the topic)",
        digest,
        dropped.getDecisionId(),
        kind,
        request == null ? "" : " with its request " + request,
        bounds.decisionsPerArtifact());
    return true;
  }

  private int count(final String digest) {
    int count = 0;
    try (KeyValueIterator<String, GateDecision> it = scan(digest)) {
      while (it.hasNext()) {
        it.next();
        count++;
      }
    }
    return count;
  }

  private KeyValueIterator<String, GateDecision> scan(final String digest) {
    return log.prefixScan(StoreKeys.logPrefix(digest), Serdes.String().serializer());
  }
}
