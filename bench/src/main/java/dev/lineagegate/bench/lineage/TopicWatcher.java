package dev.lineagegate.bench.lineage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a topic from its current end (read_committed, as release tooling would) on a thread of its
 * own and hands each record, with the nanoTime it arrived, to a callback: how the benchmark sees
 * outputs appear without polling from the measuring thread.
 */
public final class TopicWatcher<K, V> implements AutoCloseable {

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  public TopicWatcher(
      final String bootstrap,
      final String topic,
      final Deserializer<K> keys,
      final Deserializer<V> values,
      final BiConsumer<ConsumerRecord<K, V>, Long> onRecord) {
    final KafkaConsumer<K, V> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-watch-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000),
            keys,
            values);
    final List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(topic, Duration.ofSeconds(30))
        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end now, before anything is produced
    thread =
        new Thread(
            () -> {
              try (consumer) {
                while (running.get()) {
                  for (final ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(20))) {
                    onRecord.accept(record, System.nanoTime());
                  }
                }
              }
            },
            "watch-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
