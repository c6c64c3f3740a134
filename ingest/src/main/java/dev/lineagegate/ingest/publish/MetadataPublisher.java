package dev.lineagegate.ingest.publish;

import dev.lineagegate.ingest.IngestConfig;
import dev.lineagegate.schema.Topics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes OpenLineage DatasetEvents and JobEvents as they arrived (JSON bytes). */
public final class MetadataPublisher implements AutoCloseable {

  private final IngestConfig config;
  private final KafkaProducer<String, byte[]> producer;

  public MetadataPublisher(final IngestConfig config) {
    this.config = config;
    this.producer =
        new KafkaProducer<>(
            ProducerSettings.common(config, "lineage-gate-ingest-metadata"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  public Receipt publish(final String key, final String eventId, final byte[] json) {
    try {
      final RecordMetadata metadata =
          producer
              .send(new ProducerRecord<>(Topics.OPENLINEAGE_METADATA.name(), key, json))
              .get(config.produceTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
      return new Receipt(eventId, metadata.topic(), metadata.partition(), metadata.offset());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw EventPublisher.unavailable(e);
    } catch (ExecutionException e) {
      throw EventPublisher.translate(e.getCause());
    } catch (TimeoutException | KafkaException e) {
      throw EventPublisher.translate(e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
