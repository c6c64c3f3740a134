package dev.lineagegate.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** Produce and consume with explicit serdes against the shared broker, bounded in time. */
final class TopicIO {

  private TopicIO() {}

  static <K, V> RecordMetadata produce(
      final KafkaBroker kafka,
      final String topic,
      final K key,
      final V value,
      final Serializer<K> keys,
      final Serializer<V> values)
      throws Exception {
    try (KafkaProducer<K, V> producer = new KafkaProducer<>(kafka.producerConfig(), keys, values)) {
      return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  /** Reads until {@code count} records arrived or 30 s passed, then 300 ms more for extras. */
  static <K, V> List<ConsumerRecord<K, V>> consume(
      final KafkaBroker kafka,
      final String topic,
      final int count,
      final Deserializer<K> keys,
      final Deserializer<V> values) {
    final List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer =
        new KafkaConsumer<>(
            kafka.consumerConfig("test-" + topic + "-" + System.nanoTime()), keys, values)) {
      consumer.subscribe(List.of(topic));
      final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      consumer.poll(Duration.ofMillis(300)).forEach(records::add);
    }
    return records;
  }
}
