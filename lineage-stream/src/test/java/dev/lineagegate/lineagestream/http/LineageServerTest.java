package dev.lineagegate.lineagestream.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.lineagestream.query.LocalStores;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server before Kafka Streams exists: what a client sees while the service starts. */
class LineageServerTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private LineageServer server;

  @BeforeEach
  void start() {
    final StreamsRef ref = new StreamsRef();
    final LocalStores local = new LocalStores(ref);
    final RoutedStores routed = new RoutedStores(ref, local, new RemoteStores());
    server =
        new LineageServer(
            "127.0.0.1",
            0,
            Duration.ofSeconds(2),
            new QueryService(routed),
            local,
            routed,
            ref,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(final String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenStreamsIsNotRunningYet() throws Exception {
    // When
    final HttpResponse<String> health = get("/healthz");
    final HttpResponse<String> verdict =
        get("/v1/artifacts/" + TestEvents.MODEL_V1.value() + "/verdict");
    final HttpResponse<String> names = get("/v1/lineage?name=model%3Achurn");
    // Then
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).isEqualTo("{\"status\":\"DOWN\",\"state\":\"NOT_CREATED\"}");
    assertThat(verdict.statusCode()).isEqualTo(503);
    assertThat(verdict.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(verdict.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(verdict.body()).contains("\"status\":503").contains("starting");
    assertThat(names.statusCode()).isEqualTo(503);
    assertThat(names.headers().firstValue("Retry-After")).hasValue("2");
  }

  @Test
  void shouldAnswerProblemsWhenTheRequestIsWrongWhateverTheState() throws Exception {
    // When
    final HttpResponse<String> digest = get("/v1/artifacts/sha256:nope/verdict");
    final HttpResponse<String> depth =
        get("/v1/lineage/" + TestEvents.MODEL_V1.value() + "?depth=99");
    final HttpResponse<String> route = get("/v2/nothing");
    final HttpResponse<String> name = get("/v1/lineage?name=x&format=svg");
    // Then
    assertThat(digest.statusCode()).isEqualTo(400);
    assertThat(depth.statusCode()).isEqualTo(400);
    assertThat(depth.body()).contains("depth must be a whole number from 1 to 20");
    assertThat(name.statusCode()).isEqualTo(400);
    assertThat(name.body()).contains("format must be json or dot");
    assertThat(route.statusCode()).isEqualTo(404);
    assertThat(route.body()).contains("no route /v2/nothing");
  }

  @Test
  void shouldNameTheParameterWhenAQueryParameterIsWrong() throws Exception {
    // When
    final HttpResponse<String> digest = get("/v1/lineage/sha256:nope");
    final HttpResponse<String> params =
        get("/v1/lineage/" + TestEvents.MODEL_V1.value() + "?direction=sideways&format=xml");
    // Then like every 400 of the services: invalid-request, errors naming each parameter
    assertThat(JSON.readTree(digest.body()))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"https://lineage-gate.dev/problems/invalid-request\","
                    + "\"title\":\"Invalid request\",\"status\":400,"
                    + "\"detail\":\"not a digest: \\\"sha256:nope\\\" (expected"
                    + " sha256:<64 lowercase hex>)\",\"instance\":\"/v1/lineage/sha256:nope\","
                    + "\"errors\":[{\"pointer\":\"/digest\",\"detail\":\"not a digest:"
                    + " \\\"sha256:nope\\\" (expected sha256:<64 lowercase hex>)\"}]}"));
    assertThat(JSON.readTree(params.body()).path("errors").findValuesAsText("pointer"))
        .containsExactly("/direction", "/format");
  }
}
