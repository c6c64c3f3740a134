package dev.lineagegate.ingest;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.testkit.KafkaBroker;
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

/**
 * Reads {@code lineage.events.v1} as the topology will (read_committed), by position: tests take a
 * snapshot of the end offsets, act, then read exactly what was appended since.
 */
final class EventsTopic {

  private final KafkaBroker kafka;
  private final SerdeFactory serdes;

  EventsTopic(final KafkaBroker kafka, final SerdeFactory serdes) {
    this.kafka = kafka;
    this.serdes = serdes;
  }

  Map<TopicPartition, Long> endOffsets() {
    try (KafkaConsumer<String, ExecutionEvent> consumer = consumer()) {
      return new HashMap<>(consumer.endOffsets(partitions(consumer), Duration.ofSeconds(30)));
    }
  }

  /** Every committed record appended after {@code since}, waiting up to 10 s for {@code count}. */
  List<ConsumerRecord<String, ExecutionEvent>> readSince(
      final Map<TopicPartition, Long> since, final int count) {
    final List<ConsumerRecord<String, ExecutionEvent>> records = new ArrayList<>();
    try (KafkaConsumer<String, ExecutionEvent> consumer = consumer()) {
      final List<TopicPartition> partitions = partitions(consumer);
      consumer.assign(partitions);
      partitions.forEach(p -> consumer.seek(p, since.getOrDefault(p, 0L)));
      final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      consumer.poll(Duration.ofMillis(500)).forEach(records::add); // anything more is a bug
    }
    return records;
  }

  private KafkaConsumer<String, ExecutionEvent> consumer() {
    return new KafkaConsumer<>(
        kafka.consumerConfig("ingest-it-" + UUID.randomUUID()),
        serdes.keySerde(Topics.EVENTS).deserializer(),
        serdes.valueSerde(Topics.EVENTS).deserializer());
  }

  private static List<TopicPartition> partitions(final KafkaConsumer<?, ?> consumer) {
    final List<TopicPartition> partitions = new ArrayList<>();
    for (final PartitionInfo info :
        consumer.partitionsFor(Topics.EVENTS.name(), Duration.ofSeconds(30))) {
      partitions.add(new TopicPartition(info.topic(), info.partition()));
    }
    return partitions;
  }
}
