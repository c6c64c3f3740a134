package dev.lineagegate.ingest.publish;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.ingest.IngestConfig;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.registry.RegistryUnavailableException;
import dev.lineagegate.schema.registry.SchemaRegistryException;
import dev.lineagegate.schema.serde.SerdeFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Publishes events to {@code lineage.events.v1} and returns only once the broker acknowledged them.
 * One event goes through a shared idempotent producer (one record is atomic already); a batch is
 * one Kafka transaction, so consumers (read_committed, as Kafka Streams with exactly_once_v2 reads)
 * see all of it or none of it.
 */
public final class EventPublisher implements AutoCloseable {

  private final IngestConfig config;
  private final Serializer<String> keys;
  private final Serializer<ExecutionEvent> values;
  private final Producer<String, ExecutionEvent> single;
  private final KafkaClientMetrics singleMetrics;
  private final GroupCommitter batches;

  public EventPublisher(
      final IngestConfig config, final SerdeFactory serdes, final MeterRegistry meters) {
    this.config = config;
    this.keys = serdes.keySerde(Topics.EVENTS).serializer();
    this.values = serdes.valueSerde(Topics.EVENTS).serializer();
    this.single =
        new KafkaProducer<>(ProducerSettings.common(config, "lineage-gate-ingest"), keys, values);
    this.singleMetrics = new KafkaClientMetrics(single);
    singleMetrics.bindTo(meters);
    this.batches = new GroupCommitter(config, keys, values, meters);
  }

  /**
   * Publishes {@code events} in order, all or nothing.
   *
   * @throws BrokerUnavailableException when the broker or the registry did not answer in time
   * @throws RecordTooLargeException when one event exceeds the broker's record size limit
   */
  public List<Receipt> publish(final List<ExecutionEvent> events) {
    if (events.size() == 1) {
      return List.of(publishOne(events.get(0)));
    }
    return batches.publish(events);
  }

  private Receipt publishOne(final ExecutionEvent event) {
    try {
      final Future<RecordMetadata> sent = single.send(record(event));
      return receipt(
          event, sent.get(config.produceTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    } catch (ExecutionException e) {
      throw translate(e.getCause());
    } catch (TimeoutException | KafkaException e) {
      throw translate(e);
    }
  }

  /** Key = runId: every event of one run lands on one partition, in the order it was sent. */
  static ProducerRecord<String, ExecutionEvent> record(final ExecutionEvent event) {
    return new ProducerRecord<>(Topics.EVENTS.name(), event.getRun().getRunId(), event);
  }

  static Receipt receipt(final ExecutionEvent event, final RecordMetadata metadata) {
    return new Receipt(
        event.getEventId(), metadata.topic(), metadata.partition(), metadata.offset());
  }

  /**
   * Permanent problems pass through; anything that may heal with time becomes a 503. The cause
   * chain is searched: a transaction reports a failed send wrapped in "in error state".
   */
  static RuntimeException translate(final Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnavailableException) {
        return unavailable(cause);
      }
      if (t instanceof RecordTooLargeException tooLarge) {
        return tooLarge;
      }
      if (t instanceof SerializationException || t instanceof SchemaRegistryException) {
        return (RuntimeException) t; // a bug or a refused schema: waiting will not help
      }
    }
    return unavailable(cause);
  }

  static BrokerUnavailableException unavailable(final Throwable cause) {
    return new BrokerUnavailableException("Kafka did not acknowledge in time: " + cause, cause);
  }

  @Override
  public void close() {
    batches.close();
    singleMetrics.close();
    single.close(Duration.ofSeconds(5));
  }
}
