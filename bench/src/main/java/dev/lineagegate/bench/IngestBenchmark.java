package dev.lineagegate.bench;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.config.Settings;
import dev.lineagegate.ingest.IngestApp;
import dev.lineagegate.ingest.IngestConfig;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.testkit.ApicurioRegistry;
import dev.lineagegate.testkit.KafkaBroker;
import dev.lineagegate.testkit.TestEvents;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ingest throughput and latency next to the raw Kafka producer on the same broker, same run.
 *
 * <p>Setup: one in-process KRaft broker and one Apicurio Registry (as in the tests), topic
 * lineage.events.v1 with 6 partitions, events shaped like {@link TestEvents#trainComplete()} (about
 * 1 KiB of JSON, ~600 B of Avro). Baseline: a KafkaProducer with ingest's own settings (acks=all,
 * idempotent, linger 5 ms, lz4) sending the same Avro bytes. Then HTTP ingest, single events and
 * batches, with a closed loop of C concurrent clients on 127.0.0.1.
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && java -cp "bench/target/classes:$(cat
 * bench/target/classpath)" dev.lineagegate.bench.IngestBenchmark [singleEvents] [batchedEvents]
 * [batchSize] [concurrency]}
 */
public final class IngestBenchmark {

  private static final ExecutionEventJson JSON = new ExecutionEventJson();
  private static final int RAW_ROUNDS = 3;

  private IngestBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int singles = arg(args, 0, 20_000);
    final int batched = arg(args, 1, 200_000);
    final int batchSize = arg(args, 2, 100);
    final int concurrency = arg(args, 3, 16);
    try (KafkaBroker kafka = KafkaBroker.start();
        ApicurioRegistry registry = ApicurioRegistry.start()) {
      kafka.createTopics(6, Topics.EVENTS.name());
      final SerdeFactory serdes = new SerdeFactory(registry.registryConfig());
      final double raw = rawProducer(kafka, serdes, batched);
      final IngestConfig config =
          // Defaults, overridable like the service's own (-Dingest.batch-producers=…,
          // LINEAGE_GATE_…)
          IngestConfig.from(Settings.load(IngestConfig.DEFAULTS, null)).toBuilder()
              .bind(0, kafka.bootstrapServers(), registry.registryConfig())
              .bridge(new IngestConfig.Bridge(false, "openlineage.events", "unused"))
              .build();
      try (IngestApp ingest = IngestApp.start(config)) {
        final URI url = ingest.url().resolve("/v1/events");
        // Warm both paths up so that the JIT has compiled them before anything is measured.
        ClosedLoopPost.run(url, bodies(5_000, 1), 1, concurrency, Duration.ofMinutes(2));
        ClosedLoopPost.run(
            url, bodies(100, batchSize), batchSize, concurrency, Duration.ofMinutes(2));
        final ClosedLoopPost.Result single =
            ClosedLoopPost.run(url, bodies(singles, 1), 1, concurrency, Duration.ofMinutes(5));
        final ClosedLoopPost.Result batch =
            ClosedLoopPost.run(
                url,
                bodies(batched / batchSize, batchSize),
                batchSize,
                concurrency,
                Duration.ofMinutes(5));
        report(raw, single, batch, singles, batched, batchSize, concurrency);
      }
    }
  }

  private static double rawProducer(
      final KafkaBroker kafka, final SerdeFactory serdes, final int count) throws Exception {
    final Properties props = new Properties();
    props.putAll(kafka.producerConfig());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    final List<byte[]> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(
          serdes.valueSerde(Topics.EVENTS).serializer().serialize(Topics.EVENTS.name(), event(i)));
    }
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      // Warmed up and repeated like the HTTP phases: measured once and cold, this figure swung 2×
      // between runs on a quiet host, and it is the denominator of every ratio. The median of
      // three rounds is reported.
      sendAll(producer, values);
      final double[] rounds = new double[RAW_ROUNDS];
      for (int r = 0; r < RAW_ROUNDS; r++) {
        final long begin = System.nanoTime();
        sendAll(producer, values);
        rounds[r] = count / ((System.nanoTime() - begin) / 1e9);
      }
      java.util.Arrays.sort(rounds);
      System.out.printf("raw producer rounds (events/s): %s%n", java.util.Arrays.toString(rounds));
      return rounds[RAW_ROUNDS / 2];
    }
  }

  private static void sendAll(
      final KafkaProducer<String, byte[]> producer, final List<byte[]> values) throws Exception {
    final List<Future<RecordMetadata>> sent = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      sent.add(
          producer.send(
              new ProducerRecord<>(Topics.EVENTS.name(), "run-" + (i / 10), values.get(i))));
    }
    for (final Future<RecordMetadata> f : sent) {
      f.get();
    }
  }

  private static List<String> bodies(final int count, final int perBody) {
    final List<String> bodies = new ArrayList<>(count);
    for (int b = 0; b < count; b++) {
      final StringBuilder body = new StringBuilder(perBody > 1 ? "[" : "");
      for (int e = 0; e < perBody; e++) {
        body.append(e > 0 ? "," : "").append(JSON.writeString(event(b * perBody + e)));
      }
      bodies.add(body.append(perBody > 1 ? "]" : "").toString());
    }
    return bodies;
  }

  /** A COMPLETE event with every field set; ten events per run. */
  private static ExecutionEvent event(final int i) {
    final ExecutionEvent fixture = TestEvents.trainComplete();
    fixture.setEventId(
        UUID.nameUUIDFromBytes(("event-" + i + "-" + System.nanoTime()).getBytes()).toString());
    fixture.getRun().setRunId(UUID.nameUUIDFromBytes(("run-" + i / 10).getBytes()).toString());
    return fixture;
  }

  private static void report(
      final double raw,
      final ClosedLoopPost.Result single,
      final ClosedLoopPost.Result batch,
      final int singles,
      final int batched,
      final int batchSize,
      final int concurrency) {
    System.out.printf(
        "%nIngest benchmark: %d single events, %d batched events (batches of %d), %d concurrent clients, %d cores%n%n",
        singles, batched, batchSize, concurrency, Runtime.getRuntime().availableProcessors());
    System.out.println("| path | events/s | vs raw producer | p50 ms | p99 ms | failed requests |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    System.out.printf("| raw KafkaProducer (baseline) | %,.0f | 1.00 | | | |%n", raw);
    row("HTTP single event", single, raw);
    row("HTTP batch of " + batchSize, batch, raw);
  }

  private static void row(final String name, final ClosedLoopPost.Result result, final double raw) {
    final Histogram h = result.latencies().getIntervalHistogram();
    System.out.printf(
        "| %s | %,.0f | %.2f | %.1f | %.1f | %d |%n",
        name,
        result.eventsPerSecond(),
        result.eventsPerSecond() / raw,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        result.failures());
  }

  private static int arg(final String[] args, final int index, final int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
