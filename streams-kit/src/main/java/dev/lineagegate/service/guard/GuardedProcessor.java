package dev.lineagegate.service.guard;

import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.service.guard.ProcessingGuard.Deaths;
import dev.lineagegate.service.guard.ProcessingGuard.Position;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor run under the instance's {@link ProcessingGuard}: it marks the record in process, so
 * that a thread dying on it counts against it, and sends a quarantined record to the dead-letter
 * sink (its key and value as they came, with error headers) instead of processing it. Without a
 * guard in the Streams properties (TopologyTestDriver) it only delegates.
 */
public final class GuardedProcessor<KIn, VIn, KOut, VOut>
    implements Processor<KIn, VIn, KOut, VOut> {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedProcessor.class);

  /** Why a record was dead-lettered without being processed: it killed stream threads. */
  public static final class QuarantinedRecordException extends RuntimeException {
    QuarantinedRecordException(final String message) {
      super(message);
    }
  }

  private final Processor<KIn, VIn, KOut, VOut> inner;
  private final String deadLetterSink;
  private ProcessorContext<KOut, VOut> context;
  private ProcessingGuard guard;

  private GuardedProcessor(final Processor<KIn, VIn, KOut, VOut> inner, final String sink) {
    this.inner = inner;
    this.deadLetterSink = sink;
  }

  /**
   * {@code processors}, guarded; {@code deadLetterSink} is a sink of the processor whose
   * serializers take its input's key and value.
   */
  public static <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> of(
      final ProcessorSupplier<KIn, VIn, KOut, VOut> processors, final String deadLetterSink) {
    return () -> new GuardedProcessor<>(processors.get(), deadLetterSink);
  }

  @Override
  public void init(final ProcessorContext<KOut, VOut> processorContext) {
    this.context = processorContext;
    this.guard = ProcessingGuard.from(processorContext.appConfigs());
    inner.init(processorContext);
  }

  @Override
  public void process(final Record<KIn, VIn> record) {
    final Optional<RecordMetadata> metadata = context.recordMetadata();
    if (guard == null || metadata.isEmpty() || guard.inRecord()) {
      // no guard (TopologyTestDriver), a punctuator's record, or forwarded by a guarded parent
      inner.process(record);
      return;
    }
    final Position position =
        new Position(metadata.get().topic(), metadata.get().partition(), metadata.get().offset());
    final Optional<Deaths> deaths = guard.quarantined(position);
    if (deaths.isPresent()) {
      quarantine(record, position, deaths.get());
      return;
    }
    guard.enter(position);
    try {
      inner.process(record);
    } catch (RuntimeException e) {
      guard.exit(); // handled by Streams' processing exception handler: the thread lives on
      throw e;
    }
    // No finally: an Error that kills the thread must leave the record marked for threadDied.
    guard.exit();
  }

  @SuppressWarnings("unchecked")
  private void quarantine(final Record<KIn, VIn> record, final Position at, final Deaths deaths) {
    final String message =
        "quarantined: processing it killed a stream thread "
            + deaths.count()
            + " times; last error: "
            + deaths.lastError();
    guard.released(at);
    if (deadLetterSink == null) {
      LOG.error("record at {} skipped: {}", at, message);
      return;
    }
    LOG.error("record at {} sent to the dead-letter topic: {}", at, message);
    final RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    DeadLetter.headers(
        headers, at.topic(), at.partition(), at.offset(), new QuarantinedRecordException(message));
    context.forward(
        new Record<>((KOut) record.key(), (VOut) record.value(), record.timestamp(), headers),
        deadLetterSink);
  }

  @Override
  public void close() {
    inner.close();
  }
}
