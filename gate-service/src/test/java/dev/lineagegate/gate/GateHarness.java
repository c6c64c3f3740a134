package dev.lineagegate.gate;

import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.gate.ArtifactGate;
import dev.lineagegate.gate.stream.StoreKeys;
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
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The gate topology in a {@link TopologyTestDriver} with the real schema registry of this test JVM.
 * The driver feeds what the topology writes to {@code gate.decisions.v1} (a topic it also reads)
 * and to its repartition topic back into it, as the broker would.
 */
public final class GateHarness implements AutoCloseable {

  private final TopologyTestDriver driver;
  private final Path stateDir;
  private final TestInputTopic<String, Verdict> verdicts;
  private final TestInputTopic<String, GateDecision> decisionsIn;
  private final TestOutputTopic<String, GateDecision> decisionsOut;
  private Instant clock = GateFixtures.T0;

  public GateHarness() {
    final SerdeFactory serdes = new SerdeFactory(ApicurioRegistry.shared().registryConfig());
    final GateTopologyConfig config =
        new GateTopologyConfig(
            serdes,
            GateFixtures.POLICY,
            GateFixtures.decisions(),
            Duration.ofSeconds(10),
            GateFixtures.BOUNDS);
    try {
      stateDir = Files.createTempDirectory("gate-ttd");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "gate-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(GateTopology.build(config), props, clock);
    verdicts =
        driver.createInputTopic(
            Topics.VERDICTS.name(),
            Serdes.String().serializer(),
            serdes.valueSerde(Topics.VERDICTS).serializer());
    decisionsIn =
        driver.createInputTopic(
            Topics.DECISIONS.name(),
            Serdes.String().serializer(),
            serdes.valueSerde(Topics.DECISIONS).serializer());
    decisionsOut =
        driver.createOutputTopic(
            Topics.DECISIONS.name(),
            Serdes.String().deserializer(),
            serdes.valueSerde(Topics.DECISIONS).deserializer());
  }

  public GateHarness verdict(final Verdict verdict) {
    verdicts.pipeInput(new TestRecord<>(verdict.getArtifact(), verdict, clock));
    return this;
  }

  /** A decision as the HTTP service publishes it (ALLOW, BLOCK, WAIVED). */
  public GateHarness decision(final GateDecision decision) {
    decisionsIn.pipeInput(new TestRecord<>(decision.getArtifact(), decision, clock));
    return this;
  }

  /** Moves the wall clock: punctuators (waiver expiry) run. */
  public GateHarness advance(final Duration duration) {
    clock = clock.plus(duration);
    driver.advanceWallClockTime(duration);
    return this;
  }

  public Instant now() {
    return clock;
  }

  /** What the topology itself published on {@code gate.decisions.v1} since the last call. */
  public List<TestRecord<String, GateDecision>> published() {
    return decisionsOut.readRecordsToList();
  }

  public ArtifactGate state(final String digest) {
    final KeyValueStore<String, ArtifactGate> store =
        driver.getKeyValueStore(TopologyNames.ARTIFACTS_STORE);
    return store.get(digest);
  }

  /** Replaces an artifact's state, as an earlier version of the gate may have written it. */
  public void state(final ArtifactGate state) {
    final KeyValueStore<String, ArtifactGate> store =
        driver.getKeyValueStore(TopologyNames.ARTIFACTS_STORE);
    store.put(state.getArtifact(), state);
  }

  /** The decision that counts for promotion request {@code requestId} (store gate-requests). */
  public GateDecision request(final String digest, final String requestId) {
    final KeyValueStore<String, GateDecision> store =
        driver.getKeyValueStore(TopologyNames.REQUESTS_STORE);
    return store.get(StoreKeys.request(digest, requestId));
  }

  public List<GateDecision> log(final String digest) {
    final KeyValueStore<String, GateDecision> store =
        driver.getKeyValueStore(TopologyNames.LOG_STORE);
    final List<GateDecision> result = new ArrayList<>();
    try (KeyValueIterator<String, GateDecision> it =
        store.prefixScan(digest + "|", Serdes.String().serializer())) {
      it.forEachRemaining(kv -> result.add(kv.value));
    }
    return result;
  }

  @Override
  public void close() {
    driver.close();
    try (Stream<Path> files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is not a test failure
    }
  }
}
