package dev.lineagegate.lineagestream.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.lineagestream.query.LocalStores;
import dev.lineagegate.lineagestream.query.MemoryGraph;
import dev.lineagegate.lineagestream.query.QueryService;
import dev.lineagegate.lineagestream.query.RemoteStores;
import dev.lineagegate.lineagestream.query.RoutedStores;
import dev.lineagegate.lineagestream.query.StreamsRef;
import dev.lineagegate.testkit.TestEvents;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/lineage?name=} over HTTP, answered from stores held in memory. */
class NameLineageHttpTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RAW = "s3://b/raw events";

  private LineageServer server;

  @BeforeEach
  void start() {
    // Given raw (read before any version existed) → clean → daily
    final MemoryGraph graph =
        new MemoryGraph()
            .source(RAW)
            .run("clean", List.of(RAW), "clean", VerdictStatus.WARN)
            .run("aggregate", List.of("clean"), "daily");
    final StreamsRef ref = new StreamsRef();
    final LocalStores local = new LocalStores(ref);
    server =
        new LineageServer(
            "127.0.0.1",
            0,
            Duration.ofSeconds(1),
            new QueryService(graph),
            local,
            new RoutedStores(ref, local, new RemoteStores()),
            ref,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldAnswerDatasetsAndJobsAsJsonWhenANameIsAsked() throws Exception {
    // When
    final HttpResponse<String> answer =
        get("/v1/lineage?name=clean&direction=both&depth=1&format=json");
    // Then
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(JSON.readTree(answer.body()))
        .isEqualTo(
            JSON.readTree(
                """
                {"root": "dataset:clean", "direction": "both", "depth": 1, "truncated": false,
                 "nodes": [
                  {"id": "dataset:clean", "kind": "dataset", "name": "clean", "status": "WARN",
                   "versions": 1},
                  {"id": "job:clean", "kind": "job", "step": "clean", "lastRunId": "%s",
                   "status": "WARN"},
                  {"id": "dataset:%s", "kind": "dataset", "name": "%s", "status": null,
                   "versions": 0},
                  {"id": "job:aggregate", "kind": "job", "step": "aggregate",
                   "lastRunId": "%s", "status": "PASS"},
                  {"id": "dataset:daily", "kind": "dataset", "name": "daily", "status": "PASS",
                   "versions": 1}],
                 "edges": [
                  {"from": "job:clean", "to": "dataset:clean"},
                  {"from": "dataset:%s", "to": "job:clean"},
                  {"from": "dataset:clean", "to": "job:aggregate"},
                  {"from": "job:aggregate", "to": "dataset:daily"}]}
                """
                    .formatted(TestEvents.runId(1), RAW, RAW, TestEvents.runId(2), RAW)));
  }

  @Test
  void shouldFindTheNameWhenItIsEncodedAndAnswerDotWhenAsked() throws Exception {
    // When
    final HttpResponse<String> answer =
        get("/v1/lineage?name=s3%3A%2F%2Fb%2Fraw%20events&direction=downstream&format=dot");
    // Then
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/vnd.graphviz"));
    assertThat(answer.body())
        .startsWith("digraph lineage {")
        .contains("\"dataset:" + RAW + "\" -> \"job:clean\";")
        .contains("\"job:aggregate\" -> \"dataset:daily\";");
  }

  @Test
  void shouldAnswerProblemsWhenTheNameIsUnknownMissingOrTheFormatIsWrong() throws Exception {
    // When
    final HttpResponse<String> unknown = get("/v1/lineage?name=nothing");
    final HttpResponse<String> missing = get("/v1/lineage?direction=upstream");
    final HttpResponse<String> format = get("/v1/lineage?name=clean&format=svg");
    final HttpResponse<String> depth = get("/v1/lineage?name=clean&depth=21");
    // Then
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(unknown.body()).contains("no dataset named nothing is known");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("name is required");
    assertThat(format.statusCode()).isEqualTo(400);
    assertThat(format.body()).contains("format must be json or dot");
    assertThat(depth.statusCode()).isEqualTo(400);
  }

  private HttpResponse<String> get(final String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
