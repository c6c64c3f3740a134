package dev.lineagegate.lineagestream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.lineagestream.rules.Alerts;
import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.testkit.Http;
import dev.lineagegate.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * lineage-stream end to end on a real broker and registry: events in, verdicts, dead letters and
 * alerts out. The tests build on each other in order (the train run, a poison pill, then a restart
 * from nothing but the changelogs), as one session of the service would. The queries are in {@link
 * LineageQueriesIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(60)
class LineageStreamIT {

  private static final String POISON_RUN = "5c0b7e2a-1d3f-4b6a-8e9c-0a1b2c3d4e5f";

  @TempDir static Path stateDir;
  private static StreamStack stack;
  private static String applicationId;
  private static LineageStreamApp app;

  /** The record timestamp of the train run's events: the evaluatedAt of its verdicts. */
  private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @BeforeAll
  static void start() {
    stack = StreamStack.start();
    applicationId = "lineage-stream-it-" + UUID.randomUUID();
    app = LineageStreamApp.start(stack.config(applicationId, stateDir));
  }

  @AfterAll
  static void stop() {
    app.close();
    stack.close();
  }

  @Test
  @Order(1)
  void shouldEmitVerdictsOfModelAndInputWhenTrainRunCompletes() {
    // Given
    final Map<TopicPartition, Long> verdicts = stack.end(Topics.VERDICTS);
    final Map<TopicPartition, Long> alerts = stack.end(Topics.ALERTS);
    final Map<TopicPartition, Long> dlq = stack.end(Topics.EVENTS_DLQ);
    // When
    stack.send(TestEvents.trainStart(), AT);
    stack.send(TestEvents.trainComplete(), AT);
    // Then exactly the two verdicts, keyed by artifact, and nothing else anywhere
    final List<ConsumerRecord<String, Verdict>> records = stack.verdicts(verdicts, 2);
    assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getArtifact()));
    assertThat(records)
        .extracting(ConsumerRecord::value)
        .containsExactlyInAnyOrder(
            Verdicts.input(TestEvents.FEATURES_V1.value(), TestEvents.FEATURES, AT),
            Verdicts.output(
                TestEvents.MODEL_V1.value(),
                TestEvents.MODEL,
                TestEvents.trainStart(),
                TestEvents.trainComplete(),
                AT));
    assertThat(stack.alerts(alerts, 0)).isEmpty();
    assertThat(stack.deadLetters(dlq, 0)).isEmpty();
  }

  @Test
  @Order(2)
  void shouldDeadLetterAndAlertThenGoOnWhenAnEventIsNotAvro() {
    // Given bytes that do not start with the Confluent magic byte 0
    final Map<TopicPartition, Long> verdicts = stack.end(Topics.VERDICTS);
    final Map<TopicPartition, Long> alerts = stack.end(Topics.ALERTS);
    final Map<TopicPartition, Long> dlq = stack.end(Topics.EVENTS_DLQ);
    final byte[] poison = {7, 1, 2, 3};
    // When
    final RecordMetadata at = stack.sendRaw(POISON_RUN, poison, AT);
    // Then the original key and bytes are on the dead-letter topic, with where they came from
    final List<ConsumerRecord<byte[], byte[]>> dead = stack.deadLetters(dlq, 1);
    assertThat(dead).hasSize(1);
    final ConsumerRecord<byte[], byte[]> letter = dead.get(0);
    assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo(POISON_RUN);
    assertThat(letter.value()).isEqualTo(poison);
    assertThat(DeadLetter.header(letter.headers(), DeadLetter.TOPIC))
        .isEqualTo(Topics.EVENTS.name());
    assertThat(DeadLetter.header(letter.headers(), DeadLetter.PARTITION))
        .isEqualTo(Integer.toString(at.partition()));
    assertThat(DeadLetter.header(letter.headers(), DeadLetter.OFFSET))
        .isEqualTo(Long.toString(at.offset()));
    assertThat(DeadLetter.header(letter.headers(), DeadLetter.EXCEPTION)).isNotBlank();
    final String message = DeadLetter.header(letter.headers(), DeadLetter.MESSAGE);
    assertThat(message).isNotBlank();
    // and on-call gets one MALFORMED_EVENT alert, keyed by the run
    final List<ConsumerRecord<String, Alert>> raised = stack.alerts(alerts, 1);
    assertThat(raised).hasSize(1);
    assertThat(raised.get(0).key()).isEqualTo(POISON_RUN);
    assertThat(raised.get(0).value())
        .isEqualTo(
            Alerts.malformedEvent(
                Topics.EVENTS.name(), at.partition(), at.offset(), POISON_RUN, message, AT));
    // When a good run follows
    stack.send(Runs.start(1), AT);
    stack.send(Runs.complete(1), AT);
    // Then it is processed as usual
    assertThat(stack.verdicts(verdicts, 2))
        .extracting(ConsumerRecord::value)
        .containsExactlyInAnyOrder(
            Verdicts.input(Runs.features(1).value(), Runs.featuresName(1), AT),
            Verdicts.output(
                Runs.model(1).value(), Runs.modelName(1), Runs.start(1), Runs.complete(1), AT));
  }

  @Test
  @Order(4)
  void shouldServeTheSameVerdictsAndEmitNothingWhenRestartedFromAnEmptyStateDir() throws Exception {
    // Given the verdict served now, then the app stopped and its state deleted
    final String path = "/v1/artifacts/" + TestEvents.MODEL_V1.value() + "/verdict";
    final JsonNode before = Http.get(app.url(), path).json();
    app.close();
    deleteTree(stateDir);
    final Map<TopicPartition, Long> verdicts = stack.end(Topics.VERDICTS);
    // When it starts again under the same application id
    app = LineageStreamApp.start(stack.config(applicationId, stateDir));
    // Then the stores are back from their changelogs, and nothing was evaluated again
    assertThat(Http.get(app.url(), path).json()).isEqualTo(before);
    assertThat(Http.get(app.url(), "/v1/artifacts/" + Runs.model(1).value() + "/verdict").status())
        .isEqualTo(200);
    assertThat(stack.verdicts(verdicts, 0)).isEmpty();
  }

  private static void deleteTree(final Path root) throws Exception {
    try (var paths = Files.walk(root)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .filter(p -> !p.equals(root))
          .forEach(p -> p.toFile().delete());
    }
    assertThat(root).isEmptyDirectory();
  }
}
