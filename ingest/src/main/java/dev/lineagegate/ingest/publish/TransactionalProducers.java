package dev.lineagegate.ingest.publish;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.ingest.IngestConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed pool of transactional producers, one batch request each at a time. A producer that fails
 * in any way is aborted and discarded; its slot makes a new one on next use, whose {@code
 * initTransactions} also aborts anything the old one left open at the coordinator.
 */
final class TransactionalProducers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionalProducers.class);

  private final IngestConfig config;
  private final Serializer<String> keys;
  private final Serializer<ExecutionEvent> values;
  private final MeterRegistry meters;
  private final BlockingQueue<Slot> slots;

  TransactionalProducers(
      final IngestConfig config,
      final Serializer<String> keys,
      final Serializer<ExecutionEvent> values,
      final MeterRegistry meters) {
    this.config = config;
    this.keys = keys;
    this.values = values;
    this.meters = meters;
    this.slots = new ArrayBlockingQueue<>(config.batchProducers());
    for (int i = 0; i < config.batchProducers(); i++) {
      slots.add(new Slot(i));
    }
  }

  List<Receipt> publish(final List<ExecutionEvent> events) {
    final Slot slot = take();
    try {
      return slot.publish(events);
    } finally {
      slots.add(slot);
    }
  }

  private Slot take() {
    try {
      final Slot slot = slots.poll(config.produceTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (slot == null) {
        throw EventPublisher.unavailable(
            new java.util.concurrent.TimeoutException("every batch producer stayed busy"));
      }
      return slot;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw EventPublisher.unavailable(e);
    }
  }

  @Override
  public void close() {
    slots.forEach(slot -> slot.discard(false));
  }

  /** One transactional id and, when healthy, its producer. Used by one thread at a time. */
  private final class Slot {

    private final int index;
    private KafkaProducer<String, ExecutionEvent> producer;
    private KafkaClientMetrics metrics;

    Slot(final int index) {
      this.index = index;
    }

    List<Receipt> publish(final List<ExecutionEvent> events) {
      try {
        final KafkaProducer<String, ExecutionEvent> tx = producer();
        tx.beginTransaction();
        final List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (final ExecutionEvent event : events) {
          sent.add(tx.send(EventPublisher.record(event)));
        }
        tx.commitTransaction(); // flushes; throws if any send failed
        final List<Receipt> receipts = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
          receipts.add(EventPublisher.receipt(events.get(i), sent.get(i).get(0, TimeUnit.SECONDS)));
        }
        return receipts;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        discard(false);
        throw EventPublisher.unavailable(e);
      } catch (Exception e) {
        final Throwable cause =
            e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
        final RuntimeException translated = EventPublisher.translate(cause);
        // An open transaction holds back read_committed consumers: abort it now while the broker
        // answers; when it does not, the next producer's initTransactions (or the transaction
        // timeout) aborts it, and waiting here would only double the client's wait.
        discard(!(translated instanceof BrokerUnavailableException));
        throw translated;
      }
    }

    private KafkaProducer<String, ExecutionEvent> producer() {
      if (producer == null) {
        final KafkaProducer<String, ExecutionEvent> created =
            new KafkaProducer<>(ProducerSettings.transactional(config, index), keys, values);
        try {
          created.initTransactions();
        } catch (RuntimeException e) {
          created.close(Duration.ZERO);
          throw e;
        }
        producer = created;
        metrics = new KafkaClientMetrics(created);
        metrics.bindTo(meters);
      }
      return producer;
    }

    void discard(final boolean abort) {
      if (producer == null) {
        return;
      }
      if (abort) {
        try {
          producer.abortTransaction();
        } catch (RuntimeException e) {
          LOG.debug("abort of batch producer {} failed: {}", index, e.toString());
        }
      }
      metrics.close();
      producer.close(Duration.ZERO);
      producer = null;
    }
  }
}
