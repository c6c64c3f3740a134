package dev.lineagegate.gate.service;

import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.schema.Topics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the decisions that answer a request (ALLOW, BLOCK, WAIVED) to {@code gate.decisions.v1},
 * key = artifact digest (the artifact task reads them in order with the verdicts), and returns only
 * once the broker acknowledged: an answer is never given for a decision that is not recorded.
 */
public final class DecisionPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionPublisher.class);

  private final Producer<String, GateDecision> producer;
  private final Duration timeout;
  private final Duration retryAfter;

  public DecisionPublisher(
      final Producer<String, GateDecision> producer,
      final Duration timeout,
      final Duration retryAfter) {
    this.producer = producer;
    this.timeout = timeout;
    this.retryAfter = retryAfter;
  }

  public RecordMetadata publish(final GateDecision decision) {
    try {
      final RecordMetadata metadata =
          producer
              .send(new ProducerRecord<>(Topics.DECISIONS.name(), decision.getArtifact(), decision))
              // delivery.timeout.ms is the same timeout: by then the producer has given the record
              // up.
              .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      LOG.debug(
          "decision {} {} of {} at {}/{}@{}",
          decision.getDecisionId(),
          decision.getDecision(),
          decision.getArtifact(),
          metadata.topic(),
          metadata.partition(),
          metadata.offset());
      return metadata;
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("decision {} not acknowledged: {}", decision.getDecisionId(), e.toString());
      throw GateErrors.unavailable(
          "Kafka did not acknowledge the decision in "
              + timeout
              + "; retry with the same requestId",
          retryAfter);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GateErrors.unavailable("interrupted while publishing", retryAfter);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
