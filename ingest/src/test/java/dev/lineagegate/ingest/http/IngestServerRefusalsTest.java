package dev.lineagegate.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.config.Settings;
import dev.lineagegate.ingest.ImportService;
import dev.lineagegate.ingest.IngestConfig;
import dev.lineagegate.ingest.IngestService;
import dev.lineagegate.ingest.OpenLineageService;
import dev.lineagegate.ingest.OpenLineageWarningMeter;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.testkit.GenAiSamples;
import dev.lineagegate.testkit.RawHttp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests refused before a route decides, written byte by byte on a socket (an HTTP client will
 * not send them): each answer is an RFC 9457 problem like every other answer of ingest, not Jetty's
 * HTML page. The server runs without Kafka: none of these requests reaches the publisher.
 */
class IngestServerRefusalsTest {

  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final int MAX_IMAGE_BYTES = 256 * 1024;

  private IngestServer server;

  @BeforeEach
  void start() {
    final IngestConfig defaults =
        IngestConfig.from(Settings.merge(IngestConfig.DEFAULTS, null, new Properties(), Map.of()));
    final IngestConfig config =
        defaults.toBuilder()
            .bind(0, defaults.bootstrapServers(), defaults.registry())
            .limits(MAX_BODY_BYTES, defaults.produceTimeout())
            .maxImageBytes(MAX_IMAGE_BYTES)
            .build();
    // No publisher, metadata publisher or broker health: nothing here gets as far as Kafka.
    final IngestService service =
        new IngestService(new ExecutionEventJson(), null, Clock.systemUTC());
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    server =
        new IngestServer(
            config,
            service,
            new OpenLineageResource(
                new OpenLineageService(), service, null, new OpenLineageWarningMeter(meters)),
            new ImportService(service, Clock.systemUTC()),
            null,
            meters);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldAnswerBadRequestProblemWhenThePathHoldsANul() throws Exception {
    // When
    final RawHttp.Answer answer = RawHttp.get(server.port(), "/v1/events%00x");
    // Then
    assertProblem(answer, 400, "bad-request");
    assertThat(answer.body()).doesNotContain("\u0000").doesNotContain("\\u0000");
  }

  @Test
  void shouldAnswerUriTooLongProblemWhenTheUriHolds70Kb() throws Exception {
    // Given
    final String target = "/v1/events?x=" + "a".repeat(70 * 1024);
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
            server.port(), "/metrics", "Host: 127.0.0.1", "X-Filler: " + "h".repeat(40 * 1024));
    // Then
    assertProblem(answer, 431, "headers-too-large");
    assertThat(answer.body()).hasSizeLessThan(1024);
  }

  @Test
  void shouldAnswerBadRequestProblemWhenHostIsSentTwice() throws Exception {
    // When
    final RawHttp.Answer answer =
        RawHttp.get(server.port(), "/metrics", "Host: 127.0.0.1", "Host: example.org");
    // Then
    final JsonNode problem = assertProblem(answer, 400, "bad-request");
    assertThat(problem.path("detail").asText()).containsIgnoringCase("host");
  }

  @Test
  void shouldAnswerTooLargeProblemWhenTheBodyIsOverTheLimit() throws Exception {
    // Given
    final byte[] body = new byte[MAX_BODY_BYTES + 1024];
    Arrays.fill(body, (byte) ' ');
    body[0] = '[';
    body[body.length - 1] = ']';
    // When
    final RawHttp.Answer answer =
        RawHttp.send(
            server.port(),
            "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                + "\r\nContent-Length: "
                + body.length
                + "\r\nConnection: close",
            body);
    // Then
    final JsonNode problem = assertProblem(answer, 413, "too-large");
    assertThat(problem.path("instance").asText()).isEqualTo("/v1/events");
    assertThat(answer.body().getBytes(StandardCharsets.UTF_8)).hasSizeLessThan(1024);
  }

  @Test
  void shouldNameNoJettyClassWhenAChunkedBodyIsCutByABadChunk() throws Exception {
    // Given a chunked body whose second chunk size is not hexadecimal
    final byte[] body = "9\r\n{\"eventId\"\r\nzz\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    // When
    final RawHttp.Answer answer =
        RawHttp.send(
            server.port(),
            "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                + "\r\nTransfer-Encoding: chunked\r\nConnection: close",
            body);
    // Then a 400 naming the body, in words and not with Jetty's exception (EofException)
    final JsonNode problem = assertProblem(answer, 400, "invalid-event");
    assertThat(problem.at("/errors/0/pointer").asText()).isEmpty();
    assertThat(problem.at("/errors/0/detail").asText())
        .isEqualTo("the body could not be read to its end (cut short or badly framed)");
  }

  @Test
  void shouldAnswerUnsupportedMediaTypeWhenAnImportIsNotSentAsAnImage() throws Exception {
    // When
    final RawHttp.Answer answer = postImport("text/plain", GenAiSamples.bytes(GenAiSamples.A1111));
    // Then
    final JsonNode problem = assertProblem(answer, 415, "unsupported-media-type");
    assertThat(problem.path("detail").asText())
        .isEqualTo("send image/png, image/webp or image/jpeg, not text/plain");
  }

  @Test
  void shouldAnswerBadRequestNamingTheChunkWhenAnImportedPngIsTruncated() throws Exception {
    // Given the reference ComfyUI image cut after 100 bytes
    final byte[] cut = Arrays.copyOf(GenAiSamples.bytes(GenAiSamples.COMFYUI_TWO_LORAS), 100);
    // When
    final RawHttp.Answer answer = postImport("image/png", cut);
    // Then
    final JsonNode problem = assertProblem(answer, 400, "import-refused");
    assertThat(problem.path("detail").asText())
        .isEqualTo("truncated PNG: the tEXt chunk at byte 33 declares 1,204 bytes, only 55 remain");
  }

  @Test
  void shouldAnswerBadRequestWhenTheBytesAreNotTheImageTypeSent() throws Exception {
    // When a PNG is sent as image/jpeg
    final RawHttp.Answer answer = postImport("image/jpeg", GenAiSamples.bytes(GenAiSamples.A1111));
    // Then
    final JsonNode problem = assertProblem(answer, 400, "import-refused");
    assertThat(problem.path("detail").asText())
        .isEqualTo("the body was sent as image/jpeg but is a PNG");
  }

  @Test
  void shouldAnswerTooLargeWhenAnImageIsOverTheImageLimit() throws Exception {
    // When
    final RawHttp.Answer answer = postImport("image/png", new byte[MAX_IMAGE_BYTES + 1]);
    // Then
    final JsonNode problem = assertProblem(answer, 413, "too-large");
    assertThat(problem.path("detail").asText())
        .isEqualTo(
            "the image is larger than " + MAX_IMAGE_BYTES + " bytes (ingest.max-image-bytes)");
  }

  private RawHttp.Answer postImport(final String type, final byte[] body) throws IOException {
    return RawHttp.send(
        server.port(),
        "POST /v1/imports?name=x.png HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            + type
            + "\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close",
        body);
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
