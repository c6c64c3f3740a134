package dev.lineagegate.lineagestream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.GraphMessage;
import dev.lineagegate.avro.graph.NameLink;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.avro.graph.RecipeNode;
import dev.lineagegate.avro.graph.RunState;
import dev.lineagegate.avro.graph.VersionUpdate;
import dev.lineagegate.lineagestream.graph.Address;
import dev.lineagegate.lineagestream.graph.Partitions;
import dev.lineagegate.lineagestream.rules.Alerts;
import dev.lineagegate.lineagestream.run.RunFold;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.testkit.ApicurioRegistry;
import dev.lineagegate.testkit.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A streaming run (DESIGN.md §3, run.mode STREAMING) sends heartbeats forever, each repeating its
 * inputs and outputs with a new eventId and a later eventTime (issue #14, "runs that never end"):
 * what lineage-stream keeps about it must stay the size it was after its first heartbeats, and a
 * verdict is written only when something changed. Time per event is StreamingRunBenchmark's
 * business; here, the bytes kept and the records written.
 */
class StreamingRunTest {

  private static final String RUN = TestEvents.runId(0x5e1);
  private static final int HEARTBEATS = 10_000;
  private static final int VERSION_EVERY = 1_000;
  private static final Duration BEAT = Duration.ofSeconds(30);
  private static final String CLICKS_SOURCE = Address.source(TestEvents.CLICKS);
  private static final String UNVERSIONED = "input kafka://prod/clicks has no digest";

  @Test
  void shouldKeepItsStateAtOneSizeAndWriteNothingMoreWhenAStreamingRunRepeatsItsHeartbeat() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a streaming run's first heartbeat: its output and both its inputs are judged
      beat(h, 0, version(0));
      final Instant first = h.now();
      final Verdict enriched = enriched(version(0), recipe(h), first);
      assertThat(h.verdicts()).containsExactly(features(first), clicksSource(first), enriched);
      assertThat(h.alerts()).containsExactly(worsened(enriched));

      // When it sends 99 more heartbeats with the same inputs and output, then 9,900 more
      beats(h, 1, 100, beat -> version(0));
      final Stored after100 = Stored.of(h);
      beats(h, 100, HEARTBEATS, beat -> version(0));
      final Stored after10000 = Stored.of(h);

      // Then the run's stored state is the size it was after 100 (its event count's varint aside)
      assertThat(after10000.run()).isBetween(after100.run(), after100.run() + 2);
      assertThat(after10000.events()).isEqualTo((long) HEARTBEATS);
      // And it has one open-runs entry, its stall clock at its latest heartbeat
      assertThat(after10000.openRuns()).containsExactly(KeyValue.pair(openRunKey(h.now()), RUN));
      // And every node is the size it was: the same keys, byte for byte as large
      assertThat(after10000.nodes()).isEqualTo(after100.nodes());
      // And nothing was written after the first heartbeat: no verdict, alert or dead letter
      assertThat(h.verdicts()).isEmpty();
      assertThat(h.alerts()).isEmpty();
      assertThat(h.deadLetters()).isEmpty();
    }
  }

  @Test
  void shouldJudgeEachNewVersionOnceAndKeepTheRunBoundedWhenEveryThousandthHeartbeatWritesOne() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a streaming run whose first heartbeat wrote version 0 of its topic
      beat(h, 0, version(0));
      assertThat(h.verdicts()).hasSize(3);
      assertThat(h.alerts()).hasSize(1);
      final String recipe = recipe(h);
      Stored after100 = null;
      final List<Stored> sliceStarts = new ArrayList<>();
      final List<Stored> sliceEnds = new ArrayList<>();

      for (int beat = 1; beat < HEARTBEATS; beat++) {
        // When every 1,000th heartbeat lists a new digest of the topic (a new version written)
        beat(h, beat, version(beat / VERSION_EVERY));
        if (beat % VERSION_EVERY == 0) {
          // Then that version alone is judged, once, and its BLOCK alerted
          final Verdict verdict = enriched(version(beat / VERSION_EVERY), recipe, h.now());
          assertThat(h.verdicts()).as("heartbeat %d", beat).containsExactly(verdict);
          assertThat(h.alerts()).as("heartbeat %d", beat).containsExactly(worsened(verdict));
        }
        if (beat % VERSION_EVERY == 1) {
          sliceStarts.add(Stored.of(h));
        }
        if (beat % VERSION_EVERY == VERSION_EVERY - 1) {
          // And the heartbeats in between wrote nothing
          assertThat(h.verdicts()).as("heartbeats up to %d", beat).isEmpty();
          assertThat(h.alerts()).as("heartbeats up to %d", beat).isEmpty();
          sliceEnds.add(Stored.of(h));
        }
        if (beat == 100) {
          after100 = Stored.of(h);
        }
      }

      // And between two versions nothing kept grows: each node is the size it was at the start
      for (int slice = 0; slice < sliceEnds.size(); slice++) {
        assertThat(sliceEnds.get(slice).nodes())
            .as("versions %d", slice)
            .isEqualTo(sliceStarts.get(slice).nodes());
      }
      // And the run's state is the size it was after 100 heartbeats: it keeps the version it
      // writes now, not the ten it wrote
      final Stored end = sliceEnds.get(sliceEnds.size() - 1);
      assertThat(end.run()).isBetween(after100.run(), after100.run() + 2);
      assertThat(RunFold.facts(end.state()).getMerged().getOutputs())
          .containsExactly(TestEvents.output(TestEvents.ENRICHED, version(9)));
      assertThat(end.openRuns()).containsExactly(KeyValue.pair(openRunKey(h.now()), RUN));
      // And each version has its node, besides the two inputs' (none was refused as malformed)
      assertThat(end.nodes().keySet())
          .filteredOn(key -> key.startsWith(TopologyNames.ARTIFACTS_STORE))
          .hasSize(10 + 2);
      assertThat(h.deadLetters()).isEmpty();
    }
  }

  @Test
  void shouldTellTheNameOfTheOutputOnlyOfANewVersionWhenHeartbeatsRepeatTheSameOne() {
    // Given graph partitions that put the output's name on another partition than the task's,
    // so that what its artifact node tells the name crosses lineage.graph.v1 and can be read
    final int partitions = partitionsAway(Address.name(TestEvents.ENRICHED));
    try (TopologyHarness h =
        new TopologyHarness(
            Policy.defaults(),
            TopologyConfig.DEFAULT_MAX_DEPTH,
            TopologyConfig.DEFAULT_MAX_STATE_BYTES,
            config -> config.withGraphPartitions(partitions),
            LineageTopology::build)) {
      // And a streaming run whose first heartbeat told the name of version 0 (produced, judged)
      h.advance(BEAT);
      assertThat(versionUpdates(h.sendCrossing(TestEvents.streamingHeartbeat(RUN, 0, version(0)))))
          .containsExactly(version(0).value(), version(0).value());

      // When it sends 100 more heartbeats listing the same version
      final List<String> told = new ArrayList<>();
      for (int beat = 1; beat <= 100; beat++) {
        h.advance(BEAT);
        told.addAll(
            versionUpdates(h.sendCrossing(TestEvents.streamingHeartbeat(RUN, beat, version(0)))));
      }
      // Then the name is told nothing more: what it keeps of the version did not change (its
      // node lists every version of the name, and was read on every heartbeat)
      assertThat(told).isEmpty();

      // And when a heartbeat lists a new version, the name is told of that one (produced, judged)
      h.advance(BEAT);
      assertThat(
              versionUpdates(h.sendCrossing(TestEvents.streamingHeartbeat(RUN, 101, version(1)))))
          .containsExactly(version(1).value(), version(1).value());
    }
  }

  /** The fewest graph partitions (at least 2) under which {@code address} is not partition 0's. */
  private static int partitionsAway(final String address) {
    int partitions = 2;
    while (Partitions.of(address, partitions) == 0) {
      partitions++;
    }
    return partitions;
  }

  /** The artifacts of the VersionUpdates among {@code bodies}. */
  private static List<String> versionUpdates(final List<Object> bodies) {
    return bodies.stream()
        .filter(VersionUpdate.class::isInstance)
        .map(body -> ((VersionUpdate) body).getArtifact())
        .toList();
  }

  /** The digest of the {@code n}th version of the topic the run writes. */
  private static Digest version(final int n) {
    return Digest.sha256("enriched v" + n);
  }

  private static void beats(
      final TopologyHarness h, final int from, final int to, final IntFunction<Digest> version) {
    for (int beat = from; beat < to; beat++) {
      beat(h, beat, version.apply(beat));
    }
  }

  /** Heartbeat {@code beat}, 30 s after the one before; the wall clock stays 1 h ahead. */
  private static void beat(final TopologyHarness h, final int beat, final Digest output) {
    h.advance(BEAT);
    h.send(TestEvents.streamingHeartbeat(RUN, beat, output));
  }

  private static String recipe(final TopologyHarness h) {
    final KeyValueStore<String, RunState> runs =
        h.driver().getKeyValueStore(TopologyNames.RUNS_STORE);
    return RunFold.facts(runs.get(RUN)).getRecipe();
  }

  /** The key of the run in open-runs (OpenRuns.key): its stall clock, zero-padded, then runId. */
  private static String openRunKey(final Instant since) {
    return String.format("%015d|%s", since.toEpochMilli(), RUN);
  }

  /** The output's verdict: BLOCK, for the clicks topic it reads is named without a version. */
  private static Verdict enriched(final Digest version, final String recipe, final Instant at) {
    return Verdict.newBuilder()
        .setArtifact(version.value())
        .setName(TestEvents.ENRICHED)
        .setStatus(VerdictStatus.BLOCK)
        .setReasons(
            List.of(
                new Reason(
                    ReasonCode.UNVERSIONED_INPUT,
                    Severity.BLOCK,
                    UNVERSIONED + ": a path without a version is a variable",
                    Map.of("input", TestEvents.CLICKS, "runId", RUN))))
        .setReproducibility(new Reproducibility(ReproducibilityGrade.PARTIAL, List.of(UNVERSIONED)))
        .setProducingRunId(RUN)
        .setRecipe(recipe)
        .setReproducedBy(List.of())
        .setPolicyVersion(Policy.defaults().version().value())
        .setSequence(1)
        .setEvaluatedAt(at)
        .setDerived(false)
        .build();
  }

  private static Verdict features(final Instant at) {
    return Expect.source(TestEvents.FEATURES_V1, TestEvents.FEATURES, at);
  }

  /** The unversioned source node of the clicks topic, read by name (DESIGN.md §2). */
  private static Verdict clicksSource(final Instant at) {
    return Expect.source(CLICKS_SOURCE, TestEvents.CLICKS, true, at);
  }

  /** No other version of the name passes, so the alert has no rollback candidate. */
  private static Alert worsened(final Verdict verdict) {
    return Alerts.verdictWorsened(null, verdict, "ml-platform", verdict.getEvaluatedAt());
  }

  /**
   * What the topology keeps, as its stores' serde writes it: the run's state and its bytes, its
   * open-runs entries, and the bytes of every graph node by store and key.
   */
  private record Stored(
      RunState state,
      int run,
      List<KeyValue<String, String>> openRuns,
      Map<String, Integer> nodes) {

    static Stored of(final TopologyHarness h) {
      final SerdeFactory serdes = new SerdeFactory(ApicurioRegistry.shared().registryConfig());
      final KeyValueStore<String, RunState> runs =
          h.driver().getKeyValueStore(TopologyNames.RUNS_STORE);
      final RunState state = runs.get(RUN);
      final List<KeyValue<String, String>> open = new ArrayList<>();
      final KeyValueStore<String, String> openRuns =
          h.driver().getKeyValueStore(TopologyNames.OPEN_RUNS_STORE);
      try (KeyValueIterator<String, String> it = openRuns.all()) {
        it.forEachRemaining(open::add);
      }
      final Map<String, Integer> nodes = new TreeMap<>();
      sizes(h, serdes, TopologyNames.ARTIFACTS_STORE, ArtifactNode.class, nodes);
      sizes(h, serdes, TopologyNames.EDGES_STORE, ConsumerEdge.class, nodes);
      sizes(h, serdes, TopologyNames.NAMES_STORE, NameNode.class, nodes);
      sizes(h, serdes, TopologyNames.NAME_LINKS_STORE, NameLink.class, nodes);
      sizes(h, serdes, TopologyNames.RECIPES_STORE, RecipeNode.class, nodes);
      sizes(h, serdes, TopologyNames.WORK_QUEUE_STORE, GraphMessage.class, nodes);
      return new Stored(
          state, size(serdes, TopologyNames.RUNS_STORE, RunState.class, state), open, nodes);
    }

    long events() {
      return state.getEventCount();
    }

    private static <T extends SpecificRecord> void sizes(
        final TopologyHarness h,
        final SerdeFactory serdes,
        final String store,
        final Class<T> type,
        final Map<String, Integer> into) {
      final KeyValueStore<String, T> values = h.driver().getKeyValueStore(store);
      try (KeyValueIterator<String, T> it = values.all()) {
        it.forEachRemaining(
            kv -> into.put(store + "/" + kv.key, size(serdes, store, type, kv.value)));
      }
    }

    private static <T extends SpecificRecord> int size(
        final SerdeFactory serdes, final String store, final Class<T> type, final T value) {
      final Serializer<T> serializer = serdes.avro(type).serializer();
      return serializer.serialize(store, value).length;
    }
  }
}
