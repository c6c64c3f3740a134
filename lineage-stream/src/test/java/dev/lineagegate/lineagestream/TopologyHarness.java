package dev.lineagegate.lineagestream;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.GraphMessage;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.lineagestream.graph.Address;
import dev.lineagegate.lineagestream.query.NodeSource;
import dev.lineagegate.lineagestream.query.QueryService;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.testkit.ApicurioRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The topology in a {@link TopologyTestDriver}, with the real schema registry of this test JVM
 * (values are in the Confluent wire format, as on the broker). The driver does not deliver what the
 * topology writes to {@code lineage.graph.v1} back to it, so {@link #settle()} plays the broker's
 * part: it pipes the graph's output into its input until nothing more is sent.
 */
public final class TopologyHarness implements AutoCloseable {

  /** More graph messages than this for one input means a loop, even if it ended. */
  private static final int MAX_MESSAGES = 10_000;

  private final TopologyTestDriver driver;
  private final Path stateDir;
  private final TestInputTopic<String, ExecutionEvent> events;
  private final TestInputTopic<byte[], byte[]> rawEvents;
  private final TestOutputTopic<String, GraphMessage> graphOut;
  private final TestOutputTopic<String, Verdict> verdicts;
  private final TestOutputTopic<String, Alert> alerts;
  private final TestOutputTopic<byte[], byte[]> deadLetters;
  private Instant clock;

  public TopologyHarness(final Policy policy) {
    this(policy, TopologyConfig.DEFAULT_MAX_DEPTH);
  }

  public TopologyHarness(final Policy policy, final int maxDepth) {
    this(policy, maxDepth, TopologyConfig.DEFAULT_MAX_STATE_BYTES);
  }

  /** With a bound on state per key, to reach it with small fixtures. */
  public TopologyHarness(final Policy policy, final int maxDepth, final int maxStateBytes) {
    this(policy, maxDepth, maxStateBytes, UnaryOperator.identity(), LineageTopology::build);
  }

  /**
   * {@code build} (lineage-stream's topology, or the oracle of the equivalence tests) with the
   * config {@code tune} makes of the harness's (graph partitions, work budget).
   */
  public TopologyHarness(
      final Policy policy,
      final int maxDepth,
      final int maxStateBytes,
      final UnaryOperator<TopologyConfig> tune,
      final Function<TopologyConfig, Topology> build) {
    final SerdeFactory serdes = new SerdeFactory(ApicurioRegistry.shared().registryConfig());
    final TopologyConfig config =
        tune.apply(
            new TopologyConfig(
                serdes,
                policy,
                TopologyConfig.DEFAULT_DEDUP_WINDOW,
                Duration.ofSeconds(60),
                maxDepth,
                maxStateBytes));
    try {
      stateDir = Files.createTempDirectory("lineage-stream-ttd");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "lineage-stream-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    clock = TopologyHarnessClock.NOW;
    driver = new TopologyTestDriver(build.apply(config), props, clock);
    events =
        driver.createInputTopic(
            Topics.EVENTS.name(),
            Serdes.String().serializer(),
            serdes.valueSerde(Topics.EVENTS).serializer());
    rawEvents =
        driver.createInputTopic(
            Topics.EVENTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
    graphOut =
        driver.createOutputTopic(
            Topics.GRAPH.name(),
            Serdes.String().deserializer(),
            serdes.valueSerde(Topics.GRAPH).deserializer());
    verdicts =
        driver.createOutputTopic(
            Topics.VERDICTS.name(),
            Serdes.String().deserializer(),
            serdes.valueSerde(Topics.VERDICTS).deserializer());
    alerts =
        driver.createOutputTopic(
            Topics.ALERTS.name(),
            Serdes.String().deserializer(),
            serdes.valueSerde(Topics.ALERTS).deserializer());
    deadLetters =
        driver.createOutputTopic(
            Topics.EVENTS_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Pipes {@code event} (key = its runId, timestamp = now) and lets the graph settle. */
  public TopologyHarness send(final ExecutionEvent event) {
    events.pipeInput(new TestRecord<>(event.getRun().getRunId(), event, clock));
    settle();
    return this;
  }

  /** Pipes {@code event} and returns how many graph messages it caused. */
  public int sendCounting(final ExecutionEvent event) {
    events.pipeInput(new TestRecord<>(event.getRun().getRunId(), event, clock));
    return settle();
  }

  /**
   * Pipes {@code event} and returns the bodies of the graph messages it caused that crossed {@code
   * lineage.graph.v1} (to nodes of another partition), those carried in {@code more} included.
   */
  public List<Object> sendCrossing(final ExecutionEvent event) {
    events.pipeInput(new TestRecord<>(event.getRun().getRunId(), event, clock));
    final List<Object> bodies = new ArrayList<>();
    for (final GraphMessage record : graphOut.readValuesToList()) {
      bodies.add(record.getBody());
      record.getMore().forEach(more -> bodies.add(more.getBody()));
    }
    if (bodies.size() > MAX_MESSAGES) {
      throw new AssertionError("the graph sent " + bodies.size() + " messages for one input");
    }
    return bodies;
  }

  /** Pipes raw bytes as they might reach the topic by another path than ingest. */
  public TopologyHarness sendRaw(final byte[] key, final byte[] value) {
    rawEvents.pipeInput(new TestRecord<>(key, value, clock));
    settle();
    return this;
  }

  /** Moves the wall clock (punctuators run) and lets the graph settle. */
  public TopologyHarness advance(final Duration duration) {
    clock = clock.plus(duration);
    driver.advanceWallClockTime(duration);
    settle();
    return this;
  }

  public Instant now() {
    return clock;
  }

  /**
   * Drains what the topology sent to {@code lineage.graph.v1} and returns how many messages that
   * was. The driver itself delivers a record written to a topic that is also a source of the
   * topology back to it, depth first, before {@code pipeInput} returns: by then the graph has
   * settled, and this only counts its traffic.
   */
  public int settle() {
    final int delivered = graphOut.readRecordsToList().size();
    if (delivered > MAX_MESSAGES) {
      throw new AssertionError("the graph sent " + delivered + " messages for one input");
    }
    return delivered;
  }

  public List<Verdict> verdicts() {
    return new ArrayList<>(verdicts.readValuesToList());
  }

  public List<TestRecord<String, Verdict>> verdictRecords() {
    return verdicts.readRecordsToList();
  }

  public List<Alert> alerts() {
    return new ArrayList<>(alerts.readValuesToList());
  }

  public List<TestRecord<byte[], byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  /** The lineage queries, over this driver's stores (as LocalStores serves them). */
  public QueryService queries() {
    return new QueryService(
        new NodeSource() {
          @Override
          public Optional<ArtifactNode> artifact(final String digest) {
            return Optional.ofNullable(
                driver
                    .<String, ArtifactNode>getKeyValueStore(TopologyNames.ARTIFACTS_STORE)
                    .get(digest));
          }

          @Override
          public List<ConsumerEdge> consumers(final String digest) {
            final List<ConsumerEdge> edges = new ArrayList<>();
            try (KeyValueIterator<String, ConsumerEdge> it =
                driver
                    .<String, ConsumerEdge>getKeyValueStore(TopologyNames.EDGES_STORE)
                    .prefixScan(Address.edgePrefix(digest), Serdes.String().serializer())) {
              it.forEachRemaining(kv -> edges.add(kv.value));
            }
            return edges;
          }

          @Override
          public Optional<NameNode> name(final String name) {
            return Optional.ofNullable(
                driver
                    .<String, NameNode>getKeyValueStore(TopologyNames.NAMES_STORE)
                    .get(Address.name(name)));
          }
        });
  }

  @Override
  public void close() {
    driver.close();
  }
}
