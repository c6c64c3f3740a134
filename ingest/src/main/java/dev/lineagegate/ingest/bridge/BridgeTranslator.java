package dev.lineagegate.ingest.bridge;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.ingest.OpenLineageService;
import dev.lineagegate.ingest.openlineage.OpenLineageRecord;
import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.contract.EventContract;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.schema.json.InvalidEventException;
import dev.lineagegate.schema.serde.SerdeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What one record of the OpenLineage topic becomes: an event on {@code lineage.events.v1}, a
 * metadata record, or a dead letter. Only a transient failure (the registry unreachable) throws;
 * anything wrong with the record itself is dead-lettered, so that the bridge never stops on it.
 */
final class BridgeTranslator {

  private final OpenLineageService openLineage;
  private final Serializer<String> keys;
  private final Serializer<ExecutionEvent> events;
  private final Clock clock;

  BridgeTranslator(
      final OpenLineageService openLineage, final SerdeFactory serdes, final Clock clock) {
    this.openLineage = openLineage;
    this.keys = serdes.keySerde(Topics.EVENTS).serializer();
    this.events = serdes.valueSerde(Topics.EVENTS).serializer();
    this.clock = clock;
  }

  /** The record to produce for {@code in}; a dead letter when {@code in} is bad. */
  ProducerRecord<byte[], byte[]> translate(final ConsumerRecord<byte[], byte[]> in) {
    final OpenLineageRecord record;
    try {
      if (in.value() == null) {
        throw new InvalidEventException(List.of(new FieldError("", "empty record (tombstone)")));
      }
      record = openLineage.interpret(openLineage.parse(in.value()));
      if (record instanceof OpenLineageRecord.Run run) {
        final List<FieldError> violations =
            EventContract.violations(run.event(), "", clock.instant());
        if (!violations.isEmpty()) {
          throw new InvalidEventException(violations);
        }
      }
    } catch (RuntimeException e) {
      // Anything wrong with the record itself, including a mapping bug it triggers, is dead-
      // lettered: the bridge must never stop on one record.
      return DeadLetter.of(in.topic(), in.partition(), in.offset(), in.key(), in.value(), e);
    }
    if (record instanceof OpenLineageRecord.Run run) {
      final ExecutionEvent event = run.event();
      // Key = runId, as ingest writes it: a run's events stay ordered on one partition.
      final String topic = Topics.EVENTS.name();
      return new ProducerRecord<>(
          topic, keys.serialize(topic, event.getRun().getRunId()), events.serialize(topic, event));
    }
    return new ProducerRecord<>(
        Topics.OPENLINEAGE_METADATA.name(),
        OpenLineageService.metadataKey(record).getBytes(StandardCharsets.UTF_8),
        in.value());
  }
}
