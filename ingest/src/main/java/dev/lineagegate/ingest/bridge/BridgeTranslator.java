package dev.lineagegate.ingest.bridge;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.ingest.OpenLineageService;
import dev.lineagegate.ingest.openlineage.OpenLineageRecord;
import dev.lineagegate.ingest.openlineage.Warning;
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
 * What one record of the OpenLineage topic becomes: an event on {@code lineage.events.v1} (with one
 * {@value #WARNING_HEADER} header per warning), a metadata record, or a dead letter. Only a
 * transient failure (the registry unreachable) throws; anything wrong with the record itself is
 * dead-lettered, so that the bridge never stops on it.
 */
final class BridgeTranslator {

  /** One header per warning of an accepted event, {@code pointer: detail} in UTF-8. */
  static final String WARNING_HEADER = OpenLineageBridge.WARNING_HEADER;

  /**
   * A header value's longest length in characters: a pointer holds the sender's facet keys, and a
   * record with very long headers could pass the broker's record limit and stop the bridge.
   */
  static final int MAX_HEADER_CHARS = 1024;

  /** The record to produce, and the warnings to count once it is committed. */
  record Bridged(ProducerRecord<byte[], byte[]> out, List<Warning> warnings) {}

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

  /** The record to produce for {@code in}; a dead letter when {@code in} is refused. */
  Bridged translate(final ConsumerRecord<byte[], byte[]> in) {
    final OpenLineageService.Interpreted interpreted;
    try {
      if (in.value() == null) {
        throw new InvalidEventException(List.of(new FieldError("", "empty record (tombstone)")));
      }
      interpreted = openLineage.interpret(openLineage.parse(in.value()));
      if (interpreted.record() instanceof OpenLineageRecord.Run run) {
        final List<FieldError> violations =
            EventContract.violations(run.event(), "", clock.instant());
        if (!violations.isEmpty()) {
          throw new InvalidEventException(violations);
        }
      }
    } catch (RuntimeException e) {
      // Anything wrong with the record itself, including a mapping bug it triggers, is dead-
      // lettered: the bridge must never stop on one record.
      return new Bridged(
          DeadLetter.of(in.topic(), in.partition(), in.offset(), in.key(), in.value(), e),
          List.of());
    }
    final ProducerRecord<byte[], byte[]> out;
    if (interpreted.record() instanceof OpenLineageRecord.Run run) {
      final ExecutionEvent event = run.event();
      // Key = runId, as ingest writes it: a run's events stay ordered on one partition.
      final String topic = Topics.EVENTS.name();
      out =
          new ProducerRecord<>(
              topic,
              keys.serialize(topic, event.getRun().getRunId()),
              events.serialize(topic, event));
    } else {
      out =
          new ProducerRecord<>(
              Topics.OPENLINEAGE_METADATA.name(),
              OpenLineageService.metadataKey(interpreted.record()).getBytes(StandardCharsets.UTF_8),
              in.value());
    }
    for (final Warning warning : Warning.listed(interpreted.warnings())) {
      out.headers().add(WARNING_HEADER, headerValue(warning));
    }
    return new Bridged(out, interpreted.warnings());
  }

  static byte[] headerValue(final Warning warning) {
    String line = warning.line();
    if (line.length() > MAX_HEADER_CHARS) {
      int cut = MAX_HEADER_CHARS - 1;
      if (Character.isHighSurrogate(line.charAt(cut - 1))) {
        cut--; // never split a surrogate pair
      }
      line = line.substring(0, cut) + "…";
    }
    return line.getBytes(StandardCharsets.UTF_8);
  }
}
