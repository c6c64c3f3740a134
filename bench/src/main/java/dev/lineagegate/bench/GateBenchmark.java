package dev.lineagegate.bench;

import dev.lineagegate.bench.gate.GateRun;
import dev.lineagegate.gate.app.GateApp;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.testkit.ApicurioRegistry;
import dev.lineagegate.testkit.KafkaBroker;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Gate query latency under concurrent load, next to the trivial endpoint of the same server in the
 * same run (issue #5).
 *
 * <p>Setup: one in-process KRaft broker, one Apicurio Registry, {@code lineage.verdicts.v1} and
 * {@code gate.decisions.v1} with 6 partitions each; N verdicts produced (70% PASS, 20% WARN, 10%
 * BLOCK, 0-3 reasons), then gate-service started in this JVM with its defaults (1 stream thread,
 * RocksDB, caching) and the time until the last verdict of every partition is queryable. Load: a
 * closed loop of C raw keep-alive connections on 127.0.0.1 ({@link ClosedLoopGet}); baseline {@code
 * GET /healthz} (Javalin, routing, request metrics, no store, no rules, no signature), then {@code
 * GET /v1/gate/{digest}?target=prod} on digests drawn uniformly from the N. Both warmed up first,
 * then measured at C and at 1 (no load).
 *
 * <p>Run: {@code mvn -B -o -q package -pl bench -am -DskipTests && java -Xmx2g
 * -Dlineagegate.apicurio.home=testkit/target/apicurio -cp "bench/target/classes:$(cat
 * bench/target/classpath)" dev.lineagegate.bench.GateBenchmark [artifacts] [queries] [concurrency]}
 */
public final class GateBenchmark {

  private static final Duration RUN_DEADLINE = Duration.ofMinutes(4);

  private GateBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int artifacts = arg(args, 0, 100_000);
    final int queries = arg(args, 1, 200_000);
    final int concurrency = arg(args, 2, 16);
    try (KafkaBroker kafka = KafkaBroker.start();
        ApicurioRegistry registry = ApicurioRegistry.start()) {
      kafka.createTopics(6, Topics.VERDICTS.name(), Topics.DECISIONS.name());
      final GateRun run = new GateRun(kafka, registry);
      final long produceStart = System.nanoTime();
      final Map<Integer, Integer> lastByPartition = run.produce(artifacts);
      final double produced = seconds(produceStart);
      final long start = System.nanoTime();
      try (GateApp gate = run.startGate()) {
        final double running = seconds(start);
        run.awaitMaterialised(gate, lastByPartition);
        final double materialised = seconds(start);
        final String sample = run.verifySample(gate, artifacts);
        System.out.printf(
            "%,d verdicts produced in %.1f s; gate RUNNING after %.1f s, all queryable after %.1f s"
                + " (%,.0f verdicts/s including start-up)%nsample answer: %s%n",
            artifacts, produced, running, materialised, artifacts / materialised, sample);
        final List<URI> health = Collections.nCopies(queries, gate.url().resolve("/healthz"));
        final List<URI> gateQueries = gateQueries(gate, artifacts, queries);
        // Warm-up: the JIT compiles both paths, RocksDB's block cache fills, before any figure.
        ClosedLoopGet.run(health.subList(0, queries / 4), concurrency, RUN_DEADLINE);
        ClosedLoopGet.run(gateQueries.subList(0, queries / 4), concurrency, RUN_DEADLINE);
        final ClosedLoopGet.Result baseline = ClosedLoopGet.run(health, concurrency, RUN_DEADLINE);
        final ClosedLoopGet.Result loaded =
            ClosedLoopGet.run(gateQueries, concurrency, RUN_DEADLINE);
        final ClosedLoopGet.Result baselineAlone =
            ClosedLoopGet.run(health.subList(0, queries / 10), 1, RUN_DEADLINE);
        final ClosedLoopGet.Result alone =
            ClosedLoopGet.run(gateQueries.subList(0, queries / 10), 1, RUN_DEADLINE);
        report(artifacts, concurrency, baseline, loaded, baselineAlone, alone);
      }
    }
  }

  /** Digests drawn uniformly (seeded: every run asks the same) from the N materialised. */
  private static List<URI> gateQueries(final GateApp gate, final int artifacts, final int count) {
    final Random random = new Random(42);
    final URI[] byIndex = new URI[artifacts];
    final List<URI> urls = new ArrayList<>(count);
    for (int q = 0; q < count; q++) {
      final int i = random.nextInt(artifacts);
      if (byIndex[i] == null) {
        byIndex[i] = GateRun.gateUrl(gate, i);
      }
      urls.add(byIndex[i]);
    }
    return urls;
  }

  private static void report(
      final int artifacts,
      final int concurrency,
      final ClosedLoopGet.Result baseline,
      final ClosedLoopGet.Result loaded,
      final ClosedLoopGet.Result baselineAlone,
      final ClosedLoopGet.Result alone) {
    System.out.printf(
        "%ngate benchmark: %,d artifacts materialised, %d cores, loopback%n%n",
        artifacts, Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| path | concurrency | requests | errors | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms |"
            + " max ms |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    row("GET /healthz (baseline)", concurrency, baseline);
    row("GET /v1/gate/{digest}?target=prod", concurrency, loaded);
    row("GET /healthz (baseline)", 1, baselineAlone);
    row("GET /v1/gate/{digest}?target=prod", 1, alone);
    System.out.printf(
        "%np99 gate / p99 baseline: %.2f at concurrency %d, %.2f at 1; throughput gate / baseline:"
            + " %.2f%n",
        loaded.percentileMs(99) / baseline.percentileMs(99),
        concurrency,
        alone.percentileMs(99) / baselineAlone.percentileMs(99),
        loaded.requestsPerSecond() / baseline.requestsPerSecond());
  }

  private static void row(final String path, final int concurrency, final ClosedLoopGet.Result r) {
    System.out.printf(
        "| %s | %d | %,d | %,d | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
        path,
        concurrency,
        r.requests(),
        r.errors(),
        r.requestsPerSecond(),
        r.percentileMs(50),
        r.percentileMs(90),
        r.percentileMs(99),
        r.percentileMs(99.9),
        r.maxMs());
  }

  private static double seconds(final long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static int arg(final String[] args, final int index, final int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
