package dev.lineagegate.lineagestream;

import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.GraphMessage;
import dev.lineagegate.avro.graph.NameLink;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.avro.graph.RecipeNode;
import dev.lineagegate.avro.graph.RunState;
import dev.lineagegate.lineagestream.graph.GraphProcessor;
import dev.lineagegate.lineagestream.run.RunProcessor;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.service.guard.GuardedProcessor;
import dev.lineagegate.service.state.BoundedSerde;
import dev.lineagegate.service.state.ObjectCachingStore;
import dev.lineagegate.service.state.ObjectCachingStoreBuilder;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The lineage-stream topology (DESIGN.md §4, §9): a pure builder, no I/O. One sub-topology, two
 * sources:
 *
 * <ol>
 *   <li>{@code lineage.events.v1} (key runId) → {@value TopologyNames#RUNS}: decode, dead-letter,
 *       dedup, merge the run, then hand the messages for the graph's nodes to {@value
 *       TopologyNames#NODES} directly.
 *   <li>{@code lineage.graph.v1} (key = node address) → {@value TopologyNames#NODES}: artifact,
 *       name and recipe nodes evaluate the rules and write verdicts and alerts; a message to a node
 *       of this task is delivered in the task, one to another task's node goes back onto {@code
 *       lineage.graph.v1}: the loop through which a change reaches every descendant.
 * </ol>
 *
 * Every source, processor, sink and store is named in {@link TopologyNames}; {@code
 * LineageTopologyDescribeTest} pins the names, since renaming a store or topic orphans its
 * changelog.
 */
public final class LineageTopology {

  private LineageTopology() {}

  public static Topology build(final TopologyConfig config) {
    final SerdeFactory serdes = config.serdes();
    // Sinks refuse a record the broker would (over 1 MB): the production exception handler then
    // dead-letters its cause instead of a send that would abort the transaction on every replay.
    final Serde<GraphMessage> graph =
        BoundedSerde.of(
            serdes.valueSerde(Topics.GRAPH), TopologyConfig.MAX_STATE_BYTES, Topics.GRAPH.name());
    final Serializer<String> keys = Serdes.String().serializer();
    final Topology topology = new Topology();

    topology.addSource(
        TopologyNames.EVENTS_SOURCE,
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer(),
        Topics.EVENTS.name());
    // Guarded: a record on which a stream thread dies twice is dead-lettered, not replayed forever.
    topology.addProcessor(
        TopologyNames.RUNS,
        GuardedProcessor.of(() -> new RunProcessor(config), TopologyNames.DLQ_SINK),
        TopologyNames.EVENTS_SOURCE);
    // Every store is bounded per key in bytes (config.maxStateBytes()), by its serde or, for the
    // three kept decoded, by the store on put: a value that would exceed it is refused before it
    // is written, and the processor keeps the previous state and says why (STATE_LIMIT). runs: a
    // run's picture (RunFold), one per runId; open-runs and
    // event-ids: a runId or an eventId (at most 256 characters) per key.
    final int bound = config.maxStateBytes();
    topology.addStateStore(
        decoded(TopologyNames.RUNS_STORE, config, RunState.class, RunState::new),
        TopologyNames.RUNS);
    topology.addStateStore(eventIds(config.dedupWindow()), TopologyNames.RUNS);
    topology.addStateStore(
        keyValue(TopologyNames.OPEN_RUNS_STORE, Serdes.String()), TopologyNames.RUNS);
    topology.addSink(
        TopologyNames.DLQ_SINK,
        Topics.EVENTS_DLQ.name(),
        new ByteArraySerializer(),
        new ByteArraySerializer(),
        TopologyNames.RUNS);
    topology.addSink(
        TopologyNames.RUN_ALERTS_SINK,
        Topics.ALERTS.name(),
        keys,
        sinkBound(serdes.valueSerde(Topics.ALERTS).serializer(), Topics.ALERTS.name()),
        TopologyNames.RUNS);

    topology.addSource(
        TopologyNames.GRAPH_SOURCE,
        Serdes.String().deserializer(),
        graph.deserializer(),
        Topics.GRAPH.name());
    // One sub-topology: a run's messages reach the graph processor of its own task directly, and
    // each task owns the graph nodes of its partition (DESIGN.md §9). lineage.events.v1 and
    // lineage.graph.v1 must have as many partitions (the application checks at start).
    topology.addProcessor(
        TopologyNames.NODES,
        GuardedProcessor.of(() -> new GraphProcessor(config), TopologyNames.NODES_DLQ_SINK),
        TopologyNames.GRAPH_SOURCE,
        TopologyNames.RUNS);
    // artifact-nodes: producers (at most 64 runs' facts), the inputs' last signals, the verdict;
    // consumer-edges: one run's outputs per (input, run); name-nodes: the newest versions that fit
    // (at most 1,000); recipe-nodes: at most 256 runs' outcomes. All within the same byte bound.
    topology.addStateStore(
        decoded(TopologyNames.ARTIFACTS_STORE, config, ArtifactNode.class, ArtifactNode::new),
        TopologyNames.NODES);
    topology.addStateStore(
        keyValue(TopologyNames.EDGES_STORE, bounded(serdes, ConsumerEdge.class, bound)),
        TopologyNames.NODES);
    topology.addStateStore(
        decoded(TopologyNames.NAMES_STORE, config, NameNode.class, NameNode::new),
        TopologyNames.NODES);
    topology.addStateStore(
        keyValue(TopologyNames.RECIPES_STORE, bounded(serdes, RecipeNode.class, bound)),
        TopologyNames.NODES);
    // name-links: one run's link of an input named without a digest, twice (by start, by runId).
    topology.addStateStore(
        keyValue(TopologyNames.NAME_LINKS_STORE, bounded(serdes, NameLink.class, bound)),
        TopologyNames.NODES);
    // graph-work-queue: one parked graph message per key (what a cascade left over its budget).
    topology.addStateStore(
        keyValue(TopologyNames.WORK_QUEUE_STORE, bounded(serdes, GraphMessage.class, bound)),
        TopologyNames.NODES);
    topology.addSink(
        TopologyNames.NODES_TO_GRAPH,
        Topics.GRAPH.name(),
        keys,
        widen(graph.serializer()),
        TopologyNames.NODES);
    // A quarantined graph message, written as it is on lineage.graph.v1 (same schema subject).
    final Serializer<GraphMessage> asOnGraph =
        (topic, message) -> graph.serializer().serialize(Topics.GRAPH.name(), message);
    topology.addSink(
        TopologyNames.NODES_DLQ_SINK,
        Topics.EVENTS_DLQ.name(),
        keys,
        widen(asOnGraph),
        TopologyNames.NODES);
    topology.addSink(
        TopologyNames.VERDICTS_SINK,
        Topics.VERDICTS.name(),
        keys,
        widen(sinkBound(serdes.valueSerde(Topics.VERDICTS).serializer(), Topics.VERDICTS.name())),
        TopologyNames.NODES);
    topology.addSink(
        TopologyNames.NODE_ALERTS_SINK,
        Topics.ALERTS.name(),
        keys,
        widen(sinkBound(serdes.valueSerde(Topics.ALERTS).serializer(), Topics.ALERTS.name())),
        TopologyNames.NODES);
    return topology;
  }

  /**
   * Persistent (RocksDB) and changelogged: state survives restarts and moves with its task. Cached:
   * a node updated by several messages within one commit interval is written to RocksDB and its
   * changelog once.
   */
  private static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(
      final String name, final Serde<V> values) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withCachingEnabled();
  }

  /**
   * A store of the values' bytes, with the values of its recently used keys kept decoded in front
   * of it ({@link ObjectCachingStore}): for the stores every message reads and re-writes, whose
   * Avro encoding of the whole value on every put and decoding on every get cost a third of the
   * stream thread. The bound per key is checked there, exactly; at most {@link
   * TopologyConfig#objectCacheBytesPerStore()} of encoded values kept per store and task.
   */
  private static <V extends SpecificRecordBase> StoreBuilder<KeyValueStore<String, V>> decoded(
      final String name,
      final TopologyConfig config,
      final Class<V> type,
      final Supplier<V> blank) {
    final int bound = config.maxStateBytes();
    if (config.objectCacheBytesPerStore() == 0) {
      return keyValue(name, bounded(config.serdes(), type, bound));
    }
    final Serde<V> values = config.serdes().avro(type);
    return new ObjectCachingStoreBuilder<>(
        keyValue(name, Serdes.ByteArray()),
        inner ->
            new ObjectCachingStore<>(
                inner,
                values,
                blank,
                type.getSimpleName(),
                bound,
                config.objectCacheBytesPerStore()));
  }

  private static <T> Serializer<T> sinkBound(final Serializer<T> serializer, final String topic) {
    return BoundedSerde.serializer(serializer, TopologyConfig.MAX_STATE_BYTES, topic);
  }

  private static <T extends SpecificRecord> Serde<T> bounded(
      final SerdeFactory serdes, final Class<T> type, final int limit) {
    return BoundedSerde.of(serdes.avro(type), limit, type.getSimpleName());
  }

  /** eventId → when it was seen, forgotten after the window: the bounded-TTL dedup of §3. */
  private static StoreBuilder<WindowStore<String, Long>> eventIds(final Duration window) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(
            TopologyNames.EVENT_IDS_STORE, window.multipliedBy(2), window, false),
        Serdes.String(),
        Serdes.Long());
  }

  /**
   * Sinks of the graph processor take any of its outputs; each sink only ever gets its own type.
   */
  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> Serializer<SpecificRecord> widen(
      final Serializer<T> serializer) {
    return (Serializer<SpecificRecord>) serializer;
  }
}
