package dev.lineagegate.bench;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.bench.lineage.BenchPipelines;
import dev.lineagegate.bench.lineage.GcLog;
import dev.lineagegate.bench.lineage.TopicWatcher;
import dev.lineagegate.lineagestream.app.LineageStreamApp;
import dev.lineagegate.schema.Topic;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.testkit.ApicurioRegistry;
import dev.lineagegate.testkit.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * lineage-stream's heap with a million artifact versions (issue #4): the service runs in a JVM of
 * its own with a hard heap cap, so that nothing else (broker, load generator) is counted.
 *
 * <p>Setup: one in-process KRaft broker and one Apicurio Registry in this JVM, every topic with 6
 * partitions. P = artifacts / 5 four-step pipelines ({@link BenchPipelines}: 4 outputs and 1 source
 * each; each name shared by {@code versionsPerName} pipelines) are produced first. Then {@code
 * LineageStreamApp.main} starts in a child JVM with {@code -Xmx<heapMiB>m
 * -XX:+ExitOnOutOfMemoryError -Xlog:gc}, 2 stream threads, its defaults otherwise (RocksDB,
 * caching, exactly_once_v2, commit 100 ms), and works through the backlog. It is done when every
 * artifact version has a verdict on {@code lineage.verdicts.v1} (read_committed). Reported: the
 * heap after each collection (max over the run), the live heap after a full collection forced at
 * the end ({@code jcmd GC.run}), the resident set (heap + RocksDB + the rest), the state directory
 * on disk, and events/s.
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && java -Xmx3g
 * -Dlineagegate.apicurio.home=testkit/target/apicurio -cp "bench/target/classes:$(cat
 * bench/target/classpath)" dev.lineagegate.bench.LineageHeapBenchmark [artifacts=1000000]
 * [heapMiB=512] [versionsPerName=50] [timeoutMinutes=120]}
 */
public final class LineageHeapBenchmark {

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

  private LineageHeapBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int artifacts = arg(args, 0, 1_000_000);
    final int heapMiB = arg(args, 1, 512);
    final int versionsPerName = arg(args, 2, 50);
    final Duration timeout = Duration.ofMinutes(arg(args, 3, 120));
    final int pipelines = artifacts / 5;
    final int names = Math.max(1, pipelines / versionsPerName);
    final Path work = Files.createTempDirectory("lineage-heap-");
    try (KafkaBroker kafka = KafkaBroker.start();
        ApicurioRegistry registry = ApicurioRegistry.start()) {
      for (final Topic<?, ?> topic : Topics.ALL) {
        kafka.createTopics(6, topic.name());
      }
      final SerdeFactory serdes = new SerdeFactory(registry.registryConfig());
      final long produceStart = System.nanoTime();
      final long events = produce(kafka, serdes, pipelines, names);
      System.out.printf(
          "%,d events of %,d pipelines (%,d artifact versions, %d versions per name) produced in"
              + " %.1f s%n",
          events,
          pipelines,
          BenchPipelines.artifacts(pipelines),
          versionsPerName,
          seconds(produceStart));
      final Set<String> judged = ConcurrentHashMap.newKeySet();
      try (TopicWatcher<String, Verdict> watcher =
          new TopicWatcher<>(
              kafka.bootstrapServers(),
              Topics.VERDICTS.name(),
              Serdes.String().deserializer(),
              serdes.valueSerde(Topics.VERDICTS).deserializer(),
              (record, at) -> judged.add(record.key()))) {
        final Path gcLog = work.resolve("gc.log");
        final Process child = startChild(kafka, registry, work, gcLog, heapMiB);
        try {
          final long start = System.nanoTime();
          final long rss =
              await(child, judged, BenchPipelines.artifacts(pipelines), gcLog, timeout);
          final double elapsed = seconds(start);
          final long live = liveHeapAfterFullGc(child, gcLog);
          final GcLog.Summary gc = GcLog.read(gcLog);
          report(
              artifacts,
              heapMiB,
              versionsPerName,
              events,
              elapsed,
              gc,
              live,
              rss,
              size(work.resolve("state")));
        } finally {
          stop(child);
        }
      }
    }
  }

  /** Produces the pipelines one by one (nothing kept in memory) and waits for every ack. */
  private static long produce(
      final KafkaBroker kafka, final SerdeFactory serdes, final int pipelines, final int names) {
    final Map<String, Object> config = kafka.producerConfig();
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    final Serializer<ExecutionEvent> values = serdes.valueSerde(Topics.EVENTS).serializer();
    final AtomicReference<Exception> failure = new AtomicReference<>();
    long events = 0;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (int k = 0; k < pipelines; k++) {
        for (final ExecutionEvent event : BenchPipelines.pipeline("heap", k, names)) {
          producer.send(
              new ProducerRecord<>(
                  Topics.EVENTS.name(),
                  event.getRun().getRunId(),
                  values.serialize(Topics.EVENTS.name(), event)),
              (metadata, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, error); // thrown here it would only be logged
                }
              });
          events++;
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing the pipelines failed", failure.get());
    }
    return events;
  }

  private static Process startChild(
      final KafkaBroker kafka,
      final ApicurioRegistry registry,
      final Path work,
      final Path gcLog,
      final int heapMiB)
      throws IOException {
    final List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heapMiB + "m");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Xlog:gc:file=" + gcLog);
    command.add("-Dkafka.bootstrap.servers=" + kafka.bootstrapServers());
    command.add("-Dregistry.url=" + registry.confluentApiUrl());
    command.add("-Dlineage.application-id=bench-heap");
    command.add("-Dlineage.state-dir=" + work.resolve("state"));
    command.add("-Dlineage.http.port=0");
    command.add("-Dlineage.threads=2");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LineageStreamApp.class.getName());
    final Path log = work.resolve("lineage-stream.log");
    System.out.printf(
        "lineage-stream child JVM: -Xmx%dm, log %s, GC log %s%n", heapMiB, log, gcLog);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Waits until {@code target} artifacts have a verdict; returns the highest resident set seen. */
  private static long await(
      final Process child,
      final Set<String> judged,
      final int target,
      final Path gcLog,
      final Duration timeout)
      throws Exception {
    final long start = System.nanoTime();
    long nextReport = start + PROGRESS_EVERY.toNanos();
    long maxRss = 0;
    while (judged.size() < target) {
      if (!child.isAlive()) {
        throw new IllegalStateException(
            "lineage-stream exited with "
                + child.exitValue()
                + " after "
                + judged.size()
                + " of "
                + target
                + " artifact verdicts (3 = out of heap)");
      }
      if (System.nanoTime() - start > timeout.toNanos()) {
        throw new IllegalStateException(
            "timed out with " + judged.size() + " of " + target + " artifact verdicts");
      }
      maxRss = Math.max(maxRss, GcLog.residentBytes(child.pid()).orElse(0));
      if (System.nanoTime() > nextReport) {
        final GcLog.Summary gc = GcLog.read(gcLog);
        System.out.printf(
            "%6.0f s: %,d of %,d artifacts judged; heap after GC max %d MiB, last %d MiB (%d"
                + " collections, %d full); RSS %d MiB%n",
            seconds(start),
            judged.size(),
            target,
            mib(gc.maxAfterBytes()),
            mib(gc.lastAfterBytes()),
            gc.collections(),
            gc.fullCollections(),
            mib(maxRss));
        nextReport += PROGRESS_EVERY.toNanos();
      }
      Thread.sleep(200);
    }
    return maxRss;
  }

  /** Forces a full collection in the child: what survives it is the live heap at the end. */
  private static long liveHeapAfterFullGc(final Process child, final Path gcLog) throws Exception {
    final int fullBefore = GcLog.read(gcLog).fullCollections();
    final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    final Process gc =
        new ProcessBuilder(jcmd.toString(), Long.toString(child.pid()), "GC.run")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
      return -1;
    }
    // The log is written asynchronously: wait for this collection's line, not an earlier one.
    for (int i = 0; i < 100; i++) {
      final GcLog.Summary log = GcLog.read(gcLog);
      if (log.fullCollections() > fullBefore) {
        return log.lastFullAfterBytes();
      }
      Thread.sleep(100);
    }
    return -1;
  }

  private static void stop(final Process child) throws InterruptedException {
    child.destroy();
    if (!child.waitFor(60, TimeUnit.SECONDS)) {
      child.destroyForcibly();
    }
  }

  private static void report(
      final int artifacts,
      final int heapMiB,
      final int versionsPerName,
      final long events,
      final double elapsed,
      final GcLog.Summary gc,
      final long live,
      final long rss,
      final long stateBytes) {
    System.out.printf(
        "%nlineage-stream heap: %,d artifact versions, %,d events, -Xmx%dm, %d versions per name,"
            + " 2 cores%n",
        artifacts, events, heapMiB, versionsPerName);
    System.out.println("| measure | value |");
    System.out.println("|---|---:|");
    System.out.printf(
        "| every artifact version judged after | %.0f s (%,.0f events/s) |%n",
        elapsed, events / elapsed);
    System.out.printf(
        "| heap after collection, max over the run | %d MiB |%n", mib(gc.maxAfterBytes()));
    System.out.printf(
        "| live heap after a full collection at the end | %s |%n",
        live < 0 ? "not measured" : mib(live) + " MiB");
    System.out.printf("| heap committed, max | %d MiB |%n", mib(gc.maxCommittedBytes()));
    System.out.printf("| collections (full) | %d (%d) |%n", gc.collections(), gc.fullCollections());
    System.out.printf("| resident set, max (heap + RocksDB + JVM) | %d MiB |%n", mib(rss));
    System.out.printf("| state directory on disk | %d MiB |%n", mib(stateBytes));
  }

  private static long size(final Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static long mib(final long bytes) {
    return bytes >> 20;
  }

  private static double seconds(final long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static int arg(final String[] args, final int i, final int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }
}
