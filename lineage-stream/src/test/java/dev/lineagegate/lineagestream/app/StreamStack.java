package dev.lineagegate.lineagestream.app;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.config.Settings;
import dev.lineagegate.schema.Topic;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.testkit.ApicurioRegistry;
import dev.lineagegate.testkit.KafkaBroker;
import dev.lineagegate.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A broker of its own per test class (the topics of lineage-gate are fixed names, and an app with a
 * new application id reads them from the start: sharing a broker between classes would mix their
 * records) and the registry of this test JVM. Every topic of {@link Topics#ALL} is created with
 * three partitions (or as many as {@link #start(int)} is given), as a deployment must.
 */
final class StreamStack implements AutoCloseable {

  static final int PARTITIONS = 3;

  final KafkaBroker kafka;
  final SerdeFactory serdes;
  final TopicReader reader;
  private final KafkaProducer<byte[], byte[]> producer;

  private StreamStack(final KafkaBroker kafka) {
    this.kafka = kafka;
    this.serdes = new SerdeFactory(ApicurioRegistry.shared().registryConfig());
    this.reader = new TopicReader(kafka);
    this.producer =
        new KafkaProducer<>(
            kafka.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
  }

  static StreamStack start() {
    return start(PARTITIONS);
  }

  /**
   * A broker of its own with every topic created with {@code partitions} partitions: lineage-stream
   * refuses a {@code lineage.graph.v1} with another count than {@code lineage.events.v1}.
   */
  static StreamStack start(final int partitions) {
    final KafkaBroker kafka = KafkaBroker.start();
    kafka.createTopics(partitions, Topics.ALL.stream().map(Topic::name).toArray(String[]::new));
    return new StreamStack(kafka);
  }

  /** The defaults, bound to this stack, on a free port, with the stall check out of the way. */
  LineageStreamConfig config(final String applicationId, final Path stateDir) {
    final Properties props = new Properties();
    props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    props.put("registry.url", ApicurioRegistry.shared().confluentApiUrl().toString());
    props.put("lineage.application-id", applicationId);
    props.put("lineage.state-dir", stateDir.toString());
    props.put("lineage.http.port", "0");
    props.put("lineage.commit-interval", "PT0.1S");
    props.put("lineage.stall-check-interval", "PT1H");
    return LineageStreamConfig.from(
        Settings.merge(LineageStreamConfig.DEFAULTS, null, props, Map.of()));
  }

  /** Sends {@code event} keyed by its runId with record timestamp {@code at}; waits for the ack. */
  RecordMetadata send(final ExecutionEvent event, final Instant at) {
    final byte[] value =
        serdes.valueSerde(Topics.EVENTS).serializer().serialize(Topics.EVENTS.name(), event);
    return sendRaw(event.getRun().getRunId(), value, at);
  }

  RecordMetadata sendRaw(final String key, final byte[] value, final Instant at) {
    try {
      return producer
          .send(
              new ProducerRecord<>(
                  Topics.EVENTS.name(),
                  null,
                  at.toEpochMilli(),
                  key.getBytes(StandardCharsets.UTF_8),
                  value))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("could not send to " + Topics.EVENTS.name(), e);
    }
  }

  Map<TopicPartition, Long> end(final Topic<?, ?> topic) {
    return reader.endOffsets(topic.name());
  }

  List<ConsumerRecord<String, Verdict>> verdicts(
      final Map<TopicPartition, Long> since, final int count) {
    return read(Topics.VERDICTS, since, count);
  }

  List<ConsumerRecord<String, Alert>> alerts(
      final Map<TopicPartition, Long> since, final int count) {
    return read(Topics.ALERTS, since, count);
  }

  List<ConsumerRecord<byte[], byte[]>> deadLetters(
      final Map<TopicPartition, Long> since, final int count) {
    return reader.readSince(
        Topics.EVENTS_DLQ.name(),
        since,
        count,
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  private <V> List<ConsumerRecord<String, V>> read(
      final Topic<String, V> topic, final Map<TopicPartition, Long> since, final int count) {
    return reader.readSince(
        topic.name(),
        since,
        count,
        serdes.keySerde(topic).deserializer(),
        serdes.valueSerde(topic).deserializer());
  }

  @Override
  public void close() {
    producer.close();
    kafka.close();
  }
}
