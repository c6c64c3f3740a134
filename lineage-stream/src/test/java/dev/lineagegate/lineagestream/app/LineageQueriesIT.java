package dev.lineagegate.lineagestream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.testkit.Http;
import dev.lineagegate.testkit.TestEvents;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queries of DESIGN.md §6.3 over HTTP, answered from the state the train run of TestEvents and
 * one run of {@link Runs} left on a real broker and registry.
 */
@Timeout(60)
class LineageQueriesIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The record timestamp of every event sent: the evaluatedAt of the verdicts. */
  private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @TempDir static Path stateDir;
  private static StreamStack stack;
  private static LineageStreamApp app;

  @BeforeAll
  static void start() {
    stack = StreamStack.start();
    app = LineageStreamApp.start(stack.config("lineage-queries-it-" + UUID.randomUUID(), stateDir));
    final Map<TopicPartition, Long> verdicts = stack.end(Topics.VERDICTS);
    stack.send(TestEvents.trainStart(), AT);
    stack.send(TestEvents.trainComplete(), AT);
    stack.send(Runs.start(1), AT);
    stack.send(Runs.complete(1), AT);
    assertThat(stack.verdicts(verdicts, 4)).hasSize(4);
  }

  @AfterAll
  static void stop() {
    app.close();
    stack.close();
  }

  @Test
  void shouldAnswerTheVerdictAsDesignedWhenTheModelIsKnown() throws Exception {
    // When
    final Http.Answer answer =
        Http.get(app.url(), "/v1/artifacts/" + TestEvents.MODEL_V1.value() + "/verdict");
    // Then the §6.3 document, field for field
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    final String recipe =
        Verdicts.output(
                TestEvents.MODEL_V1.value(),
                TestEvents.MODEL,
                TestEvents.trainStart(),
                TestEvents.trainComplete(),
                AT)
            .getRecipe();
    assertThat(answer.json())
        .isEqualTo(
            JSON.readTree(
                """
                {"artifact": "%s", "name": "model:churn", "status": "PASS", "reasons": [],
                 "reproducibility": {"grade": "FULL", "gaps": []},
                 "producingRunId": "%s", "recipe": "%s", "reproducedBy": [],
                 "policyVersion": "%s", "sequence": 1, "evaluatedAt": "%s"}
                """
                    .formatted(
                        TestEvents.MODEL_V1.value(),
                        TestEvents.TRAIN_RUN,
                        recipe,
                        Policy.defaults().version().value(),
                        AT)));
  }

  @Test
  void shouldAnswerProblemsWhenTheDigestIsUnknownOrMalformed() throws Exception {
    // When
    final Http.Answer unknown =
        Http.get(app.url(), "/v1/artifacts/" + TestEvents.MODEL_V0.value() + "/verdict");
    final Http.Answer malformed = Http.get(app.url(), "/v1/artifacts/sha256:abc/verdict");
    // Then
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.json().path("status").asInt()).isEqualTo(404);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("detail").asText()).contains("sha256:abc");
  }

  @Test
  void shouldListVersionsNewestFirstWhenTheNameIsKnown() throws Exception {
    // When
    final Http.Answer model = Http.get(app.url(), "/v1/names/model%3Achurn/versions");
    final Http.Answer unknown = Http.get(app.url(), "/v1/names/model%3Anone/versions");
    // Then
    assertThat(model.status()).isEqualTo(200);
    final JsonNode versions = model.json().path("versions");
    assertThat(versions).hasSize(1);
    assertThat(versions.get(0).path("digest").asText()).isEqualTo(TestEvents.MODEL_V1.value());
    assertThat(versions.get(0).path("producingRunId").asText()).isEqualTo(TestEvents.TRAIN_RUN);
    assertThat(versions.get(0).path("status").asText()).isEqualTo("PASS");
    assertThat(versions.get(0).path("producedAt").asText()).isNotBlank();
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void shouldFindTheNameWhenItHoldsSlashesEncoded() throws Exception {
    // When
    final Http.Answer answer =
        Http.get(app.url(), "/v1/names/" + Runs.encodedModelName(1) + "/versions");
    // Then
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.json().path("name").asText()).isEqualTo(Runs.modelName(1));
    assertThat(answer.json().path("versions").get(0).path("digest").asText())
        .isEqualTo(Runs.model(1).value());
  }

  @Test
  void shouldShowInputRunAndModelWhenLineageIsAskedUpstream() throws Exception {
    // When
    final String path = "/v1/lineage/" + TestEvents.MODEL_V1.value() + "?direction=upstream";
    final Http.Answer json = Http.get(app.url(), path);
    final Http.Answer dot = Http.get(app.url(), path + "&format=dot");
    // Then
    assertThat(json.status()).isEqualTo(200);
    final String run = "run:" + TestEvents.TRAIN_RUN;
    final String features = TestEvents.FEATURES_V1.value();
    final String model = TestEvents.MODEL_V1.value();
    assertThat(json.json().path("nodes"))
        .extracting(n -> n.path("id").asText() + " " + n.path("kind").asText())
        .containsExactlyInAnyOrder(model + " artifact", run + " run", features + " artifact");
    assertThat(json.json().path("edges"))
        .extracting(e -> e.path("from").asText() + " -> " + e.path("to").asText())
        .containsExactlyInAnyOrder(features + " -> " + run, run + " -> " + model);
    assertThat(dot.status()).isEqualTo(200);
    assertThat(dot.contentType()).startsWith("text/vnd.graphviz");
    assertThat(dot.text()).startsWith("digraph");
  }

  @Test
  void shouldShowTheConsumerWhenLineageIsAskedDownstreamOfTheInput() throws Exception {
    // When
    final Http.Answer json =
        Http.get(
            app.url(),
            "/v1/lineage/" + TestEvents.FEATURES_V1.value() + "?direction=downstream&depth=2");
    // Then
    assertThat(json.status()).isEqualTo(200);
    final String run = "run:" + TestEvents.TRAIN_RUN;
    assertThat(json.json().path("edges"))
        .extracting(e -> e.path("from").asText() + " -> " + e.path("to").asText())
        .containsExactlyInAnyOrder(
            TestEvents.FEATURES_V1.value() + " -> " + run,
            run + " -> " + TestEvents.MODEL_V1.value());
  }

  @Test
  void shouldShowDatasetsAndJobsWhenLineageIsAskedByName() throws Exception {
    // When the input, read by digest and produced by no run, is asked about by name
    final String path =
        "/v1/lineage?name=" + URLEncoder.encode(TestEvents.FEATURES, StandardCharsets.UTF_8);
    final JsonNode json = awaitName(path + "&direction=both", "PASS");
    final Http.Answer dot = Http.get(app.url(), path + "&format=dot");
    final Http.Answer unknown = Http.get(app.url(), "/v1/lineage?name=nothing%3Aknown");
    // Then its reader and what that wrote: the name-level view of the train run
    assertThat(json)
        .isEqualTo(
            JSON.readTree(
                """
                {"root": "dataset:%1$s", "direction": "both", "depth": 3, "truncated": false,
                 "nodes": [
                  {"id": "dataset:%1$s", "kind": "dataset", "name": "%1$s", "status": "PASS",
                   "versions": 0},
                  {"id": "job:train", "kind": "job", "step": "train", "lastRunId": "%2$s",
                   "status": "PASS"},
                  {"id": "dataset:model:churn", "kind": "dataset", "name": "model:churn",
                   "status": "PASS", "versions": 1}],
                 "edges": [
                  {"from": "dataset:%1$s", "to": "job:train"},
                  {"from": "job:train", "to": "dataset:model:churn"}]}
                """
                    .formatted(TestEvents.FEATURES, TestEvents.TRAIN_RUN)));
    assertThat(dot.status()).isEqualTo(200);
    assertThat(dot.text()).contains("\"job:train\" [shape=ellipse");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
  }

  /**
   * The name-level answer once the root dataset has {@code status}: a name only read learns its
   * digest from a graph message that may follow the verdicts.
   */
  private static JsonNode awaitName(final String path, final String status) throws Exception {
    final long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    Http.Answer answer = Http.get(app.url(), path);
    while (System.nanoTime() < deadline
        && !(answer.status() == 200
            && status.equals(answer.json().path("nodes").path(0).path("status").asText()))) {
      Thread.sleep(100);
      answer = Http.get(app.url(), path);
    }
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json();
  }

  @Test
  void shouldReportRunningAndMetricsWhenStarted() throws Exception {
    // When
    final Http.Answer health = Http.get(app.url(), "/healthz");
    final Http.Answer metrics = Http.get(app.url(), "/metrics");
    // Then
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("state").asText()).isEqualTo("RUNNING");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("kafka_stream").contains("http_server_requests");
  }
}
