package dev.lineagegate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.testkit.Http;
import dev.lineagegate.testkit.KafkaBroker;
import dev.lineagegate.testkit.RealStack;
import dev.lineagegate.testkit.TestEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A broker of its own, stopped and started again under a running ingest: 503 with Retry-After in
 * bounded time, nothing of a refused batch visible, and recovery without a restart of ingest.
 */
class BrokerOutageIT {

  private static final ExecutionEventJson JSON = new ExecutionEventJson();
  private static final Duration PRODUCE_TIMEOUT = Duration.ofSeconds(2);

  @Test
  void shouldAnswer503ThenRecoverWhenTheBrokerStopsAndReturns() throws Exception {
    final RealStack shared = RealStack.shared();
    try (KafkaBroker kafka = KafkaBroker.start()) {
      kafka.createTopics(2, Topics.EVENTS.name(), Topics.EVENTS_DLQ.name(), "openlineage.events");
      final IngestConfig config =
          IngestIT.builder(shared)
              .bind(0, kafka.bootstrapServers(), shared.registry().registryConfig())
              .limits(1 << 20, PRODUCE_TIMEOUT)
              .bridge(new IngestConfig.Bridge(true, "openlineage.events", "outage-bridge"))
              .build();
      try (IngestApp ingest = IngestApp.start(config)) {
        final EventsTopic topic = new EventsTopic(kafka, shared.serdes());
        final Map<TopicPartition, Long> before = topic.endOffsets();
        // Given ingest working against a live broker
        assertThat(post(ingest, JSON.writeString(TestEvents.trainStart())).status()).isEqualTo(202);

        // When the broker stops
        kafka.stopBroker();
        // Then a single event and a batch are both refused with 503 + Retry-After, in bounded time
        final long begin = System.nanoTime();
        final Http.Answer single = post(ingest, JSON.writeString(TestEvents.trainComplete()));
        final Http.Answer batch = post(ingest, batchOfTwo());
        final Duration took = Duration.ofNanos(System.nanoTime() - begin);
        assertThat(single.status()).isEqualTo(503);
        assertThat(single.retryAfter()).isEqualTo("5");
        assertThat(single.json().path("type").asText())
            .isEqualTo("https://lineage-gate.dev/problems/kafka-unavailable");
        assertThat(batch.status()).isEqualTo(503);
        assertThat(took).isLessThan(PRODUCE_TIMEOUT.multipliedBy(2).plusSeconds(6));
        assertThat(Http.get(ingest.url(), "/healthz").status()).isEqualTo(503);

        // When the broker is back
        kafka.restartBroker();
        // Then ingest recovers by itself: the client's retry (same eventIds) is accepted
        final Http.Answer retried = retryUntilAccepted(ingest, batchOfTwo());
        assertThat(retried.status()).isEqualTo(202);

        // And the OpenLineage bridge, which ran through the outage, still bridges
        final String openLineage = OpenLineageFixtures.text("event_simple.json");
        try (KafkaProducer<String, String> raw =
            new KafkaProducer<>(
                kafka.producerConfig(), new StringSerializer(), new StringSerializer())) {
          raw.send(new ProducerRecord<>("openlineage.events", openLineage)).get();
        }

        // And consumers see the first event, the retried batch and the bridged event once each,
        // nothing of the refusals
        final List<ConsumerRecord<String, ExecutionEvent>> records = topic.readSince(before, 4);
        assertThat(records.subList(0, 3))
            .extracting(ConsumerRecord::value)
            .containsExactly(
                TestEvents.trainStart(), TestEvents.trainComplete(), TestEvents.minimalStart());
        assertThat(records).hasSize(4);
        assertThat(records.get(3).key()).isEqualTo("41fb5137-f0fd-4ee5-ba5c-56f8571d1bd7");
      }
    }
  }

  private static String batchOfTwo() {
    return "["
        + JSON.writeString(TestEvents.trainComplete())
        + ","
        + JSON.writeString(TestEvents.minimalStart())
        + "]";
  }

  private static Http.Answer retryUntilAccepted(final IngestApp ingest, final String body)
      throws Exception {
    final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Http.Answer answer = post(ingest, body);
    while (answer.status() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      answer = post(ingest, body);
    }
    return answer;
  }

  private static Http.Answer post(final IngestApp ingest, final String body) throws Exception {
    return Http.post(ingest.url(), "/v1/events", "application/json", body);
  }
}
