package dev.lineagegate.service.guard;

import dev.lineagegate.schema.DeadLetter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Where the exception handlers send what they skip: the Streams property {@value #CONFIG} names the
 * topic; without it they only log. The dead letter is the record as it was read (raw key and value,
 * as Streams keeps them for the handlers) with lineage-gate's error headers.
 */
final class DeadLetterTopic {

  static final String CONFIG = "lineage-gate.dead-letter.topic";

  private DeadLetterTopic() {}

  static String of(final Map<String, ?> configs) {
    final Object topic = configs.get(CONFIG);
    return topic == null || topic.toString().isBlank() ? null : topic.toString();
  }

  /** The dead letter of the source record of {@code context}, if there is one to send. */
  static List<ProducerRecord<byte[], byte[]>> letters(
      final String topic, final ErrorHandlerContext context, final Exception error) {
    if (topic == null || context.topic() == null || context.sourceRawValue() == null) {
      return List.of(); // a punctuation, or nowhere configured: logged only
    }
    return List.of(
        new ProducerRecord<>(
            topic,
            null,
            context.sourceRawKey(),
            context.sourceRawValue(),
            DeadLetter.headers(
                new RecordHeaders(context.headers().toArray()),
                context.topic(),
                context.partition(),
                context.offset(),
                error)));
  }
}
