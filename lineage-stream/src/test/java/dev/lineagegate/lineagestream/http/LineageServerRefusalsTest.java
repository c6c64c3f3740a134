package dev.lineagegate.lineagestream.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.lineagestream.query.LocalStores;
import dev.lineagegate.lineagestream.query.QueryService;
import dev.lineagegate.lineagestream.query.RemoteStores;
import dev.lineagegate.lineagestream.query.RoutedStores;
import dev.lineagegate.lineagestream.query.StreamsRef;
import dev.lineagegate.testkit.RawHttp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests Jetty refuses before a route sees them, written byte by byte on a socket: each answer is
 * an RFC 9457 problem like every other answer, not Jetty's HTML page. (No route of lineage-stream
 * reads a body, so it has no 413.)
 */
class LineageServerRefusalsTest {

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

  @Test
  void shouldAnswerBadRequestProblemWhenThePathHoldsANul() throws Exception {
    // When
    final RawHttp.Answer answer = RawHttp.get(server.port(), "/v1/names/a%00b/versions");
    // Then
    final JsonNode problem = assertProblem(answer, 400, "bad-request");
    assertThat(answer.body()).doesNotContain("\u0000").doesNotContain("\\u0000");
    assertThat(problem.path("instance").isMissingNode() || problem.path("instance").isTextual())
        .isTrue();
  }

  @Test
  void shouldAnswerBadRequestProblemWhenThePathEndsInACutEscape() throws Exception {
    // When a path ends in "%4" before its query: Jetty's lenient URI rules (names hold %2F) let it
    // through, and Javalin's decoding of the path parameter threw, a 500
    final RawHttp.Answer cut = RawHttp.get(server.port(), "/v1/lineage/a%4?depth=1");
    final RawHttp.Answer bare = RawHttp.get(server.port(), "/v1/lineage/%?depth=1");
    // Then
    assertThat(assertProblem(cut, 400, "bad-request").path("detail").asText())
        .isEqualTo(
            "the request is malformed and was refused before routing: a % in the path is not"
                + " followed by two hexadecimal digits");
    assertProblem(bare, 400, "bad-request");
  }

  @Test
  void shouldAnswerUriTooLongProblemWhenTheUriHolds70Kb() throws Exception {
    // Given
    final String target = "/v1/names/" + "a".repeat(70 * 1024) + "/versions";
    // When
    final RawHttp.Answer answer = RawHttp.get(server.port(), target);
    // Then the URI does not come back
    assertProblem(answer, 414, "uri-too-long");
    assertThat(answer.body()).hasSizeLessThan(1024).doesNotContain("aaaaaaaa");
  }

  @Test
  void shouldAnswerHeadersTooLargeProblemWhenTheHeadersHold40Kb() throws Exception {
    // When
    final RawHttp.Answer answer =
        RawHttp.get(
            server.port(), "/healthz", "Host: 127.0.0.1", "X-Filler: " + "h".repeat(40 * 1024));
    // Then
    assertProblem(answer, 431, "headers-too-large");
    assertThat(answer.body()).hasSizeLessThan(1024);
  }

  @Test
  void shouldAnswerBadRequestProblemWhenHostIsSentTwice() throws Exception {
    // When
    final RawHttp.Answer answer =
        RawHttp.get(server.port(), "/healthz", "Host: 127.0.0.1", "Host: example.org");
    // Then
    final JsonNode problem = assertProblem(answer, 400, "bad-request");
    assertThat(problem.path("detail").asText()).containsIgnoringCase("host");
  }

  /** Status, media type and the problem's fields; the body parses as JSON or this fails. */
  private static JsonNode assertProblem(
      final RawHttp.Answer answer, final int status, final String slug) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    final JsonNode problem = answer.json();
    assertThat(problem.path("type").asText())
        .isEqualTo("https://lineage-gate.dev/problems/" + slug);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("detail").asText()).isNotBlank();
    return problem;
  }
}
