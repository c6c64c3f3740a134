package dev.lineagegate.gate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.attest.SigningKey;
import dev.lineagegate.gate.service.GateService;
import dev.lineagegate.gate.service.GateStores;
import dev.lineagegate.gate.service.Tokens;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.testkit.RawHttp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests refused before a route decides, written byte by byte on a socket: by Jetty (a NUL in the
 * path, a URI or headers too large, two Hosts) or by Javalin's body limit (413). Each answer is an
 * RFC 9457 problem like every other answer of the gate, not HTML or plain text. The server runs
 * without Kafka: none of these requests reaches the service.
 */
class GateServerRefusalsTest {

  @TempDir Path keyDir;

  private GateServer server;

  @BeforeEach
  void start() {
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final GateStores stores = new GateStores(Duration.ofSeconds(1));
    // No decisions and no publisher: nothing here gets as far as deciding or publishing.
    final GateService service =
        new GateService(
            Policy.defaults(),
            stores,
            null,
            null,
            Clock.systemUTC(),
            new GateService.Limits(
                Duration.ofDays(30),
                Duration.ofSeconds(5),
                Duration.ZERO,
                Duration.ofSeconds(1),
                16),
            meters);
    server =
        new GateServer(
            "127.0.0.1",
            0,
            Duration.ofSeconds(1),
            service,
            stores,
            Tokens.parse(""),
            SigningKey.loadOrCreate(keyDir),
            meters);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldRefuseNamingTheFieldWhenAPromotionHoldsInvalidUtf8() throws Exception {
    // Given a target holding an overlong "/" (C0 AF), which Jackson alone reads as "prod/"
    final byte[] body =
        concat(
            "{\"artifact\":\"sha256:" + "a".repeat(64) + "\",\"target\":\"prod",
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            "\",\"requestId\":\"r1\"}");
    // When
    final RawHttp.Answer answer = post("/v1/promotions", body);
    // Then refused, not repaired, naming the field
    final JsonNode problem = assertProblem(answer, 400, "invalid-request");
    assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("/target");
    assertThat(problem.at("/errors/0/detail").asText()).startsWith("is not valid UTF-8");
  }

  @Test
  void shouldSayWhereWithoutJacksonsInternalsWhenABodyIsNotJson() throws Exception {
    // When a body is cut inside an object
    final RawHttp.Answer answer =
        post("/v1/promotions", "{\"artifact\":".getBytes(StandardCharsets.UTF_8));
    // Then the line and column, not Jackson's source description or setting names
    final JsonNode problem = assertProblem(answer, 400, "invalid-request");
    assertThat(problem.at("/errors/0/pointer").asText()).isEmpty();
    assertThat(problem.at("/errors/0/detail").asText())
        .isEqualTo(
            "the body is not JSON: Unexpected end-of-input within/between Object entries at line"
                + " 1, column 13");
  }

  @Test
  void shouldAnswerUnsupportedMediaTypeWhenTheTypeOnlyStartsLikeJson() throws Exception {
    // When the media type is application/jsonx (or application/json-seq ...), not JSON
    final RawHttp.Answer answer =
        post("/v1/promotions", "application/jsonx", "{}".getBytes(StandardCharsets.UTF_8));
    // Then 415, as for any type that is not application/json
    assertProblem(answer, 415, "unsupported-media-type");
  }

  private RawHttp.Answer post(final String path, final byte[] body) throws Exception {
    return post(path, "application/json; charset=utf-8", body);
  }

  private RawHttp.Answer post(final String path, final String type, final byte[] body)
      throws Exception {
    return RawHttp.send(
        server.port(),
        "POST "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            + type
            + "\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close",
        body);
  }

  private static byte[] concat(final String head, final byte[] middle, final String tail) {
    final byte[] a = head.getBytes(StandardCharsets.UTF_8);
    final byte[] c = tail.getBytes(StandardCharsets.UTF_8);
    final byte[] all = Arrays.copyOf(a, a.length + middle.length + c.length);
    System.arraycopy(middle, 0, all, a.length, middle.length);
    System.arraycopy(c, 0, all, a.length + middle.length, c.length);
    return all;
  }

  @Test
  void shouldAnswerBadRequestProblemWhenThePathHoldsANul() throws Exception {
    // When
    final RawHttp.Answer answer = RawHttp.get(server.port(), "/v1/gate/a%00b?target=prod");
    // Then
    assertProblem(answer, 400, "bad-request");
    assertThat(answer.body()).doesNotContain("\u0000").doesNotContain("\\u0000");
  }

  @Test
  void shouldAnswerUriTooLongProblemWhenTheUriHolds70Kb() throws Exception {
    // Given
    final String target = "/v1/gate/sha256:" + "a".repeat(70 * 1024) + "?target=prod";
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
            server.port(), "/v1/keys", "Host: 127.0.0.1", "X-Filler: " + "h".repeat(40 * 1024));
    // Then
    assertProblem(answer, 431, "headers-too-large");
    assertThat(answer.body()).hasSizeLessThan(1024);
  }

  @Test
  void shouldAnswerBadRequestProblemWhenHostIsSentTwice() throws Exception {
    // When
    final RawHttp.Answer answer =
        RawHttp.get(server.port(), "/v1/keys", "Host: 127.0.0.1", "Host: example.org");
    // Then
    final JsonNode problem = assertProblem(answer, 400, "bad-request");
    assertThat(problem.path("detail").asText()).containsIgnoringCase("host");
  }

  @Test
  void shouldAnswerTooLargeProblemWhenThePromotionBodyIsOverTheLimit() throws Exception {
    // Given a JSON body past Javalin's limit, which answered plain text before
    final byte[] body = new byte[(int) GateServer.MAX_BODY_BYTES + 1024];
    Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    body[body.length - 1] = '}';
    // When
    final RawHttp.Answer answer =
        RawHttp.send(
            server.port(),
            "POST /v1/promotions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                + "\r\nContent-Length: "
                + body.length
                + "\r\nConnection: close",
            body);
    // Then
    final JsonNode problem = assertProblem(answer, 413, "too-large");
    assertThat(problem.path("detail").asText()).contains(Long.toString(GateServer.MAX_BODY_BYTES));
    assertThat(problem.path("instance").asText()).isEqualTo("/v1/promotions");
    assertThat(answer.body().getBytes(StandardCharsets.UTF_8)).hasSizeLessThan(1024);
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
