package dev.lineagegate.bench.lineage;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.bench.LineageBenchmark;
import dev.lineagegate.lineagestream.LineageTopology;
import dev.lineagegate.lineagestream.TopologyConfig;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.testkit.KafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/** The phases of {@link LineageBenchmark}, on one broker and registry. */
public final class LineageRun {

  /**
   * Decoded state kept in front of the busiest stores (lineage-stream's default unless {@code
   * -Dbench.object-cache-mib=N}; 0 measures lineage-stream without it).
   */
  private static final long OBJECT_CACHE_BYTES =
      Long.getLong(
              "bench.object-cache-mib", TopologyConfig.DEFAULT_OBJECT_CACHE_BYTES / (1024 * 1024))
          * 1024
          * 1024;

  public static final String PASSTHROUGH_TOPIC = "bench.passthrough.v1";

  /** lineage-stream's application id, before the round; its changelogs start with it. */
  public static final String LINEAGE_APP = "bench-lineage-";

  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(10);

  /** Stream threads of both applications: one per core. */
  private static final int THREADS = Runtime.getRuntime().availableProcessors();

  private final KafkaBroker kafka;
  private final SerdeFactory serdes;
  private final Duration commit;
  private final KafkaProducer<String, byte[]> producer;

  public LineageRun(final KafkaBroker kafka, final SerdeFactory serdes, final Duration commit) {
    this.kafka = kafka;
    this.serdes = serdes;
    this.commit = commit;
    final Map<String, Object> config = kafka.producerConfig();
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /** Produces {@code pipelines} pipelines (key = runId) and waits for every ack. */
  public List<ExecutionEvent> produce(final String tag, final int pipelines) throws Exception {
    final List<ExecutionEvent> events = new ArrayList<>();
    for (int k = 0; k < pipelines; k++) {
      events.addAll(BenchPipelines.pipeline(tag, k));
    }
    final List<Future<RecordMetadata>> acks = new ArrayList<>();
    events.forEach(event -> acks.add(send(event)));
    for (final Future<RecordMetadata> ack : acks) {
      ack.get();
    }
    return events;
  }

  /**
   * The raw copy of the events topic with the same processing settings: events/s from the first
   * copy readable to the last (start-up and rebalance excluded, as for the topology).
   */
  public double passthrough(final int events, final String round) {
    final Topology topology = new Topology();
    topology.addSource(
        "source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.EVENTS.name());
    topology.addSink(
        "sink", PASSTHROUGH_TOPIC, new ByteArraySerializer(), new ByteArraySerializer(), "source");
    return copies(topology, PASSTHROUGH_TOPIC, "bench-passthrough-" + round, events);
  }

  /**
   * The stateful baseline ({@link StatefulBaseline}) on the same events and settings: events/s from
   * the first record readable to the last.
   */
  public double stateful(final int events, final String round) {
    return copies(
        StatefulBaseline.topology(), StatefulBaseline.TOPIC, "bench-stateful-" + round, events);
  }

  private double copies(
      final Topology topology, final String output, final String applicationId, final int events) {
    final AtomicLong copied = new AtomicLong();
    final AtomicLong first = new AtomicLong();
    final AtomicLong last = new AtomicLong();
    try (TopicWatcher<byte[], byte[]> watcher =
            new TopicWatcher<>(
                kafka.bootstrapServers(),
                output,
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer(),
                (record, at) -> {
                  first.compareAndSet(0, at);
                  last.set(at);
                  copied.incrementAndGet();
                });
        StreamsRunner runner =
            new StreamsRunner(topology, applicationId, kafka.bootstrapServers(), commit, THREADS)) {
      runner.start();
      awaitCount(copied, events);
      return (events - 1) / ((last.get() - first.get()) / 1e9);
    }
  }

  /**
   * Starts lineage-stream (application {@value #LINEAGE_APP}{@code round}) as {@code instances}
   * instances of one application (each with its own state directory and a stream thread per core,
   * as a deployment would) on the produced events, and measures it until every artifact has a
   * verdict.
   */
  public Throughput startLineage(
      final Policy policy,
      final int pipelines,
      final int events,
      final int partitions,
      final String round,
      final int instances) {
    return startLineage(
        policy, pipelines, events, partitions, round, instances, OBJECT_CACHE_BYTES);
  }

  /** {@link #startLineage}, keeping {@code objectCacheBytes} of state decoded. */
  public Throughput startLineage(
      final Policy policy,
      final int pipelines,
      final int events,
      final int partitions,
      final String round,
      final int instances,
      final long objectCacheBytes) {
    final Map<String, Verdict> latest = new ConcurrentHashMap<>();
    final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    final AtomicLong lastAt = new AtomicLong(System.nanoTime());
    final TopicWatcher<String, Verdict> watcher =
        new TopicWatcher<>(
            kafka.bootstrapServers(),
            Topics.VERDICTS.name(),
            Serdes.String().deserializer(),
            serdes.valueSerde(Topics.VERDICTS).deserializer(),
            (record, at) -> {
              latest.put(record.key(), record.value());
              firstSeen.putIfAbsent(record.key(), at);
              lastAt.set(at);
            });
    final List<StreamsRunner> runners = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      runners.add(
          new StreamsRunner(
              LineageTopology.build(
                  TopologyConfig.of(serdes, policy)
                      .withGraphPartitions(partitions)
                      .withObjectCacheBytes(objectCacheBytes)),
              LINEAGE_APP + round,
              kafka.bootstrapServers(),
              commit,
              THREADS));
    }
    runners.forEach(StreamsRunner::start);
    awaitSize(latest, BenchPipelines.artifacts(pipelines));
    // From the first verdict readable to the last: start-up and rebalance excluded.
    final long first = firstSeen.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    final long last = firstSeen.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    final double rate = events / ((last - first) / 1e9);
    return new Throughput(rate, latest, firstSeen, lastAt, watcher, runners);
  }

  /**
   * The final verdict per artifact once none has come for {@code quiet} (sequence and evaluation
   * time set aside: they differ between runs by design).
   */
  public static Map<String, Verdict> settled(final Throughput lineage, final Duration quiet) {
    final long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
    while (System.nanoTime() - lineage.lastAt().get() < quiet.toNanos()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("verdicts still coming after " + PHASE_TIMEOUT);
      }
      StreamsRunner.sleep(100);
    }
    final Map<String, Verdict> settled = new TreeMap<>();
    lineage
        .latest()
        .forEach(
            (artifact, verdict) ->
                settled.put(
                    artifact,
                    Verdict.newBuilder(verdict)
                        .setSequence(0L)
                        .setEvaluatedAt(Instant.EPOCH)
                        .build()));
    return settled;
  }

  /**
   * Deletes and recreates {@code topic} empty: a new round's lineage-stream must not read the graph
   * messages of the round before (its source starts at the earliest offset).
   */
  public void recreate(final String topic, final int partitions) {
    try (Admin admin = kafka.admin()) {
      admin.deleteTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
      final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(topic + " still listed a minute after its deletion");
        }
        StreamsRunner.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted deleting " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not delete " + topic + ": " + e, e);
    }
    // Created once the broker has forgotten the old one (until then it says the topic exists).
    final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      kafka.createTopics(partitions, topic);
      try (Admin admin = kafka.admin()) {
        if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted creating " + topic, e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("could not list topics: " + e, e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(topic + " not created within a minute of its deletion");
      }
      StreamsRunner.sleep(100);
    }
  }

  /**
   * Offsets written so far to each topic whose name starts with {@code prefix} or is one of {@code
   * topics} (records plus transaction markers, about one per partition and commit): what one
   * application wrote, by topic, changelogs included.
   */
  public Map<String, Long> written(final String prefix, final Set<String> topics) {
    try (Admin admin = kafka.admin()) {
      final Set<String> names =
          admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
              .filter(name -> name.startsWith(prefix) || topics.contains(name))
              .collect(Collectors.toSet());
      final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(names)
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .forEach(
              (name, topic) ->
                  topic
                      .partitions()
                      .forEach(
                          p ->
                              latest.put(
                                  new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      final Map<String, Long> written = new TreeMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach(
              (partition, offset) -> written.merge(partition.topic(), offset.offset(), Long::sum));
      return written;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted listing offsets", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not list offsets: " + e, e);
    }
  }

  /**
   * Committed records on {@code topic} now, read from the beginning (read_committed): how many
   * internal messages the events caused.
   */
  public long committedRecords(final String topic) {
    // consumerConfig: read_committed, from the beginning
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            kafka.consumerConfig("bench-count-" + UUID.randomUUID()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long records = 0;
      final long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        records += consumer.poll(Duration.ofMillis(200)).count();
      }
      return records;
    }
  }

  /** Event → verdict latency at {@code rate} events/s for {@code duration}. */
  public Histogram latency(final Throughput lineage, final double rate, final Duration duration)
      throws Exception {
    final Histogram histogram = new Histogram(3_600_000_000L, 3);
    final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    final long begin = System.nanoTime();
    final long intervalNanos = (long) (1e9 / rate);
    int k = 0;
    int sent = 0;
    while (System.nanoTime() - begin < duration.toNanos()) {
      for (final ExecutionEvent event : BenchPipelines.pipeline("l", k++)) {
        final long due = begin + sent * intervalNanos;
        final long wait = due - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait); // no spinning: 2 cores
        }
        for (final OutputArtifact output : event.getOutputs()) {
          sentAt.put(output.getDigest(), System.nanoTime());
        }
        send(event);
        sent++;
      }
    }
    producer.flush();
    final Set<String> expected = Set.copyOf(sentAt.keySet());
    awaitAll(lineage.firstSeen, expected);
    for (final String artifact : expected) {
      histogram.recordValue(
          Math.max(0, (lineage.firstSeen.get(artifact) - sentAt.get(artifact)) / 1000));
    }
    return histogram;
  }

  /** Seconds from the one upstream change to the last descendant's UPSTREAM_BLOCKED verdict. */
  public double reverdict(final Throughput lineage, final int fanout) throws Exception {
    final List<ExecutionEvent> tree = BenchPipelines.tree("s", fanout);
    final Set<String> descendants = ConcurrentHashMap.newKeySet();
    for (final ExecutionEvent event : tree.subList(1, tree.size())) {
      event.getOutputs().forEach(o -> descendants.add(o.getDigest()));
    }
    tree.forEach(this::send);
    producer.flush();
    awaitAll(lineage.latest, descendants);
    final long begin = System.nanoTime();
    send(BenchPipelines.treeRoot("s", false)).get();
    final long deadline = begin + PHASE_TIMEOUT.toNanos();
    while (descendants.stream()
        .anyMatch(d -> !LineageBenchmark.upstreamBlocked(lineage.latest.get(d)))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("descendants not all blocked within " + PHASE_TIMEOUT);
      }
      StreamsRunner.sleep(5);
    }
    return (System.nanoTime() - begin) / 1e9;
  }

  private Future<RecordMetadata> send(final ExecutionEvent event) {
    final byte[] value =
        serdes.valueSerde(Topics.EVENTS).serializer().serialize(Topics.EVENTS.name(), event);
    return producer.send(
        new ProducerRecord<>(Topics.EVENTS.name(), event.getRun().getRunId(), value));
  }

  private static void awaitCount(final AtomicLong count, final long target) {
    final long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
    while (count.get() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + count.get() + " of " + target + " records");
      }
      StreamsRunner.sleep(5);
    }
  }

  private static void awaitSize(final Map<String, ?> map, final int target) {
    final long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
    while (map.size() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + map.size() + " of " + target + " verdicts");
      }
      StreamsRunner.sleep(5);
    }
  }

  private static void awaitAll(final Map<String, ?> map, final Set<String> keys) {
    final long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
    while (!map.keySet().containsAll(keys)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("verdicts missing after " + PHASE_TIMEOUT);
      }
      StreamsRunner.sleep(5);
    }
  }

  /** lineage-stream, running, and what it has emitted so far. */
  public record Throughput(
      double eventsPerSecond,
      Map<String, Verdict> latest,
      Map<String, Long> firstSeen,
      AtomicLong lastAt,
      TopicWatcher<String, Verdict> watcher,
      List<StreamsRunner> runners)
      implements AutoCloseable {

    @Override
    public void close() {
      runners.forEach(StreamsRunner::close);
      watcher.close();
    }
  }
}
