package dev.lineagegate.gate;

import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.gate.ArtifactGate;
import dev.lineagegate.avro.gate.GateMessage;
import dev.lineagegate.avro.gate.NameGate;
import dev.lineagegate.gate.stream.ArtifactProcessor;
import dev.lineagegate.gate.stream.GateInput;
import dev.lineagegate.gate.stream.NameProcessor;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.service.guard.GuardedProcessor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The gate-service topology (DESIGN.md §6.4): a pure builder, no I/O. Two sub-topologies:
 *
 * <ol>
 *   <li>{@code lineage.verdicts.v1} + {@code gate.decisions.v1} (both keyed by artifact digest,
 *       co-partitioned) → {@value TopologyNames#ARTIFACTS}: latest verdict, promotions, waivers,
 *       decision log, requests; asks for revocations.
 *   <li>{@value TopologyNames#BY_NAME} repartition (key = name) → {@value TopologyNames#NAMES}:
 *       rollback candidates; writes REVOKED and WAIVER_EXPIRED to {@code gate.decisions.v1}, which
 *       the first reads back.
 * </ol>
 *
 * ALLOW, BLOCK and WAIVED are written by the HTTP service (they answer a request); the topology
 * only writes what no request asked for. {@code GateTopologyDescribeTest} pins every name.
 */
public final class GateTopology {

  private GateTopology() {}

  public static Topology build(final GateTopologyConfig config) {
    final SerdeFactory serdes = config.serdes();
    final Serde<GateDecision> decisions = serdes.valueSerde(Topics.DECISIONS);
    final Serde<Verdict> verdicts = serdes.valueSerde(Topics.VERDICTS);
    final StreamsBuilder builder = new StreamsBuilder();
    // Bytes per key at GateBounds.DEFAULTS (GateBoundsTest writes the fullest records). V = one
    // verdict and N = one name, both bounded by lineage-stream; D = one decision, at most
    // 7 × (V + N + 9 KiB): its own fields (reasons at most the verdict's, a waiver of ≤ 7.3 KB),
    // and
    // the same again in its signed JSON payload, where escaping makes a byte at most 6.
    //
    // key digest → the artifact: ≤ 135 KiB + N + V (16 promotions of ≤ 1.3 KB, one per target,
    // least recently promoted dropped; 16 waivers of ≤ 7.3 KB, refused by the service beyond,
    // oldest dropped; the decision log's count).
    builder.addStateStore(keyValue(TopologyNames.ARTIFACTS_STORE, serdes.avro(ArtifactGate.class)));
    // key digest|offset → one decision, ≤ D; the 1,000 newest per artifact, oldest dropped.
    builder.addStateStore(keyValue(TopologyNames.LOG_STORE, decisions));
    // key digest|requestId (≤ 672 B) → the decision that counts, ≤ D; one per decision in the log,
    // dropped with it.
    builder.addStateStore(keyValue(TopologyNames.REQUESTS_STORE, decisions));
    // key expiry|digest|waiverId (128 B) → target (≤ 600 B); one per waiver held, dropped with it.
    builder.addStateStore(keyValue(TopologyNames.EXPIRY_STORE, Serdes.String()));
    // key name:N → ≤ 141 KiB: 16 targets (least recently allowed dropped) of 100 versions (oldest
    // dropped) of 83 B each.
    builder.addStateStore(keyValue(TopologyNames.NAMES_STORE, serdes.avro(NameGate.class)));

    final KStream<String, GateInput> fromVerdicts =
        builder.stream(
                Topics.VERDICTS.name(),
                Consumed.with(Serdes.String(), verdicts).withName(TopologyNames.VERDICTS_SOURCE))
            .mapValues(GateInput::of, Named.as(TopologyNames.VERDICT_INPUTS));
    final KStream<String, GateInput> fromDecisions =
        builder.stream(
                Topics.DECISIONS.name(),
                Consumed.with(Serdes.String(), decisions).withName(TopologyNames.DECISIONS_SOURCE))
            .mapValues(GateInput::of, Named.as(TopologyNames.DECISION_INPUTS));
    fromVerdicts
        .merge(fromDecisions, Named.as(TopologyNames.INPUTS))
        // Guarded: a record on which a stream thread dies twice is skipped (logged with its
        // position; the gate has no dead-letter topic), not replayed forever.
        .process(
            GuardedProcessor.of(() -> new ArtifactProcessor(config), null),
            Named.as(TopologyNames.ARTIFACTS),
            TopologyNames.ARTIFACTS_STORE,
            TopologyNames.LOG_STORE,
            TopologyNames.REQUESTS_STORE,
            TopologyNames.EXPIRY_STORE)
        // Key = name: every version of one name is decided on by one task, in order.
        .repartition(
            Repartitioned.<String, GateMessage>as(TopologyNames.BY_NAME)
                .withKeySerde(Serdes.String())
                .withValueSerde(serdes.avro(GateMessage.class)))
        .process(
            GuardedProcessor.of(() -> new NameProcessor(config), null),
            Named.as(TopologyNames.NAMES),
            TopologyNames.NAMES_STORE)
        .to(
            Topics.DECISIONS.name(),
            Produced.with(Serdes.String(), decisions).withName(TopologyNames.DECISIONS_SINK));
    return builder.build();
  }

  /**
   * Persistent (RocksDB), changelogged, cached: state survives restarts and moves with its task.
   */
  private static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(
      final String name, final Serde<V> values) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withCachingEnabled();
  }
}
