package dev.lineagegate.bench;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.bench.lineage.BenchPipelines;
import dev.lineagegate.bench.lineage.LineageRun;
import dev.lineagegate.bench.lineage.StatefulBaseline;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.Topic;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.testkit.ApicurioRegistry;
import dev.lineagegate.testkit.KafkaBroker;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * lineage-stream throughput, latency and reactivity next to a raw consume→produce passthrough on
 * the same broker, same run.
 *
 * <p>Setup: one in-process KRaft broker, one Apicurio Registry, every topic with 6 partitions, one
 * stream thread per application, exactly_once_v2 with the given commit interval for both. Workload:
 * four-step pipelines (8 events, 4 outputs and 1 source each; names shared by every 100th pipeline,
 * so newer versions supersede older ones and re-evaluate their consumers).
 *
 * <ol>
 *   <li>Throughput, in rounds: N pipelines produced first; in each round the passthrough copies
 *       them (events/s from the first copy readable to the last), the stateful baseline does, then
 *       a fresh lineage-stream (new application id, empty graph topic) processes them (events/s
 *       from the first verdict readable, read_committed, to the last artifact's first verdict).
 *   <li>Latency, on the last round's instance: pipelines produced at half the median lineage-stream
 *       rate; per COMPLETE event, the time from its send to its output's first verdict being
 *       readable.
 *   <li>Reactivity: a root with {@code fanout + fanout²} descendants; one event makes the root
 *       BLOCK; the time until every descendant's UPSTREAM_BLOCKED verdict is readable.
 * </ol>
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && java -Xmx2g
 * -Dlineagegate.apicurio.home=testkit/target/apicurio -cp "bench/target/classes:$(cat
 * bench/target/classpath)" dev.lineagegate.bench.LineageBenchmark [pipelines] [commitMs]
 * [latencySeconds] [fanout] [partitions] [rounds] [instances]} (partitions of lineage.events.v1 and
 * lineage.graph.v1, default 1: the embedded stack's; rounds, default 3, each running the
 * applications one after the other on the same events, the ratios taken within a round; instances,
 * default 1: with more, each round also runs that many instances of lineage-stream (one
 * application, a stream thread per core each) before the single one, and compares their final
 * verdicts with the single instance's). {@code -Dbench.object-cache-mib-variants=0,64} also runs,
 * in every round, lineage-stream with those amounts of decoded state (an A/B in one JVM), and
 * {@code -Dbench.object-cache-mib=N} sets it for every other run.
 */
public final class LineageBenchmark {

  /**
   * {@code -Dbench.object-cache-mib-variants=0,64}: in each round, lineage-stream also runs with
   * these amounts of decoded state (MiB), for an A/B of the decoded state in one run.
   */
  private static final int[] VARIANTS =
      Arrays.stream(System.getProperty("bench.object-cache-mib-variants", "").split(","))
          .filter(v -> !v.isBlank())
          .mapToInt(v -> Integer.parseInt(v.trim()))
          .toArray();

  /** No verdict for this long: the graph has settled. */
  private static final Duration QUIET = Duration.ofSeconds(3);

  private LineageBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int pipelines = arg(args, 0, 5_000);
    final Duration commit = Duration.ofMillis(arg(args, 1, 100));
    final int latencySeconds = arg(args, 2, 30);
    final int fanout = arg(args, 3, 100);
    final int partitions = arg(args, 4, 1);
    final int rounds = arg(args, 5, 3);
    final int instances = arg(args, 6, 1);
    try (KafkaBroker kafka = KafkaBroker.start();
        ApicurioRegistry registry = ApicurioRegistry.start()) {
      for (final Topic<?, ?> topic : Topics.ALL) {
        final boolean read = topic.equals(Topics.EVENTS) || topic.equals(Topics.GRAPH);
        kafka.createTopics(read ? partitions : 6, topic.name());
      }
      kafka.createTopics(partitions, LineageRun.PASSTHROUGH_TOPIC, StatefulBaseline.TOPIC);
      final SerdeFactory serdes = new SerdeFactory(registry.registryConfig());
      final LineageRun run = new LineageRun(kafka, serdes, commit);
      final List<ExecutionEvent> events = run.produce("t", pipelines);
      final Set<String> shared =
          Set.of(Topics.GRAPH.name(), Topics.VERDICTS.name(), Topics.ALERTS.name());
      // Interleaved: each round runs the three applications on the same events, one after the
      // other, so that a change in the host's load hits all three alike.
      final double[][] rates = new double[rounds][4];
      final double[][] variantRates = new double[rounds][VARIANTS.length];
      LineageRun.Throughput lineage = null;
      Map<String, Long> written = Map.of();
      long graph = 0;
      int differing = 0;
      for (int round = 0; round < rounds; round++) {
        rates[round][0] = run.passthrough(events.size(), "r" + round);
        rates[round][1] = run.stateful(events.size(), "r" + round);
        Map<String, Verdict> spread = null;
        if (lineage != null) {
          lineage.close();
          run.recreate(Topics.GRAPH.name(), partitions);
        }
        if (instances > 1) {
          // The same events on several instances of one application: scale-out measured, its
          // verdicts compared with one instance's below.
          try (LineageRun.Throughput many =
              run.startLineage(
                  Policy.defaults(),
                  pipelines,
                  events.size(),
                  partitions,
                  "r" + round + "x" + instances,
                  instances)) {
            rates[round][3] = many.eventsPerSecond();
            spread = LineageRun.settled(many, QUIET);
          }
          run.recreate(Topics.GRAPH.name(), partitions);
        }
        // Variants before the default in even rounds, after it in odd ones (what runs later in a
        // round runs on a warmer JIT); always before with more than one partition, whose graph
        // topic each application must find empty.
        final boolean after = round % 2 == 1 && partitions == 1;
        if (!after) {
          runVariants(run, pipelines, events.size(), partitions, round, variantRates, true);
        }
        final String app = LineageRun.LINEAGE_APP + "r" + round;
        final Map<String, Long> before = run.written(app + "-", shared);
        final long graphBefore = run.committedRecords(Topics.GRAPH.name());
        lineage =
            run.startLineage(
                Policy.defaults(), pipelines, events.size(), partitions, "r" + round, 1);
        rates[round][2] = lineage.eventsPerSecond();
        written = minus(run.written(app + "-", shared), before);
        graph = run.committedRecords(Topics.GRAPH.name()) - graphBefore;
        if (spread != null) {
          final Map<String, Verdict> many = spread;
          final Map<String, Verdict> one = LineageRun.settled(lineage, QUIET);
          final Set<String> artifacts = new TreeSet<>(one.keySet());
          artifacts.addAll(many.keySet());
          final long differ =
              artifacts.stream().filter(a -> !Objects.equals(one.get(a), many.get(a))).count();
          differing += (int) differ;
          System.out.printf(
              "round %d: %d instances %,.0f events/s; final verdicts differing from one"
                  + " instance's: %d of %,d%n",
              round + 1, instances, rates[round][3], differ, artifacts.size());
        }
        System.out.printf(
            "round %d: passthrough %,.0f, stateful %,.0f, lineage-stream %,.0f events/s%n",
            round + 1, rates[round][0], rates[round][1], rates[round][2]);
        if (after) {
          // The default still runs (its graph topic carries nothing with one partition).
          runVariants(run, pipelines, events.size(), partitions, round, variantRates, false);
        }
      }
      for (int v = 0; v < VARIANTS.length; v++) {
        final int column = v;
        final double[][] ratio =
            Arrays.stream(rates).map(r -> new double[] {0}).toArray(double[][]::new);
        for (int r = 0; r < rounds; r++) {
          ratio[r][0] = rates[r][2] / variantRates[r][column];
        }
        System.out.printf(
            "%nlineage.object-cache-mib=%d: median %,.0f events/s; the default over it, per round:"
                + " median %.2f (range %.2f–%.2f)%n",
            VARIANTS[v],
            median(variantRates, v),
            median(ratio, 0),
            Arrays.stream(ratio).mapToDouble(r -> r[0]).min().orElseThrow(),
            Arrays.stream(ratio).mapToDouble(r -> r[0]).max().orElseThrow());
      }
      if (instances > 1) {
        System.out.printf(
            "%n%d instances × %d partitions: median %,.0f events/s, %.2f × one instance's (range"
                + " %.2f–%.2f); final verdicts differing from one instance's, all rounds: %d%n",
            instances,
            partitions,
            median(rates, 3),
            median(ratios(rates, 3, 2), 0),
            Arrays.stream(ratios(rates, 3, 2)).mapToDouble(r -> r[0]).min().orElseThrow(),
            Arrays.stream(ratios(rates, 3, 2)).mapToDouble(r -> r[0]).max().orElseThrow(),
            differing);
      }
      try (LineageRun.Throughput last = lineage) {
        final Histogram latency =
            run.latency(last, median(rates, 2) / 2, Duration.ofSeconds(latencySeconds));
        final double reverdict = run.reverdict(last, fanout);
        report(
            new Setup(pipelines, events.size(), commit, partitions),
            rates,
            written,
            (double) graph / events.size(),
            median(rates, 2),
            latency,
            fanout,
            reverdict);
      }
    }
  }

  private static void runVariants(
      final LineageRun run,
      final int pipelines,
      final int events,
      final int partitions,
      final int round,
      final double[][] variantRates,
      final boolean recreate) {
    for (int v = 0; v < VARIANTS.length; v++) {
      // The same events, the decoded state of the stores set otherwise (A/B in one run).
      try (LineageRun.Throughput variant =
          run.startLineage(
              Policy.defaults(),
              pipelines,
              events,
              partitions,
              "r" + round + "v" + v,
              1,
              VARIANTS[v] * 1024L * 1024)) {
        variantRates[round][v] = variant.eventsPerSecond();
        System.out.printf(
            "round %d: lineage-stream with lineage.object-cache-mib=%d: %,.0f events/s%n",
            round + 1, VARIANTS[v], variantRates[round][v]);
      }
      if (recreate) {
        run.recreate(Topics.GRAPH.name(), partitions);
      }
    }
  }

  private static Map<String, Long> minus(
      final Map<String, Long> after, final Map<String, Long> before) {
    final Map<String, Long> delta = new TreeMap<>();
    after.forEach((topic, offsets) -> delta.put(topic, offsets - before.getOrDefault(topic, 0L)));
    return delta;
  }

  /** Per round, column {@code a} over column {@code b}. */
  private static double[][] ratios(final double[][] rates, final int a, final int b) {
    return Arrays.stream(rates).map(r -> new double[] {r[a] / r[b]}).toArray(double[][]::new);
  }

  private static double median(final double[][] rates, final int column) {
    final double[] values = Arrays.stream(rates).mapToDouble(r -> r[column]).sorted().toArray();
    return values.length % 2 == 1
        ? values[values.length / 2]
        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
  }

  /** True when {@code verdict} inherits a BLOCK from an ancestor. */
  public static boolean upstreamBlocked(final Verdict verdict) {
    return verdict.getReasons().stream()
        .map(Reason::getCode)
        .anyMatch(code -> code == ReasonCode.UPSTREAM_BLOCKED);
  }

  /** What a run was asked: pipelines, their events, the commit interval, the partitions read. */
  private record Setup(int pipelines, int events, Duration commit, int partitions) {}

  private static void report(
      final Setup setup,
      final double[][] rates,
      final Map<String, Long> written,
      final double graphPerEvent,
      final double lineageRate,
      final Histogram latency,
      final int fanout,
      final double reverdict) {
    System.out.printf(
        "%nlineage-stream benchmark: %,d pipelines (%,d events, %,d artifact versions), commit %d"
            + " ms, %d partitions of events and graph, %d rounds, %d cores%n%n",
        setup.pipelines(),
        setup.events(),
        BenchPipelines.artifacts(setup.pipelines()),
        setup.commit().toMillis(),
        setup.partitions(),
        rates.length,
        Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| round | passthrough events/s | stateful events/s | lineage-stream events/s"
            + " | vs passthrough | vs stateful |");
    System.out.println("|---:|---:|---:|---:|---:|---:|");
    for (int round = 0; round < rates.length; round++) {
      final double[] r = rates[round];
      System.out.printf(
          "| %d | %,.0f | %,.0f | %,.0f | %.2f | %.2f |%n",
          round + 1, r[0], r[1], r[2], r[2] / r[0], r[2] / r[1]);
    }
    final double[] ratios = new double[rates.length];
    for (int round = 0; round < rates.length; round++) {
      ratios[round] = rates[round][2] / rates[round][1];
    }
    Arrays.sort(ratios);
    System.out.printf(
        "| median | %,.0f | %,.0f | %,.0f | | %.2f (range %.2f–%.2f) |%n",
        median(rates, 0),
        median(rates, 1),
        lineageRate,
        ratios[ratios.length / 2],
        ratios[0],
        ratios[ratios.length - 1]);
    System.out.printf(
        "%nwritten per event by lineage-stream, last round (offsets, markers included):%n");
    written.forEach(
        (topic, offsets) ->
            System.out.printf("  %-60s %6.2f%n", topic, (double) offsets / setup.events()));
    System.out.printf(
        "  %-60s %6.2f%n",
        "total",
        written.values().stream().mapToLong(Long::longValue).sum() / (double) setup.events());
    System.out.printf("%nrecords on lineage.graph.v1 per event: %.2f%n", graphPerEvent);
    System.out.printf(
        "%nevent → verdict latency at %,.0f events/s (half of the median max), %,d verdicts: p50"
            + " %.0f ms, p99 %.0f ms, max %.0f ms%n",
        lineageRate / 2,
        latency.getTotalCount(),
        latency.getValueAtPercentile(50) / 1000.0,
        latency.getValueAtPercentile(99) / 1000.0,
        latency.getMaxValue() / 1000.0);
    System.out.printf(
        "re-verdict of %,d descendants after one upstream change: %.2f s%n",
        fanout + fanout * fanout, reverdict);
  }

  private static int arg(final String[] args, final int index, final int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
