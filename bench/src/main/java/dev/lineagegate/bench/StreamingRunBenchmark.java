package dev.lineagegate.bench;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.AlertKind;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.avro.graph.RunState;
import dev.lineagegate.lineagestream.LineageTopology;
import dev.lineagegate.lineagestream.TopologyConfig;
import dev.lineagegate.lineagestream.TopologyNames;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.testkit.ApicurioRegistry;
import dev.lineagegate.testkit.TestEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Streaming runs that never end (issue #14): one run (or a few in parallel) sends heartbeats, each
 * repeating its inputs and output with a new eventId and an event time 30 s later ({@link
 * TestEvents#streamingHeartbeat(String, int, Digest)}: features by digest, a topic by name only,
 * one output), and every {@code versionEvery}-th heartbeat of the first run writes a new version of
 * its output. What is measured is that the cost per event and the state kept do not grow with the
 * number of events: the processing time of each slice of events (first against last), the bytes of
 * the first run's stored state ({@code runs}, as its serde writes them), its {@code open-runs}
 * entries, the artifact and name nodes, and what was written per slice: verdicts, alerts, dead
 * letters, and changelog records per event by store.
 *
 * <p>Setup: lineage-stream's topology ({@link LineageTopology#build}, its defaults: RocksDB stores,
 * one graph partition, the default policy) in a {@link TopologyTestDriver}, with a real Apicurio
 * Registry started by this JVM (values in the Confluent wire format, as on the broker). No broker:
 * the driver runs the topology on this thread, so the time is lineage-stream's own work per event
 * (decode, dedup, fold, rules, store reads and writes, encoding), without the broker's round trips
 * or commits. The wall clock moves 30 s per round of heartbeats (the stall check runs); each
 * record's timestamp is that clock, an hour ahead of the heartbeat's event time. Time is summed
 * over {@code pipeInput} and the clock's advance only: draining the driver's outputs and reading
 * the stores between slices is not counted. The first slice includes the JIT's warm-up.
 *
 * <p>Run (build first: {@code mvn -B -o -q package -DskipTests -pl bench -am}): {@code java -Xmx1g
 * -Dlineagegate.apicurio.home=testkit/target/apicurio -cp "bench/target/classes:$(cat
 * bench/target/classpath)" dev.lineagegate.bench.StreamingRunBenchmark [events=100000] [runs=1]
 * [versionEvery=1000] [slice=10000]} ({@code versionEvery} 0: the output never changes)
 */
public final class StreamingRunBenchmark {

  private static final Duration BEAT = Duration.ofSeconds(30);
  private static final Instant CLOCK = TestEvents.T0.plusSeconds(3600);

  private StreamingRunBenchmark() {}

  /** What was measured for one slice of events. */
  private record Slice(
      int index,
      long events,
      long nanos,
      long clockNanos,
      int runBytes,
      long eventCount,
      int openRuns,
      int artifactNodes,
      int maxArtifactBytes,
      int maxNameBytes,
      int verdicts,
      int alerts,
      int deadLetters,
      Map<String, Integer> changelog) {

    double microsPerEvent() {
      return nanos / 1e3 / events;
    }

    int changelogRecords() {
      return changelog.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  public static void main(final String[] args) throws Exception {
    final int events = arg(args, 0, 100_000);
    final int runs = arg(args, 1, 1);
    final int versionEvery = arg(args, 2, 1_000);
    final int slice = arg(args, 3, 10_000);
    final List<String> runIds = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      runIds.add(TestEvents.runId(0x5e00 + r));
    }
    final Path stateDir = Files.createTempDirectory("streaming-run-bench-");
    try (ApicurioRegistry registry = ApicurioRegistry.start()) {
      final SerdeFactory serdes = new SerdeFactory(registry.registryConfig());
      final Properties props = new Properties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-streaming-run");
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      try (TopologyTestDriver driver =
          new TopologyTestDriver(
              LineageTopology.build(TopologyConfig.of(serdes, Policy.defaults())), props, CLOCK)) {
        final Bench bench = new Bench(driver, serdes, runIds, versionEvery);
        final List<Slice> slices = new ArrayList<>();
        final Map<AlertKind, Integer> alertKinds = new EnumMap<>(AlertKind.class);
        final Map<String, Integer> changelogTotal = new TreeMap<>();
        int sent = 0;
        while (sent < events) {
          final int count = Math.min(slice, events - sent);
          final long nanos = bench.send(count);
          sent += count;
          final Slice measured = bench.measure(slices.size() + 1, count, nanos, alertKinds);
          slices.add(measured);
          measured.changelog().forEach((topic, n) -> changelogTotal.merge(topic, n, Integer::sum));
          System.out.printf(
              "%,d of %,d events: %.1f µs/event%n", sent, events, measured.microsPerEvent());
        }
        report(events, runs, versionEvery, slices, alertKinds, changelogTotal);
      }
    } finally {
      delete(stateDir);
    }
  }

  /** The driver, its topics, and where the heartbeats are. */
  private static final class Bench {

    private final TopologyTestDriver driver;
    private final List<String> runIds;
    private final int versionEvery;
    private final TestInputTopic<String, ExecutionEvent> events;
    private final TestOutputTopic<String, Verdict> verdicts;
    private final TestOutputTopic<String, Alert> alerts;
    private final Map<String, TestOutputTopic<byte[], byte[]>> raw = new TreeMap<>();
    private final Map<String, Integer> pending = new TreeMap<>();
    private final Serializer<RunState> runStates;
    private final Serializer<ArtifactNode> artifactNodes;
    private final Serializer<NameNode> nameNodes;
    private Instant clock = CLOCK;
    private long clockNanos;
    private int beat;
    private int run;

    Bench(
        final TopologyTestDriver driver,
        final SerdeFactory serdes,
        final List<String> runIds,
        final int versionEvery) {
      this.driver = driver;
      this.runIds = runIds;
      this.versionEvery = versionEvery;
      this.events =
          driver.createInputTopic(
              Topics.EVENTS.name(),
              Serdes.String().serializer(),
              serdes.valueSerde(Topics.EVENTS).serializer());
      this.verdicts =
          driver.createOutputTopic(
              Topics.VERDICTS.name(),
              Serdes.String().deserializer(),
              serdes.valueSerde(Topics.VERDICTS).deserializer());
      this.alerts =
          driver.createOutputTopic(
              Topics.ALERTS.name(),
              Serdes.String().deserializer(),
              serdes.valueSerde(Topics.ALERTS).deserializer());
      this.runStates = serdes.avro(RunState.class).serializer();
      this.artifactNodes = serdes.avro(ArtifactNode.class).serializer();
      this.nameNodes = serdes.avro(NameNode.class).serializer();
    }

    /**
     * Sends the next {@code count} heartbeats, the runs in turn, the clock 30 s on per round;
     * returns the nanoseconds spent in the topology. The driver's outputs are drained every 1,000
     * events (outside the time): it keeps every record written, changelogs included, until read.
     */
    long send(final int count) {
      long nanos = 0;
      clockNanos = 0;
      for (int i = 0; i < count; i++) {
        final ExecutionEvent event = heartbeat(runIds.get(run), run, beat);
        final long start = System.nanoTime();
        if (run == 0) {
          clock = clock.plus(BEAT);
          driver.advanceWallClockTime(BEAT);
          clockNanos += System.nanoTime() - start;
        }
        events.pipeInput(new TestRecord<>(event.getRun().getRunId(), event, clock));
        nanos += System.nanoTime() - start;
        run = (run + 1) % runIds.size();
        if (run == 0) {
          beat++;
        }
        if (i % 1_000 == 999) {
          drainRaw();
        }
      }
      return nanos;
    }

    /**
     * Heartbeat {@code beat} of run {@code r}: run 0 writes a new version every {@code
     * versionEvery} heartbeats; each run writes a topic of its own.
     */
    private ExecutionEvent heartbeat(final String runId, final int r, final int beat) {
      final int version = r == 0 && versionEvery > 0 ? beat / versionEvery : 0;
      final ExecutionEvent event =
          TestEvents.streamingHeartbeat(runId, beat, Digest.sha256(runId + " v" + version));
      if (r == 0) {
        return event;
      }
      return ExecutionEvent.newBuilder(event)
          .setOutputs(
              List.of(
                  TestEvents.output(
                      TestEvents.ENRICHED + "-" + r, Digest.sha256(runId + " v" + version))))
          .build();
    }

    /** What the slice wrote and what the stores keep now. */
    Slice measure(
        final int index, final int count, final long nanos, final Map<AlertKind, Integer> kinds) {
      drainRaw();
      final Map<String, Integer> written = new TreeMap<>(pending);
      pending.clear();
      final int verdictCount = verdicts.readValuesToList().size();
      final List<Alert> alerted = alerts.readValuesToList();
      alerted.forEach(a -> kinds.merge(a.getKind(), 1, Integer::sum));
      final int deadLetters = written.getOrDefault(Topics.EVENTS_DLQ.name(), 0);
      final Map<String, Integer> changelog = new TreeMap<>();
      written.forEach(
          (topic, n) -> {
            if (topic.endsWith("-changelog")) {
              changelog.put(topic.replace("bench-streaming-run-", ""), n);
            }
          });
      final KeyValueStore<String, RunState> runs =
          driver.getKeyValueStore(TopologyNames.RUNS_STORE);
      final RunState state = runs.get(runIds.get(0));
      final KeyValueStore<String, String> open =
          driver.getKeyValueStore(TopologyNames.OPEN_RUNS_STORE);
      final int[] nodes =
          sizes(
              driver.<String, ArtifactNode>getKeyValueStore(TopologyNames.ARTIFACTS_STORE),
              artifactNodes,
              TopologyNames.ARTIFACTS_STORE);
      final int[] names =
          sizes(
              driver.<String, NameNode>getKeyValueStore(TopologyNames.NAMES_STORE),
              nameNodes,
              TopologyNames.NAMES_STORE);
      return new Slice(
          index,
          count,
          nanos,
          clockNanos,
          runStates.serialize(TopologyNames.RUNS_STORE, state).length,
          state.getEventCount(),
          count(open),
          nodes[0],
          nodes[1],
          names[1],
          verdictCount,
          alerted.size(),
          deadLetters,
          changelog);
    }

    /**
     * Reads and drops what the driver holds for every topic but verdicts and alerts (read by {@link
     * #measure}), counting the records of each in {@link #pending}.
     */
    private void drainRaw() {
      for (final String topic : driver.producedTopicNames()) {
        if (topic.equals(Topics.VERDICTS.name()) || topic.equals(Topics.ALERTS.name())) {
          continue;
        }
        final TestOutputTopic<byte[], byte[]> out =
            raw.computeIfAbsent(
                topic,
                t ->
                    driver.createOutputTopic(
                        t, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
        final int n = out.readRecordsToList().size();
        if (n > 0) {
          pending.merge(topic, n, Integer::sum);
        }
      }
    }

    /** Count and largest value, as its serde writes it, of a store of nodes. */
    private static <T> int[] sizes(
        final KeyValueStore<String, T> store, final Serializer<T> serializer, final String name) {
      int count = 0;
      int max = 0;
      try (KeyValueIterator<String, T> it = store.all()) {
        while (it.hasNext()) {
          count++;
          max = Math.max(max, serializer.serialize(name, it.next().value).length);
        }
      }
      return new int[] {count, max};
    }

    private static int count(final KeyValueStore<String, String> store) {
      int n = 0;
      try (KeyValueIterator<String, String> it = store.all()) {
        while (it.hasNext()) {
          it.next();
          n++;
        }
      }
      return n;
    }
  }

  private static void report(
      final int events,
      final int runs,
      final int versionEvery,
      final List<Slice> slices,
      final Map<AlertKind, Integer> alertKinds,
      final Map<String, Integer> changelogTotal) {
    System.out.printf(
        "%nstreaming run benchmark: %,d events, %d run(s) in parallel, %s, TopologyTestDriver"
            + " (RocksDB stores, Apicurio Registry), %d cores%n%n",
        events,
        runs,
        versionEvery > 0
            ? String.format("run 1 writes a new version every %,d heartbeats", versionEvery)
            : "the same output on every heartbeat",
        Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| slice | events | time ms | of which stall checks ms | µs/event | events/s"
            + " | run 1 state bytes | run 1 events"
            + " | open-runs | artifact nodes | largest node bytes | largest name node bytes"
            + " | verdicts | alerts | dead letters | changelog records/event |");
    System.out.println(
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (final Slice s : slices) {
      System.out.printf(
          "| %d | %,d | %,.0f | %,.0f | %.1f | %,.0f | %,d | %,d | %d | %d | %,d | %,d | %d | %d"
              + " | %d | %.2f |%n",
          s.index(),
          s.events(),
          s.nanos() / 1e6,
          s.clockNanos() / 1e6,
          s.microsPerEvent(),
          s.events() * 1e9 / s.nanos(),
          s.runBytes(),
          s.eventCount(),
          s.openRuns(),
          s.artifactNodes(),
          s.maxArtifactBytes(),
          s.maxNameBytes(),
          s.verdicts(),
          s.alerts(),
          s.deadLetters(),
          (double) s.changelogRecords() / s.events());
    }
    final long nanos = slices.stream().mapToLong(Slice::nanos).sum();
    final Slice first = slices.get(0);
    final Slice last = slices.get(slices.size() - 1);
    final Slice second = slices.size() > 1 ? slices.get(1) : first;
    System.out.printf(
        "%nall: %,d events in %.1f s of topology time, %,.0f events/s; µs/event last / first"
            + " slice %.2f, last / second %.2f (the first includes the JIT's warm-up);"
            + " fastest slice %.1f, slowest %.1f%n",
        events,
        nanos / 1e9,
        events * 1e9 / nanos,
        last.microsPerEvent() / first.microsPerEvent(),
        last.microsPerEvent() / second.microsPerEvent(),
        slices.stream().mapToDouble(Slice::microsPerEvent).min().orElse(0),
        slices.stream().mapToDouble(Slice::microsPerEvent).max().orElse(0));
    System.out.printf(
        "run 1 state: %,d bytes after slice 1, %,d after slice %d%n",
        first.runBytes(), last.runBytes(), last.index());
    System.out.printf(
        "verdicts written: %,d; alerts: %s; dead letters: %,d%n",
        slices.stream().mapToInt(Slice::verdicts).sum(),
        alertKinds,
        slices.stream().mapToInt(Slice::deadLetters).sum());
    System.out.println("changelog records per event, by store:");
    changelogTotal.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .forEach(
            e -> System.out.printf("  %-50s %6.2f%n", e.getKey(), (double) e.getValue() / events));
  }

  private static void delete(final Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (final Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static int arg(final String[] args, final int index, final int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
