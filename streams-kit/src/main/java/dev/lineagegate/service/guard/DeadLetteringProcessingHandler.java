package dev.lineagegate.service.guard;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that still fails inside a processor (a bug: poison pills are dead-lettered by the
 * processors themselves) is logged with its position, sent to the dead-letter topic as it was read,
 * and skipped, instead of killing the thread, whose replacement would fail on the same record
 * forever.
 */
public final class DeadLetteringProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetteringProcessingHandler.class);

  /** The Streams property naming the dead-letter topic of both handlers (none: log only). */
  public static final String DEAD_LETTER_TOPIC = DeadLetterTopic.CONFIG;

  private String topic;

  @Override
  public void configure(final Map<String, ?> configs) {
    topic = DeadLetterTopic.of(configs);
  }

  @Override
  public Response handleError(
      final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
    LOG.error(
        "processor {} failed on the record at {}/{}@{}; skipped{}",
        context.processorNodeId(),
        context.topic(),
        context.partition(),
        context.offset(),
        topic == null ? "" : " and sent to " + topic,
        exception);
    return Response.resume(DeadLetterTopic.letters(topic, context, exception));
  }
}
