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
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *   <li>Throughput: N pipelines produced first; the passthrough copies them (events/s from the
 *       first copy readable to the last), then lineage-stream processes them (events/s from the
 *       first verdict readable, read_committed, to the last artifact's first verdict).
 *   <li>Latency: pipelines produced at half the measured lineage-stream rate; per COMPLETE event,
 *       the time from its send to its output's first verdict being readable.
 *   <li>Reactivity: a root with {@code fanout + fanout²} descendants; one event makes the root
 *       BLOCK; the time until every descendant's UPSTREAM_BLOCKED verdict is readable.
 * </ol>
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && java -Xmx2g
 * -Dlineagegate.apicurio.home=testkit/target/apicurio -cp "bench/target/classes:$(cat
 * bench/target/classpath)" dev.lineagegate.bench.LineageBenchmark [pipelines] [commitMs]
 * [latencySeconds] [fanout] [partitions]} (partitions of lineage.events.v1 and lineage.graph.v1,
 * default 1: the embedded stack's)
 */
public final class LineageBenchmark {

  private LineageBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int pipelines = arg(args, 0, 5_000);
    final Duration commit = Duration.ofMillis(arg(args, 1, 100));
    final int latencySeconds = arg(args, 2, 30);
    final int fanout = arg(args, 3, 100);
    final int partitions = arg(args, 4, 1);
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
      final double passthrough = run.passthrough(events.size(), "1");
      final double stateful = run.stateful(events.size(), "1");
      final LineageRun.Throughput lineage =
          run.startLineage(Policy.defaults(), pipelines, events.size(), partitions);
      try (lineage) {
        // records on the topic; a record may carry several messages for one partition (`more`)
        final long graph = run.committedRecords(Topics.GRAPH.name());
        final Map<String, Long> written =
            run.written(
                "bench-lineage-",
                Set.of(Topics.GRAPH.name(), Topics.VERDICTS.name(), Topics.ALERTS.name()));
        System.out.printf("%nwritten per event by lineage-stream (offsets, markers included):%n");
        written.forEach(
            (topic, offsets) ->
                System.out.printf("  %-60s %6.2f%n", topic, (double) offsets / events.size()));
        System.out.printf(
            "  %-60s %6.2f%n",
            "total",
            written.values().stream().mapToLong(Long::longValue).sum() / (double) events.size());
        final Histogram latency =
            run.latency(lineage, lineage.eventsPerSecond() / 2, Duration.ofSeconds(latencySeconds));
        final double reverdict = run.reverdict(lineage, fanout);
        report(
            new Setup(pipelines, events.size(), commit, partitions),
            new double[] {passthrough, stateful},
            (double) graph / events.size(),
            lineage,
            latency,
            fanout,
            reverdict);
      }
    }
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
      final double[] baselines,
      final double graphPerEvent,
      final LineageRun.Throughput lineage,
      final Histogram latency,
      final int fanout,
      final double reverdict) {
    final double passthrough = baselines[0];
    final double stateful = baselines[1];
    System.out.printf(
        "%nlineage-stream benchmark: %,d pipelines (%,d events, %,d artifact versions), commit %d"
            + " ms, %d partitions of events and graph, %d cores%n%n",
        setup.pipelines(),
        setup.events(),
        BenchPipelines.artifacts(setup.pipelines()),
        setup.commit().toMillis(),
        setup.partitions(),
        Runtime.getRuntime().availableProcessors());
    System.out.println("| path | events/s | vs passthrough | vs stateful |");
    System.out.println("|---|---:|---:|---:|");
    System.out.printf(
        "| consume→produce passthrough | %,.0f | 1.00 | %.2f |%n",
        passthrough, passthrough / stateful);
    System.out.printf(
        "| stateful baseline | %,.0f | %.2f | 1.00 |%n", stateful, stateful / passthrough);
    System.out.printf(
        "| lineage-stream topology | %,.0f | %.2f | %.2f |%n",
        lineage.eventsPerSecond(),
        lineage.eventsPerSecond() / passthrough,
        lineage.eventsPerSecond() / stateful);
    System.out.printf("%nrecords on lineage.graph.v1 per event: %.2f%n", graphPerEvent);
    System.out.printf(
        "%nevent → verdict latency at %,.0f events/s (half of max), %,d verdicts: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
        lineage.eventsPerSecond() / 2,
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
