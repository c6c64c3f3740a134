package dev.lineagegate.lineagestream.alerts;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded, in-memory tail of {@code lineage.alerts.v1} and {@code lineage.verdicts.v1} for {@code
 * GET /v1/alerts} and the web view, read by a plain consumer of its own beside the topology (which
 * it does not touch): no group (partitions assigned, nothing committed), read_committed (only what
 * the topology's transactions committed), and at start each partition is read from at most twice
 * {@code capacity} offsets before its end (records and transaction markers). So the tail holds the
 * newest {@code capacity} alerts and verdicts found there and since, whatever the history; each
 * instance holds its own (every instance reads every partition). Partitions are looked up once at
 * start (again until the topics exist).
 */
public final class RecentTail implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RecentTail.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Deserializer<Alert> alertReader;
  private final Deserializer<Verdict> verdictReader;
  private final URI publicUrl;
  private final RecentAlerts alerts;
  private final RecentVerdicts verdicts;
  private final Thread thread;
  private volatile boolean closing;

  private RecentTail(
      final String bootstrapServers,
      final SerdeFactory serdes,
      final URI publicUrl,
      final RecentAlerts alerts,
      final RecentVerdicts verdicts) {
    final Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "lineage-stream-recent-tail");
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.alertReader = serdes.valueSerde(Topics.ALERTS).deserializer();
    this.verdictReader = serdes.valueSerde(Topics.VERDICTS).deserializer();
    this.publicUrl = publicUrl;
    this.alerts = alerts;
    this.verdicts = verdicts;
    // Transaction markers take offsets too (the topology commits every 100 ms under exactly-once,
    // one marker per partition written), so twice the bound is read back to find the bound.
    this.thread = new Thread(() -> run(2L * alerts.capacity()), "lineage-stream-recent-tail");
    this.thread.setDaemon(true);
  }

  /** Fills {@code alerts} and {@code verdicts}, reading back as many records as alerts hold. */
  public static RecentTail start(
      final String bootstrapServers,
      final SerdeFactory serdes,
      final URI publicUrl,
      final RecentAlerts alerts,
      final RecentVerdicts verdicts) {
    final RecentTail tail = new RecentTail(bootstrapServers, serdes, publicUrl, alerts, verdicts);
    tail.thread.start();
    return tail;
  }

  private void run(final long back) {
    try {
      if (!assign(back)) {
        return;
      }
      while (!closing) {
        for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          take(record);
        }
      }
    } catch (WakeupException | InterruptException e) {
      // close() asked us to stop.
    } catch (RuntimeException e) {
      LOG.error("the tail of alerts and verdicts stopped; /v1/alerts no longer changes", e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /**
   * Every partition of both topics, each from {@code back} records before its end; tried again
   * every second while the topics are missing or the broker does not answer. False once closing.
   */
  private boolean assign(final long back) {
    while (!closing) {
      try {
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final String topic : List.of(Topics.ALERTS.name(), Topics.VERDICTS.name())) {
          final List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
          infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        if (!partitions.isEmpty()) {
          consumer.assign(partitions);
          final Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
          final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
          for (final TopicPartition partition : partitions) {
            consumer.seek(partition, Math.max(begin.get(partition), end.get(partition) - back));
          }
          return true;
        }
        LOG.info("topics {} and {} not there yet", Topics.ALERTS.name(), Topics.VERDICTS.name());
      } catch (TimeoutException | UnknownTopicOrPartitionException e) {
        LOG.info("the tail of alerts and verdicts waits for the broker: {}", e.toString());
      }
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        return false;
      }
    }
    return false;
  }

  private void take(final ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    try {
      if (Topics.ALERTS.name().equals(record.topic())) {
        final Alert alert = alertReader.deserialize(record.topic(), record.value());
        final Header header = record.headers().lastHeader(AlertLinks.HEADER);
        final String url =
            header == null
                ? AlertLinks.of(publicUrl, alert)
                : new String(header.value(), StandardCharsets.UTF_8);
        alerts.add(new RecentAlerts.Entry(alert, url, record.partition(), record.offset()));
      } else {
        verdicts.add(verdictReader.deserialize(record.topic(), record.value()));
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "skipping {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.toString());
    }
  }

  @Override
  public void close() {
    closing = true;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
