package dev.lineagegate.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a topic as a read_committed consumer (as the topology will), by position: a test takes a
 * snapshot of the end offsets, acts, then reads exactly what was appended since, and so can also
 * assert that nothing else was.
 */
public final class TopicReader {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration EXTRA = Duration.ofMillis(500);

  private final KafkaBroker kafka;

  public TopicReader(final KafkaBroker kafka) {
    this.kafka = kafka;
  }

  public Map<TopicPartition, Long> endOffsets(final String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        consumer(new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      return new HashMap<>(
          consumer.endOffsets(partitions(consumer, topic), Duration.ofSeconds(30)));
    }
  }

  /**
   * Every committed record appended to {@code topic} after {@code since}: waits up to 10 s for
   * {@code count}, then 500 ms more so that a test sees any record beyond those it expects.
   */
  public <K, V> List<ConsumerRecord<K, V>> readSince(
      final String topic,
      final Map<TopicPartition, Long> since,
      final int count,
      final Deserializer<K> keys,
      final Deserializer<V> values) {
    final List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = consumer(keys, values)) {
      final List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      partitions.forEach(p -> consumer.seek(p, since.getOrDefault(p, 0L)));
      final long deadline = System.nanoTime() + WAIT.toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      consumer.poll(EXTRA).forEach(records::add);
    }
    return records;
  }

  /**
   * Every record of {@code topic} since {@code since}, read until none came for {@code quiet} (or
   * {@code limit} passed): for outputs whose number is not known in advance.
   */
  public <K, V> List<ConsumerRecord<K, V>> readUntilQuiet(
      final String topic,
      final Map<TopicPartition, Long> since,
      final Duration quiet,
      final Duration limit,
      final Deserializer<K> keys,
      final Deserializer<V> values) {
    final List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = consumer(keys, values)) {
      final List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      partitions.forEach(p -> consumer.seek(p, since.getOrDefault(p, 0L)));
      final long deadline = System.nanoTime() + limit.toNanos();
      long lastNews = System.nanoTime();
      while (System.nanoTime() - lastNews < quiet.toNanos() && System.nanoTime() < deadline) {
        final int before = records.size();
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        if (records.size() > before) {
          lastNews = System.nanoTime();
        }
      }
    }
    return records;
  }

  private <K, V> KafkaConsumer<K, V> consumer(
      final Deserializer<K> keys, final Deserializer<V> values) {
    return new KafkaConsumer<>(kafka.consumerConfig("reader-" + UUID.randomUUID()), keys, values);
  }

  private static List<TopicPartition> partitions(
      final KafkaConsumer<?, ?> consumer, final String topic) {
    final List<TopicPartition> partitions = new ArrayList<>();
    for (final PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
      partitions.add(new TopicPartition(info.topic(), info.partition()));
    }
    return partitions;
  }
}
