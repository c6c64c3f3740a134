package dev.lineagegate.lineagestream.oracle;

import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.GraphMessage;
import dev.lineagegate.avro.graph.NameLink;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.avro.graph.RecipeNode;
import dev.lineagegate.avro.graph.RunState;
import dev.lineagegate.lineagestream.TopologyConfig;
import dev.lineagegate.lineagestream.oracle.graph.GraphProcessor;
import dev.lineagegate.lineagestream.oracle.run.RunProcessor;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.service.guard.GuardedProcessor;
import dev.lineagegate.service.state.BoundedSerde;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
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
 * The oracle of the equivalence tests (issue #14): lineage-stream's topology as it was before
 * messages between nodes of one task were delivered inside the task, copied with the graph and run
 * classes that changed or depend on what changed (processors, emitter, outbox, handlers) into the
 * test tree; the unchanged public pieces (Address, RunFold, RunLimits, Recipes,
 * MalformedEventException) are lineage-stream's own. Two additions: a back edge stays one (the fix
 * the equivalence test led to, in both), and {@link MessageLimit}. Every message crosses {@code
 * lineage.graph.v1}. The new topology must give the same verdicts, name versions, lineage walks,
 * dead letters and alerts for the same input.
 *
 * <p>The lineage-stream topology (DESIGN.md §4): a pure builder, no I/O. Two sub-topologies:
 *
 * <ol>
 *   <li>{@code lineage.events.v1} (key runId) → {@value #RUNS}: decode, dead-letter, dedup, merge
 *       the run, then messages to the graph's nodes on {@code lineage.graph.v1}.
 *   <li>{@code lineage.graph.v1} (key = node address) → {@value #NODES}: artifact, name and recipe
 *       nodes evaluate the rules and write verdicts, alerts, and messages to other nodes back onto
 *       {@code lineage.graph.v1}: the loop through which a change reaches every descendant.
 * </ol>
 *
 * Every source, processor, sink and store is named here; {@code LineageTopologyDescribeTest} pins
 * the names, since renaming a store or topic orphans its changelog.
 */
public final class OracleTopology {

  public static final String EVENTS_SOURCE = "events-source";
  public static final String RUNS = "runs";
  public static final String DLQ_SINK = "dead-letter-sink";
  public static final String RUNS_TO_GRAPH = "runs-to-graph-sink";
  public static final String RUN_ALERTS_SINK = "run-alerts-sink";
  public static final String GRAPH_SOURCE = "graph-source";
  public static final String NODES = "nodes";
  public static final String NODES_TO_GRAPH = "nodes-to-graph-sink";
  public static final String VERDICTS_SINK = "verdicts-sink";
  public static final String NODE_ALERTS_SINK = "node-alerts-sink";
  public static final String NODES_DLQ_SINK = "nodes-dead-letter-sink";

  public static final String RUNS_STORE = "runs";
  public static final String EVENT_IDS_STORE = "event-ids";
  public static final String OPEN_RUNS_STORE = "open-runs";
  public static final String ARTIFACTS_STORE = "artifact-nodes";
  public static final String EDGES_STORE = "consumer-edges";
  public static final String NAMES_STORE = "name-nodes";
  public static final String RECIPES_STORE = "recipe-nodes";
  public static final String NAME_LINKS_STORE = "name-links";

  private OracleTopology() {}

  public static Topology build(final TopologyConfig config) {
    final SerdeFactory serdes = config.serdes();
    // Sinks refuse a record the broker would (over 1 MB): the production exception handler then
    // dead-letters its cause instead of a send that would abort the transaction on every replay.
    final Serde<GraphMessage> graph =
        BoundedSerde.of(
            serdes.valueSerde(Topics.GRAPH), TopologyConfig.MAX_STATE_BYTES, Topics.GRAPH.name());
    final Serializer<String> keys = Serdes.String().serializer();
    final Topology topology = new Topology();
    final MessageLimit limit = new MessageLimit(config.workBudget());

    topology.addSource(
        EVENTS_SOURCE,
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer(),
        Topics.EVENTS.name());
    // Guarded: a record on which a stream thread dies twice is dead-lettered, not replayed forever.
    topology.addProcessor(
        RUNS,
        GuardedProcessor.of(() -> new RunProcessor(config, limit::reset), DLQ_SINK),
        EVENTS_SOURCE);
    // Every store is bounded per key in bytes by its serde (config.maxStateBytes()): a value that
    // would exceed it is refused before it is written, and the processor keeps the previous state
    // and says why (STATE_LIMIT). runs: a run's picture (RunFold), one per runId; open-runs and
    // event-ids: a runId or an eventId (at most 256 characters) per key.
    final int bound = config.maxStateBytes();
    topology.addStateStore(keyValue(RUNS_STORE, bounded(serdes, RunState.class, bound)), RUNS);
    topology.addStateStore(eventIds(config.dedupWindow()), RUNS);
    topology.addStateStore(keyValue(OPEN_RUNS_STORE, Serdes.String()), RUNS);
    topology.addSink(
        DLQ_SINK,
        Topics.EVENTS_DLQ.name(),
        new ByteArraySerializer(),
        new ByteArraySerializer(),
        RUNS);
    topology.addSink(RUNS_TO_GRAPH, Topics.GRAPH.name(), keys, graph.serializer(), RUNS);
    topology.addSink(
        RUN_ALERTS_SINK,
        Topics.ALERTS.name(),
        keys,
        sinkBound(serdes.valueSerde(Topics.ALERTS).serializer(), Topics.ALERTS.name()),
        RUNS);

    topology.addSource(
        GRAPH_SOURCE, Serdes.String().deserializer(), graph.deserializer(), Topics.GRAPH.name());
    topology.addProcessor(
        NODES,
        GuardedProcessor.of(() -> new GraphProcessor(config, limit::count), NODES_DLQ_SINK),
        GRAPH_SOURCE);
    // artifact-nodes: producers (at most 64 runs' facts), the inputs' last signals, the verdict;
    // consumer-edges: one run's outputs per (input, run); name-nodes: the newest versions that fit
    // (at most 1,000); recipe-nodes: at most 256 runs' outcomes. All within the same byte bound.
    topology.addStateStore(
        keyValue(ARTIFACTS_STORE, bounded(serdes, ArtifactNode.class, bound)), NODES);
    topology.addStateStore(
        keyValue(EDGES_STORE, bounded(serdes, ConsumerEdge.class, bound)), NODES);
    topology.addStateStore(keyValue(NAMES_STORE, bounded(serdes, NameNode.class, bound)), NODES);
    topology.addStateStore(
        keyValue(RECIPES_STORE, bounded(serdes, RecipeNode.class, bound)), NODES);
    // name-links: one run's link of an input named without a digest, twice (by start, by runId).
    topology.addStateStore(
        keyValue(NAME_LINKS_STORE, bounded(serdes, NameLink.class, bound)), NODES);
    topology.addSink(NODES_TO_GRAPH, Topics.GRAPH.name(), keys, widen(graph.serializer()), NODES);
    // A quarantined graph message, written as it is on lineage.graph.v1 (same schema subject).
    final Serializer<GraphMessage> asOnGraph =
        (topic, message) -> graph.serializer().serialize(Topics.GRAPH.name(), message);
    topology.addSink(NODES_DLQ_SINK, Topics.EVENTS_DLQ.name(), keys, widen(asOnGraph), NODES);
    topology.addSink(
        VERDICTS_SINK,
        Topics.VERDICTS.name(),
        keys,
        widen(sinkBound(serdes.valueSerde(Topics.VERDICTS).serializer(), Topics.VERDICTS.name())),
        NODES);
    topology.addSink(
        NODE_ALERTS_SINK,
        Topics.ALERTS.name(),
        keys,
        widen(sinkBound(serdes.valueSerde(Topics.ALERTS).serializer(), Topics.ALERTS.name())),
        NODES);
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
        Stores.persistentWindowStore(EVENT_IDS_STORE, window.multipliedBy(2), window, false),
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
