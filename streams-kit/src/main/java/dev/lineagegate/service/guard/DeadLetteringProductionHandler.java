package dev.lineagegate.service.guard;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output record that cannot be serialized (e.g. larger than its sink's bound, so that the broker
 * would refuse it and abort the transaction, and the replay would fail on it again) is not sent:
 * the record that caused it goes to the dead-letter topic and processing goes on. Errors of sending
 * are left to Streams (a refused send aborts an exactly-once transaction whatever a handler
 * answers).
 */
public final class DeadLetteringProductionHandler implements ProductionExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetteringProductionHandler.class);

  private String topic;

  @Override
  public void configure(final Map<String, ?> configs) {
    topic = DeadLetterTopic.of(configs);
  }

  @Override
  public Response handleSerializationError(
      final ErrorHandlerContext context,
      final ProducerRecord record,
      final Exception exception,
      final SerializationExceptionOrigin origin) {
    LOG.error(
        "a record for {} caused by {}/{}@{} could not be serialized ({}); not sent{}",
        record.topic(),
        context.topic(),
        context.partition(),
        context.offset(),
        origin,
        topic == null ? "" : ", its cause sent to " + topic,
        exception);
    return Response.resume(DeadLetterTopic.letters(topic, context, exception));
  }

  @Override
  public Response handleError(
      final ErrorHandlerContext context,
      final ProducerRecord<byte[], byte[]> record,
      final Exception exception) {
    return Response.fail();
  }
}
