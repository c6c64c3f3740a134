package dev.lineagegate.ingest.bridge;

import dev.lineagegate.ingest.IngestConfig;
import dev.lineagegate.ingest.OpenLineageService;
import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  private static final Logger LOG = LoggerFactory.getLogger(OpenLineageBridge.class);
  private static final Duration BACKOFF = Duration.ofSeconds(1);

  private final IngestConfig config;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;
  private final BridgeTranslator translator;
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
    this.consumer = new KafkaConsumer<>(BridgeSettings.consumer(config));
    this.producer = new KafkaProducer<>(BridgeSettings.producer(config));
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
      producer.initTransactions();
      consumer.subscribe(List.of(config.bridge().topic()));
      while (running) {
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
      consumer.close(Duration.ofSeconds(5));
      producer.close(Duration.ofSeconds(5));
    }
  }

  private void bridge(final ConsumerRecords<byte[], byte[]> records) {
    try {
      producer.beginTransaction();
      int dead = 0;
      for (final ConsumerRecord<byte[], byte[]> in : records) {
        final ProducerRecord<byte[], byte[]> out = translator.translate(in);
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
      producer.commitTransaction();
      bridged.increment(records.count() - dead);
      deadLettered.increment(dead);
    } catch (ProducerFencedException | AuthorizationException e) {
      throw e;
    } catch (KafkaException e) {
      // Transient (broker or registry unreachable): undo, go back to the first record of this
      // poll, try again after a pause. A registry refusing our own schema also lands here, and
      // retrying is right: nothing can be bridged until an operator fixes it.
      LOG.warn("OpenLineage bridge transaction aborted, retrying: {}", e.toString());
      producer.abortTransaction();
      rewind(records);
      sleep();
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

  private void rewind(final ConsumerRecords<byte[], byte[]> records) {
    for (final TopicPartition partition : records.partitions()) {
      consumer.seek(partition, records.records(partition).get(0).offset());
    }
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
