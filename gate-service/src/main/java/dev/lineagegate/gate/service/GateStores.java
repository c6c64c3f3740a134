package dev.lineagegate.gate.service;

import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.gate.ArtifactGate;
import dev.lineagegate.gate.TopologyNames;
import dev.lineagegate.gate.stream.StoreKeys;
import dev.lineagegate.service.guard.StreamsHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The gate's state stores of this instance (interactive queries), and who owns a digest. Every
 * artifact-task key starts with the digest and is routed by it; a store that is restoring or moving
 * is a 503 to retry, never a wrong "unknown artifact".
 */
public final class GateStores implements GateReads {

  private final AtomicReference<KafkaStreams> streams = new AtomicReference<>();
  private final AtomicReference<HostInfo> self = new AtomicReference<>();
  private final AtomicReference<Supplier<StreamsHealth.Report>> health = new AtomicReference<>();
  private final Duration retryAfter;

  public GateStores(final Duration retryAfter) {
    this.retryAfter = retryAfter;
  }

  public void set(final KafkaStreams running, final HostInfo advertised) {
    self.set(advertised);
    streams.set(running);
  }

  /** What tells /healthz the truth once Streams exists (StreamsRunner's health). */
  public void health(final Supplier<StreamsHealth.Report> report) {
    health.set(report);
  }

  /** For /healthz: down before Streams exists, then whatever its health says. */
  public StreamsHealth.Report report() {
    final Supplier<StreamsHealth.Report> current = health.get();
    if (current != null) {
      return current.get();
    }
    final String state = state();
    return new StreamsHealth.Report("RUNNING".equals(state), state, null);
  }

  public String state() {
    final KafkaStreams current = streams.get();
    return current == null ? "NOT_CREATED" : current.state().name();
  }

  @Override
  public Optional<ArtifactGate> artifact(final String digest) {
    return Optional.ofNullable(
        this.<ArtifactGate>store(TopologyNames.ARTIFACTS_STORE, digest).get(digest));
  }

  @Override
  public Optional<GateDecision> request(final String digest, final String requestId) {
    return Optional.ofNullable(
        this.<GateDecision>store(TopologyNames.REQUESTS_STORE, digest)
            .get(StoreKeys.request(digest, requestId)));
  }

  @Override
  public List<GateDecision> log(final String digest) {
    final List<GateDecision> decisions = new ArrayList<>();
    try (KeyValueIterator<String, GateDecision> it =
        this.<GateDecision>store(TopologyNames.LOG_STORE, digest)
            .prefixScan(StoreKeys.logPrefix(digest), Serdes.String().serializer())) {
      it.forEachRemaining(kv -> decisions.add(kv.value));
    } catch (InvalidStateStoreException e) {
      throw unavailable("the decision log is not queryable now: " + e.getMessage());
    }
    return decisions;
  }

  /** The instance owning {@code digest}, or empty when it is this one. */
  public Optional<HostInfo> remoteOwner(final String digest) {
    final KeyQueryMetadata metadata;
    try {
      metadata =
          running()
              .queryMetadataForKey(
                  TopologyNames.ARTIFACTS_STORE, digest, Serdes.String().serializer());
    } catch (IllegalStateException e) {
      throw unavailable("routing metadata not available: " + e.getMessage());
    }
    if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
      throw unavailable("no instance owns " + digest + " now (rebalancing)");
    }
    final HostInfo owner = metadata.activeHost();
    return owner.equals(self.get()) ? Optional.empty() : Optional.of(owner);
  }

  /**
   * The store of the one partition {@code digest} lives in: without the partition, a query asks
   * every local partition's store in turn.
   */
  private <V> ReadOnlyKeyValueStore<String, V> store(final String name, final String digest) {
    final KafkaStreams running = running();
    try {
      final KeyQueryMetadata metadata =
          running.queryMetadataForKey(name, digest, Serdes.String().serializer());
      final StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> all =
          StoreQueryParameters.fromNameAndType(
              name, QueryableStoreTypes.<String, V>keyValueStore());
      return running.store(
          metadata != null && metadata.partition() >= 0
              ? all.withPartition(metadata.partition())
              : all);
    } catch (InvalidStateStoreException e) {
      throw unavailable("store " + name + " is not queryable now: " + e.getMessage());
    }
  }

  private KafkaStreams running() {
    final KafkaStreams current = streams.get();
    if (current == null) {
      throw unavailable("gate-service is starting");
    }
    return current;
  }

  private RuntimeException unavailable(final String detail) {
    return GateErrors.unavailable(detail + "; retry", retryAfter);
  }
}
