package dev.lineagegate.gate.stream;

import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.gate.Allowed;
import dev.lineagegate.avro.gate.AllowedVersion;
import dev.lineagegate.avro.gate.GateMessage;
import dev.lineagegate.avro.gate.NameGate;
import dev.lineagegate.avro.gate.Revoke;
import dev.lineagegate.avro.gate.TargetVersions;
import dev.lineagegate.avro.gate.WaiverExpiry;
import dev.lineagegate.gate.GateTopologyConfig;
import dev.lineagegate.gate.TopologyNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The name task (key = {@code name:<name>}): remembers which versions of a name were ALLOWed to
 * each target, and publishes the REVOKED decisions (with the rollback candidate: the newest ALLOWed
 * version of the name for that target that is not revoked itself) and the WAIVER_EXPIRED audit
 * records, keyed by artifact digest like every decision.
 */
public final class NameProcessor implements Processor<String, GateMessage, String, GateDecision> {

  private static final Logger LOG = LoggerFactory.getLogger(NameProcessor.class);

  private final GateTopologyConfig config;
  private ProcessorContext<String, GateDecision> context;
  private KeyValueStore<String, NameGate> names;

  public NameProcessor(final GateTopologyConfig config) {
    this.config = config;
  }

  @Override
  public void init(final ProcessorContext<String, GateDecision> processorContext) {
    this.context = processorContext;
    this.names = processorContext.getStateStore(TopologyNames.NAMES_STORE);
  }

  @Override
  public void process(final Record<String, GateMessage> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    final Object body = record.value().getBody();
    if (body instanceof Allowed allowed) {
      final NameGate state = load(record.key());
      allowed(record.key(), state, allowed);
      names.put(record.key(), state);
    } else if (body instanceof Revoke revoke) {
      final NameGate state = load(record.key());
      final List<AllowedVersion> versions = versions(state, revoke.getTarget());
      String candidate = null;
      for (final AllowedVersion version : versions) {
        if (version.getArtifact().equals(revoke.getArtifact())) {
          version.setRevoked(true);
        } else if (!version.getRevoked()) {
          candidate = version.getArtifact(); // the list is oldest first: the last one wins
        }
      }
      names.put(record.key(), state);
      publish(config.decisions().revoked(revoke, candidate), record);
    } else if (body instanceof WaiverExpiry expiry) {
      publish(config.decisions().waiverExpired(expiry), record);
    }
  }

  private void publish(final GateDecision decision, final Record<String, GateMessage> cause) {
    // Key = artifact digest, as on every decision: the artifact task reads it back in order.
    context.forward(new Record<>(decision.getArtifact(), decision, cause.timestamp()));
  }

  private NameGate load(final String key) {
    final NameGate stored = names.get(key);
    return stored != null ? stored : new NameGate(new ArrayList<>());
  }

  /**
   * The version becomes the newest of its target, and the target the most recently allowed one of
   * the name (targets are least recently allowed first): beyond the bounds, the oldest go.
   */
  private void allowed(final String key, final NameGate state, final Allowed allowed) {
    final List<TargetVersions> targets = new ArrayList<>(state.getTargets());
    TargetVersions entry = null;
    for (final TargetVersions candidate : targets) {
      if (candidate.getTarget().equals(allowed.getTarget())) {
        entry = candidate;
      }
    }
    if (entry == null) {
      entry = new TargetVersions(allowed.getTarget(), new ArrayList<>());
    }
    targets.remove(entry);
    targets.add(entry);
    final List<AllowedVersion> versions = new ArrayList<>(entry.getVersions());
    versions.removeIf(v -> v.getArtifact().equals(allowed.getArtifact()));
    versions.add(new AllowedVersion(allowed.getArtifact(), allowed.getDecidedAt(), false));
    while (versions.size() > config.bounds().versionsPerName()) {
      // the oldest: a rollback goes to a recent version
      final AllowedVersion dropped = versions.remove(0);
      LOG.info(
          "{}: version {} dropped from the rollback candidates for {}: a name keeps its {} newest"
              + " ALLOWed versions per target",
          key,
          dropped.getArtifact(),
          allowed.getTarget(),
          config.bounds().versionsPerName());
    }
    entry.setVersions(versions);
    while (targets.size() > config.bounds().targets()) {
      final TargetVersions dropped = targets.remove(0);
      LOG.warn(
          "{}: rollback candidates for {} dropped ({} versions): a name keeps its {} most recently"
              + " allowed targets",
          key,
          dropped.getTarget(),
          dropped.getVersions().size(),
          config.bounds().targets());
    }
    state.setTargets(targets);
  }

  /** The versions ALLOWed to {@code target}, oldest first; empty (not kept) when there are none. */
  private static List<AllowedVersion> versions(final NameGate state, final String target) {
    for (final TargetVersions entry : state.getTargets()) {
      if (entry.getTarget().equals(target)) {
        return entry.getVersions();
      }
    }
    return List.of();
  }
}
