package dev.lineagegate.ingest.bridge;

import dev.lineagegate.ingest.IngestConfig;
import dev.lineagegate.ingest.OpenLineageService;
import dev.lineagegate.ingest.OpenLineageWarningMeter;
import dev.lineagegate.ingest.openlineage.Warning;
import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Republishes what OpenLineage's Kafka transport writes (JSON, default topic {@code
 * openlineage.events}) as lineage-gate events. Each poll is one transaction holding the produced
 * records and the consumed offsets, so every input record is bridged exactly once, and an input
 * that cannot be mapped goes to the dead-letter topic in that same transaction.
 */
public final class OpenLineageBridge implements AutoCloseable {

  /**
   * The header of a bridged event, one per warning of the OpenLineage record it came from (DESIGN
   * §6.2), {@code pointer: detail} in UTF-8; at most {@value
   * dev.lineagegate.ingest.openlineage.Warning#MAX_LISTED} and a last one counting the rest.
   */
  public static final String WARNING_HEADER = "lineage-gate.warning";

  private static final Logger LOG = LoggerFactory.getLogger(OpenLineageBridge.class);
  private static final Duration BACKOFF = Duration.ofSeconds(1);

  private final IngestConfig config;
  private final KafkaConsumer<byte[], byte[]> consumer;

  /** Owned by the bridge thread; replaced after any failure. */
  private KafkaProducer<byte[], byte[]> producer;

  private final BridgeTranslator translator;
  private final OpenLineageWarningMeter warnings;
  private final Counter bridged;
  private final Counter deadLettered;
  private final Thread thread;
  private volatile boolean running = true;

  public OpenLineageBridge(
      final IngestConfig config,
      final OpenLineageService openLineage,
      final SerdeFactory serdes,
      final MeterRegistry meters) {
    this.config = config;
    this.warnings = new OpenLineageWarningMeter(meters);
    this.consumer = new KafkaConsumer<>(BridgeSettings.consumer(config));
    this.translator = new BridgeTranslator(openLineage, serdes, Clock.systemUTC());
    this.bridged =
        Counter.builder("openlineage.bridge.records").tag("outcome", "bridged").register(meters);
    this.deadLettered =
        Counter.builder("openlineage.bridge.records")
            .tag("outcome", "dead-lettered")
            .register(meters);
    this.thread = new Thread(this::run, "openlineage-bridge");
  }

  public OpenLineageBridge start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(config.bridge().topic()));
      while (running) {
        if (producer == null && !newProducer()) {
          continue; // broker still away: newProducer backed off
        }
        final ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          bridge(records);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (ProducerFencedException | AuthorizationException e) {
      LOG.error("OpenLineage bridge stopped: {}", e.toString());
    } finally {
      // Leaving the group also as a static member: the partitions move to another instance now.
      consumer.close(
          CloseOptions.timeout(Duration.ofSeconds(5))
              .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
      if (producer != null) {
        producer.close(Duration.ofSeconds(5));
      }
    }
  }

  /**
   * A fresh transactional producer; its {@code initTransactions} also finishes whatever its
   * predecessor left open (committing it if the commit had reached the coordinator, aborting it
   * otherwise), after which the group's committed offsets tell exactly where to resume.
   */
  private boolean newProducer() {
    final KafkaProducer<byte[], byte[]> created =
        new KafkaProducer<>(BridgeSettings.producer(config));
    try {
      created.initTransactions();
      producer = created;
      return true;
    } catch (ProducerFencedException | AuthorizationException e) {
      created.close(Duration.ZERO);
      throw e;
    } catch (KafkaException e) {
      LOG.warn("OpenLineage bridge cannot start a transaction yet, retrying: {}", e.toString());
      created.close(Duration.ZERO);
      sleep();
      return false;
    }
  }

  private void bridge(final ConsumerRecords<byte[], byte[]> records) {
    try {
      producer.beginTransaction();
      int dead = 0;
      final List<Warning> flagged = new ArrayList<>();
      for (final ConsumerRecord<byte[], byte[]> in : records) {
        final BridgeTranslator.Bridged bridgedRecord = translator.translate(in);
        final ProducerRecord<byte[], byte[]> out = bridgedRecord.out();
        flagged.addAll(bridgedRecord.warnings());
        if (out.topic().equals(Topics.EVENTS_DLQ.name())) {
          dead++;
          LOG.warn(
              "dead-lettered OpenLineage record {}/{}/{}: {}",
              in.topic(),
              in.partition(),
              in.offset(),
              DeadLetter.header(out.headers(), DeadLetter.MESSAGE));
        }
        producer.send(out);
      }
      producer.sendOffsetsToTransaction(next(records), consumer.groupMetadata());
      commit();
      bridged.increment(records.count() - dead);
      deadLettered.increment(dead);
      warnings.count(flagged); // once committed: a transaction retried is counted once
    } catch (ProducerFencedException | AuthorizationException e) {
      throw e;
    } catch (KafkaException e) {
      // Transient (broker or registry unreachable, or a commit whose outcome is unknown): drop
      // this producer; the next one settles the open transaction, and the consumer resumes from
      // the offsets that transaction did or did not commit. A registry refusing our own schema
      // also lands here, and retrying is right: nothing can be bridged until it is fixed.
      LOG.warn(
          "OpenLineage bridge transaction failed, resuming from committed offsets: {}",
          e.toString());
      producer.close(Duration.ZERO);
      producer = null;
      if (newProducer()) {
        resumeFromCommitted(records);
      }
    }
  }

  /** A commit that timed out may still complete: Kafka's contract is to call it again. */
  private void commit() {
    for (int attempt = 1; ; attempt++) {
      try {
        producer.commitTransaction();
        return;
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private void resumeFromCommitted(final ConsumerRecords<byte[], byte[]> records) {
    final Map<TopicPartition, OffsetAndMetadata> committed =
        consumer.committed(records.partitions(), Duration.ofSeconds(30));
    for (final TopicPartition partition : records.partitions()) {
      final OffsetAndMetadata offset = committed.get(partition);
      consumer.seek(
          partition, offset == null ? records.records(partition).get(0).offset() : offset.offset());
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> next(
      final ConsumerRecords<byte[], byte[]> records) {
    final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (final TopicPartition partition : records.partitions()) {
      final List<ConsumerRecord<byte[], byte[]>> list = records.records(partition);
      offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
    }
    return offsets;
  }

  private void sleep() {
    try {
      Thread.sleep(BACKOFF.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(15).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
