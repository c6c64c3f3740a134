package dev.lineagegate.gate.stream;

import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.gate.Allowed;
import dev.lineagegate.avro.gate.AllowedVersion;
import dev.lineagegate.avro.gate.GateMessage;
import dev.lineagegate.avro.gate.NameGate;
import dev.lineagegate.avro.gate.Revoke;
import dev.lineagegate.avro.gate.TargetVersions;
import dev.lineagegate.avro.gate.WaiverExpiry;
import dev.lineagegate.gate.GateTopology;
import dev.lineagegate.gate.GateTopologyConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The name task (key = {@code name:<name>}): remembers which versions of a name were ALLOWed to
 * each target, and publishes the REVOKED decisions (with the rollback candidate: the newest ALLOWed
 * version of the name for that target that is not revoked itself) and the WAIVER_EXPIRED audit
 * records, keyed by artifact digest like every decision.
 */
public final class NameProcessor implements Processor<String, GateMessage, String, GateDecision> {

  private final GateTopologyConfig config;
  private ProcessorContext<String, GateDecision> context;
  private KeyValueStore<String, NameGate> names;

  public NameProcessor(final GateTopologyConfig config) {
    this.config = config;
  }

  @Override
  public void init(final ProcessorContext<String, GateDecision> processorContext) {
    this.context = processorContext;
    this.names = processorContext.getStateStore(GateTopology.NAMES_STORE);
  }

  @Override
  public void process(final Record<String, GateMessage> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    final Object body = record.value().getBody();
    if (body instanceof Allowed allowed) {
      final NameGate state = load(record.key());
      final List<AllowedVersion> versions = versions(state, allowed.getTarget());
      versions.removeIf(v -> v.getArtifact().equals(allowed.getArtifact()));
      versions.add(new AllowedVersion(allowed.getArtifact(), allowed.getDecidedAt(), false));
      while (versions.size() > config.maxVersionsPerName()) {
        versions.remove(0); // the oldest: a rollback goes to a recent version
      }
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

  private static List<AllowedVersion> versions(final NameGate state, final String target) {
    for (final TargetVersions entry : state.getTargets()) {
      if (entry.getTarget().equals(target)) {
        return entry.getVersions();
      }
    }
    final TargetVersions created = new TargetVersions(target, new ArrayList<>());
    final List<TargetVersions> targets = new ArrayList<>(state.getTargets());
    targets.add(created);
    state.setTargets(targets);
    return created.getVersions();
  }
}
