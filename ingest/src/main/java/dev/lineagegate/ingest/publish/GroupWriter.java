package dev.lineagegate.ingest.publish;

import dev.lineagegate.ingest.IngestConfig;
import dev.lineagegate.schema.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread with one transactional producer, committing groups of batch requests. A producer that
 * fails in any way is discarded; the next group makes a new one, whose {@code initTransactions}
 * also aborts anything the old one left open at the coordinator.
 */
final class GroupWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupWriter.class);

  private final GroupCommitter committer;
  private final IngestConfig config;
  private final int index;
  private final Serializer<String> keys;
  private final MeterRegistry meters;
  private final Thread thread;
  private volatile boolean running = true;
  private KafkaProducer<String, byte[]> producer;
  private KafkaClientMetrics metrics;

  GroupWriter(
      final GroupCommitter committer,
      final IngestConfig config,
      final int index,
      final Serializer<String> keys,
      final MeterRegistry meters) {
    this.committer = committer;
    this.config = config;
    this.index = index;
    this.keys = keys;
    this.meters = meters;
    this.thread = new Thread(this::run, "ingest-batch-writer-" + index);
    thread.setDaemon(true);
  }

  GroupWriter start() {
    thread.start();
    return this;
  }

  private void run() {
    // initTransactions at start, not at the first batch: with the same transactional ids as the
    // previous run (a fixed ingest.transactional-id-prefix, as the embedded stack keeps one), it
    // aborts a transaction the previous run left open when it was killed, which otherwise holds
    // read_committed consumers (lineage-stream) at that partition's last stable offset until the
    // transaction times out. A broker not reachable yet is no reason to fail: the first group
    // tries again.
    try {
      producer();
    } catch (RuntimeException e) {
      LOG.warn("batch writer {} could not initialize its producer yet: {}", index, e.toString());
    }
    try {
      while (running) {
        final List<GroupCommitter.Pending> group = committer.nextGroup(200);
        if (!group.isEmpty()) {
          commit(group);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      discard(false); // only this thread touches the producer
    }
  }

  private void commit(final List<GroupCommitter.Pending> group) {
    try {
      final KafkaProducer<String, byte[]> tx = producer();
      tx.beginTransaction();
      final List<List<Future<RecordMetadata>>> sent = new ArrayList<>(group.size());
      for (final GroupCommitter.Pending pending : group) {
        final List<Future<RecordMetadata>> futures = new ArrayList<>(pending.events.size());
        for (int i = 0; i < pending.events.size(); i++) {
          futures.add(
              tx.send(
                  new ProducerRecord<>(
                      Topics.EVENTS.name(),
                      pending.events.get(i).getRun().getRunId(),
                      pending.values.get(i))));
        }
        sent.add(futures);
      }
      commitTransaction(tx); // flushes; throws if any send failed
      for (int g = 0; g < group.size(); g++) {
        final GroupCommitter.Pending pending = group.get(g);
        final List<Receipt> receipts = new ArrayList<>(pending.events.size());
        for (int i = 0; i < pending.events.size(); i++) {
          receipts.add(
              EventPublisher.receipt(
                  pending.events.get(i), sent.get(g).get(i).get(0, TimeUnit.SECONDS)));
        }
        pending.outcome.complete(receipts);
      }
    } catch (Exception e) {
      final Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      final RuntimeException translated = EventPublisher.translate(cause);
      // An open transaction holds back read_committed consumers: abort it now while the broker
      // answers; when it does not, the next producer's initTransactions (or the transaction
      // timeout) aborts it, and waiting here would only delay every request queued behind.
      discard(!(translated instanceof BrokerUnavailableException));
      group.forEach(pending -> pending.outcome.completeExceptionally(translated));
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * A commit that timed out may still complete, and Kafka's contract is to call it again; giving up
   * at once and answering 503 could let the batch appear after the client was told it did not.
   * Retried within the produce timeout; past it, the outcome is left to the next producer's
   * initTransactions and the client's retry (same eventIds) is a duplicate at worst.
   */
  private void commitTransaction(final KafkaProducer<String, byte[]> tx) {
    final long deadline = System.nanoTime() + config.produceTimeout().toNanos();
    while (true) {
      try {
        tx.commitTransaction();
        return;
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      final KafkaProducer<String, byte[]> created =
          new KafkaProducer<>(
              ProducerSettings.transactional(config, index), keys, new ByteArraySerializer());
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

  private void discard(final boolean abort) {
    if (producer == null) {
      return;
    }
    if (abort) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException e) {
        LOG.debug("abort of batch writer {} failed: {}", index, e.toString());
      }
    }
    metrics.close();
    producer.close(Duration.ZERO);
    producer = null;
  }

  /**
   * Stops taking groups; the thread notices within its 200 ms poll, finishes the group in hand (not
   * interrupted: that would turn a commit in flight into an unknown outcome) and closes its
   * producer.
   */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(config.produceTimeout().multipliedBy(2).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
