package dev.lineagegate.stack.fuzz;

import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.id.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reading topics as the bridge check needs: end offsets, committed offsets, dead letters. */
final class Topic {

  /** A dead letter: its message header and the digest of its bytes. */
  record Dead(String message, String sha256) {}

  private Topic() {}

  /** Partition → end offset of {@code topic} (committed data: read_committed). */
  static Map<Integer, Long> ends(final String bootstrap, final String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      final Map<Integer, Long> ends = new HashMap<>();
      consumer
          .endOffsets(partitions(consumer, topic), Duration.ofSeconds(30))
          .forEach((partition, end) -> ends.put(partition.partition(), end));
      return ends;
    }
  }

  /** Whether {@code group} committed up to the end of every partition of {@code topic} in time. */
  static boolean awaitCommitted(
      final Admin admin,
      final String bootstrap,
      final String group,
      final String topic,
      final Duration timeout)
      throws InterruptedException {
    final Map<Integer, Long> ends = ends(bootstrap, topic);
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      final Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group);
      final boolean done =
          ends.entrySet().stream()
              .allMatch(
                  end -> {
                    final OffsetAndMetadata at =
                        committed.get(new TopicPartition(topic, end.getKey()));
                    return end.getValue() == 0 || (at != null && at.offset() >= end.getValue());
                  });
      if (done) {
        return true;
      }
      Thread.sleep(250);
    }
    return false;
  }

  /** Key → dead letter, for the dead letters after {@code start} whose key has {@code prefix}. */
  static Map<String, Dead> deadLetters(
      final String bootstrap, final Map<Integer, Long> start, final String prefix) {
    final String topic = Topics.EVENTS_DLQ.name();
    final Map<Integer, Long> ends = ends(bootstrap, topic);
    final Map<String, Dead> dead = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      final List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      partitions.forEach(p -> consumer.seek(p, start.getOrDefault(p.partition(), 0L)));
      final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p.partition()))
          && System.nanoTime() < deadline) {
        for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          final String key =
              record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
          if (key.startsWith(prefix)) {
            dead.put(
                key,
                new Dead(
                    DeadLetter.header(record.headers(), DeadLetter.MESSAGE),
                    Digest.sha256(record.value() == null ? new byte[0] : record.value()).value()));
          }
        }
      }
    }
    return dead;
  }

  private static Map<TopicPartition, OffsetAndMetadata> committed(
      final Admin admin, final String group) throws InterruptedException {
    try {
      return admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return Map.of();
    }
  }

  private static List<TopicPartition> partitions(
      final KafkaConsumer<byte[], byte[]> consumer, final String topic) {
    return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .toList();
  }

  private static KafkaConsumer<byte[], byte[]> consumer(final String bootstrap) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class));
  }
}
