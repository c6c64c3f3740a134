package dev.lineagegate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.config.Settings;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.testkit.Http;
import dev.lineagegate.testkit.RealStack;
import dev.lineagegate.testkit.TestEvents;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP → lineage.events.v1 → decoded Avro, on the real broker and registry. */
class IngestIT {

  private static final ExecutionEventJson JSON = new ExecutionEventJson();
  private static RealStack stack;
  private static IngestApp ingest;
  private static URI url;
  private static EventsTopic topic;

  @BeforeAll
  static void start() {
    stack = RealStack.shared();
    stack.kafka().createTopics(3, Topics.EVENTS.name());
    ingest = IngestApp.start(config(stack));
    url = ingest.url();
    topic = new EventsTopic(stack.kafka(), stack.serdes());
  }

  @AfterAll
  static void stop() {
    ingest.close();
  }

  static IngestConfig config(final RealStack stack) {
    return builder(stack).build();
  }

  /** Defaults bound to the shared stack, the OpenLineage bridge off. */
  static IngestConfig.Builder builder(final RealStack stack) {
    return IngestConfig.from(
            Settings.merge(IngestConfig.DEFAULTS, null, new Properties(), Map.of()))
        .toBuilder()
        .bind(0, stack.kafka().bootstrapServers(), stack.registry().registryConfig())
        .bridge(new IngestConfig.Bridge(false, "openlineage.events", "unused"));
  }

  @Test
  void shouldPublishThenAnswer202WhenOneEventIsValid() throws Exception {
    // Given
    final Map<TopicPartition, Long> before = topic.endOffsets();
    // When
    final Http.Answer answer = post(JSON.writeString(TestEvents.trainStart()));
    // Then the answer names where the broker stored it
    assertThat(answer.status()).isEqualTo(202);
    final JsonNode receipt = answer.json().path("events").get(0);
    assertThat(answer.json().path("accepted").asInt()).isEqualTo(1);
    assertThat(receipt.path("eventId").asText()).isEqualTo(TestEvents.START_EVENT);
    assertThat(receipt.path("topic").asText()).isEqualTo(Topics.EVENTS.name());
    // and exactly that record is there, keyed by runId
    final List<ConsumerRecord<String, ExecutionEvent>> records = topic.readSince(before, 1);
    assertThat(records).hasSize(1);
    assertThat(records.get(0).key()).isEqualTo(TestEvents.TRAIN_RUN);
    assertThat(records.get(0).value()).isEqualTo(TestEvents.trainStart());
    assertThat(records.get(0).partition()).isEqualTo(receipt.path("partition").asInt());
    assertThat(records.get(0).offset()).isEqualTo(receipt.path("offset").asLong());
  }

  @Test
  void shouldPublishWholeBatchInOrderWhenEveryEventIsValid() throws Exception {
    // Given three events of one run
    final Map<TopicPartition, Long> before = topic.endOffsets();
    final List<ExecutionEvent> batch =
        List.of(TestEvents.trainStart(), TestEvents.trainComplete(), TestEvents.minimalStart());
    // When
    final Http.Answer answer = post(array(batch));
    // Then 202 with three receipts on one partition, in order, and the three records, committed
    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.json().path("accepted").asInt()).isEqualTo(3);
    final List<ConsumerRecord<String, ExecutionEvent>> records = topic.readSince(before, 3);
    assertThat(records).extracting(ConsumerRecord::value).containsExactlyElementsOf(batch);
    for (int i = 0; i < 3; i++) {
      assertThat(records.get(i).offset())
          .isEqualTo(answer.json().path("events").get(i).path("offset").asLong());
    }
  }

  @Test
  void shouldWriteEveryConcurrentBatchExactlyOnceWhenTheyShareTransactions() throws Exception {
    // Given 12 batch requests of 3 events each, sent at once (group commit may join them)
    final Map<TopicPartition, Long> before = topic.endOffsets();
    final List<List<ExecutionEvent>> batches = new java.util.ArrayList<>();
    for (int b = 0; b < 12; b++) {
      final List<ExecutionEvent> batch = new java.util.ArrayList<>();
      for (int e = 0; e < 3; e++) {
        batch.add(
            ExecutionEvent.newBuilder(TestEvents.minimalStart())
                .setEventId("concurrent-" + b + "-" + e)
                .build());
      }
      batches.add(batch);
    }
    // When
    final List<java.util.concurrent.CompletableFuture<Http.Answer>> answers =
        batches.stream()
            .map(
                batch ->
                    java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            return post(array(batch));
                          } catch (Exception e) {
                            throw new IllegalStateException(e);
                          }
                        }))
            .toList();
    // Then every request is accepted and every event is there exactly once
    for (final java.util.concurrent.CompletableFuture<Http.Answer> answer : answers) {
      assertThat(answer.get(60, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(202);
    }
    assertThat(topic.readSince(before, 36))
        .extracting(r -> r.value().getEventId())
        .containsExactlyInAnyOrderElementsOf(
            batches.stream().flatMap(List::stream).map(ExecutionEvent::getEventId).toList());
  }

  @Test
  void shouldRefuseWholeBatchAndWriteNothingWhenOneEventIsInvalid() throws Exception {
    // Given a batch whose second and third events break the contract
    final Map<TopicPartition, Long> before = topic.endOffsets();
    final String body =
        "["
            + JSON.writeString(TestEvents.trainStart())
            + ","
            + JSON.writeString(TestEvents.trainStart())
                .replace(TestEvents.FEATURES_V1.value(), "sha256:nope")
            + ","
            + JSON.writeString(TestEvents.minimalStart())
                .replace("\"step\":\"train\"", "\"step\":\"\"")
            + "]";
    // When
    final Http.Answer answer = post(body);
    // Then 400 naming both fields, and the topic did not move
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().path("type").asText())
        .isEqualTo("https://lineage-gate.dev/problems/invalid-event");
    assertThat(answer.json().path("errors").toString())
        .isEqualTo("[{\"pointer\":\"/2/run/step\",\"detail\":\"must not be blank\"}]");
    // the digest error is a contract error, reported once the schema errors are fixed
    final Http.Answer contract =
        post(
            "["
                + JSON.writeString(TestEvents.trainStart())
                + ","
                + JSON.writeString(TestEvents.trainStart())
                    .replace(TestEvents.FEATURES_V1.value(), "sha256:nope")
                + "]");
    assertThat(contract.status()).isEqualTo(400);
    assertThat(contract.json().path("errors").toString())
        .isEqualTo(
            "[{\"pointer\":\"/1/inputs/0/digest\",\"detail\":\"must be sha256:<64 lowercase hex>,"
                + " got \\\"sha256:nope\\\"\"}]");
    assertThat(topic.endOffsets()).isEqualTo(before);
  }

  @Test
  void shouldAcceptBothTimesWhenTheSameEventIdIsSentTwice() throws Exception {
    final Map<TopicPartition, Long> before = topic.endOffsets();
    assertThat(post(JSON.writeString(TestEvents.trainComplete())).status()).isEqualTo(202);
    assertThat(post(JSON.writeString(TestEvents.trainComplete())).status()).isEqualTo(202);
    // Both land, on one partition (key = runId): the topology drops the second by eventId.
    final List<ConsumerRecord<String, ExecutionEvent>> records = topic.readSince(before, 2);
    assertThat(records)
        .extracting(ConsumerRecord::value)
        .containsExactly(TestEvents.trainComplete(), TestEvents.trainComplete());
    assertThat(records.get(0).partition()).isEqualTo(records.get(1).partition());
  }

  @Test
  void shouldAnswerProblemsWhenBodyIsNotJsonTooLargeOrUnparsable() throws Exception {
    final Map<TopicPartition, Long> before = topic.endOffsets();
    final Http.Answer text = Http.post(url, "/v1/events", "text/plain", "START train");
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.json().path("detail").asText())
        .isEqualTo("send application/json, not text/plain");

    final String huge = "[\"" + "x".repeat(1024 * 1024) + "\"]";
    final Http.Answer tooLarge = post(huge);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.json().path("detail").asText())
        .isEqualTo("the body is larger than 1048576 bytes");

    final Http.Answer broken = post("{\"eventId\": ");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().path("errors").get(0).path("detail").asText())
        .startsWith("not valid JSON");

    final Http.Answer empty = post("[]");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(topic.endOffsets()).isEqualTo(before);
  }

  @Test
  void shouldReportHealthAndMetricsWhenAsked() throws Exception {
    post(JSON.writeString(TestEvents.minimalStart()));
    final Http.Answer health = Http.get(url, "/healthz");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text()).isEqualTo("{\"status\":\"UP\"}");
    final Http.Answer metrics = Http.get(url, "/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text())
        .contains(
            "http_server_requests_seconds_count{method=\"POST\",route=\"/v1/events\",status=\"202\"}")
        .contains("kafka_producer_record_send_total")
        .contains("jvm_memory_used_bytes");
    assertThat(Http.get(url, "/nowhere").status()).isEqualTo(404);
  }

  private static Http.Answer post(final String body) throws Exception {
    return Http.post(url, "/v1/events", "application/json", body);
  }

  private static String array(final List<ExecutionEvent> events) {
    return "[" + String.join(",", events.stream().map(JSON::writeString).toList()) + "]";
  }
}
