package dev.lineagegate.lineagestream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.AlertKind;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.Http;
import dev.lineagegate.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events that stopped every verdict for every pipeline (issue #12), sent straight to {@code
 * lineage.events.v1} as another path than ingest would: each is dead-lettered or bounded, a canary
 * run sent after it gets its verdict, health stays up, and so it stays after a restart on the same
 * state.
 */
class OversizeIT {

  private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  private static StreamStack stack;

  @TempDir static Path state;

  @BeforeAll
  static void start() {
    stack = StreamStack.start();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void shouldKeepEveryOtherPipelineGoingWhenHugeEventsArriveAndAfterARestart() {
    final String applicationId = "lineage-stream-oversize-" + UUID.randomUUID();
    final Map<TopicPartition, Long> dlq = stack.end(Topics.EVENTS_DLQ);
    final Map<TopicPartition, Long> alerts = stack.end(Topics.ALERTS);
    try (LineageStreamApp app = LineageStreamApp.start(stack.config(applicationId, state))) {
      // Given a COMPLETE whose output name is 600 KB
      final ExecutionEvent hugeName =
          withOutputName(Runs.complete(700), "s3://" + "n".repeat(600_000));
      stack.send(Runs.start(700), AT);
      stack.send(hugeName, AT);
      // Then a canary sent after it gets its verdict, and health stays up
      canary(app, 701);

      // Given three STARTs of one run with a 400 KB producer each
      for (int i = 0; i < 3; i++) {
        stack.send(
            ExecutionEvent.newBuilder(Runs.start(702))
                .setEventId(TestEvents.eventId(Runs.runId(702), "start " + i))
                .setProducer("p".repeat(400_000))
                .build(),
            AT);
      }
      canary(app, 703);

      // Given a run whose events, each of a fair size, list more outputs than a run keeps
      final List<Digest> outputs = new ArrayList<>();
      for (int e = 0; e < 6; e++) {
        final List<OutputArtifact> listed = new ArrayList<>();
        for (int o = 0; o < 50; o++) {
          final Digest digest = Digest.sha256("wide output " + e + " " + o);
          outputs.add(digest);
          listed.add(TestEvents.output("s3://wide/" + "w".repeat(900) + e + "-" + o, digest));
        }
        stack.send(
            ExecutionEvent.newBuilder(Runs.complete(704))
                .setEventId(TestEvents.eventId(Runs.runId(704), "complete " + e))
                .setOutputs(listed)
                .build(),
            AT);
      }
      canary(app, 705);
      // Then the events not kept are on the dead-letter topic, with a STATE_LIMIT alert for the
      // wide run, and its outputs carry STATE_LIMIT
      final List<ConsumerRecord<byte[], byte[]>> dead = stack.deadLetters(dlq, 2);
      assertThat(dead)
          .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
          .contains(Runs.runId(704));
      final List<ConsumerRecord<String, Alert>> raised = stack.alerts(alerts, 1);
      assertThat(raised).extracting(r -> r.value().getKind()).contains(AlertKind.STATE_LIMIT);
      assertThat(
              verdictShowing(app, outputs.get(0), ReasonCode.STATE_LIMIT)
                  .path("reasons")
                  .toString())
          .contains(ReasonCode.STATE_LIMIT.name());
    }

    // When it restarts on the same state directory, it still processes new runs
    try (LineageStreamApp again = LineageStreamApp.start(stack.config(applicationId, state))) {
      canary(again, 706);
    }
  }

  /** A run sent now gets both verdicts, and /healthz answers 200 all along. */
  private static void canary(final LineageStreamApp app, final int run) {
    stack.send(Runs.start(run), AT);
    stack.send(Runs.complete(run), AT);
    assertThat(verdict(app, Runs.model(run)).path("status").asText()).isEqualTo("PASS");
    final Http.Answer health = get(app, "/healthz");
    assertThat(health.status()).as(health.text()).isEqualTo(200);
  }

  private static JsonNode verdict(final LineageStreamApp app, final Digest digest) {
    final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Http.Answer answer = null;
    while (System.nanoTime() < deadline) {
      answer = get(app, "/v1/artifacts/" + digest.value() + "/verdict");
      if (answer.status() == 200) {
        return answer.json();
      }
      sleep();
    }
    throw new AssertionError(
        "no verdict for " + digest + ": " + answer.status() + " " + answer.text());
  }

  /**
   * The verdict of {@code digest} once it shows {@code code}, or the last one read: its first
   * verdict may come before the event that took the run past its bound is read (the canary's, on
   * another task, does not wait for it).
   */
  private static JsonNode verdictShowing(
      final LineageStreamApp app, final Digest digest, final ReasonCode code) {
    final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode last = verdict(app, digest);
    while (!last.path("reasons").toString().contains(code.name()) && System.nanoTime() < deadline) {
      sleep();
      last = verdict(app, digest);
    }
    return last;
  }

  private static Http.Answer get(final LineageStreamApp app, final String path) {
    try {
      return Http.get(app.url(), path);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static ExecutionEvent withOutputName(final ExecutionEvent event, final String name) {
    final OutputArtifact output =
        OutputArtifact.newBuilder(event.getOutputs().get(0)).setName(name).build();
    return ExecutionEvent.newBuilder(event).setOutputs(List.of(output)).build();
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
