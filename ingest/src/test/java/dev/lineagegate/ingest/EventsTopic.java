package dev.lineagegate.ingest;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.testkit.KafkaBroker;
import dev.lineagegate.testkit.TopicReader;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** {@code lineage.events.v1} read by position, decoded through the registry. */
final class EventsTopic {

  private final TopicReader reader;
  private final SerdeFactory serdes;

  EventsTopic(final KafkaBroker kafka, final SerdeFactory serdes) {
    this.reader = new TopicReader(kafka);
    this.serdes = serdes;
  }

  Map<TopicPartition, Long> endOffsets() {
    return reader.endOffsets(Topics.EVENTS.name());
  }

  List<ConsumerRecord<String, ExecutionEvent>> readSince(
      final Map<TopicPartition, Long> since, final int count) {
    return reader.readSince(
        Topics.EVENTS.name(),
        since,
        count,
        serdes.keySerde(Topics.EVENTS).deserializer(),
        serdes.valueSerde(Topics.EVENTS).deserializer());
  }
}
