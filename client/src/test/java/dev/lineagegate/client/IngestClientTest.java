package dev.lineagegate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.testkit.TestEvents;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted HTTP peer on 127.0.0.1 that speaks ingest's contract (§6.1). */
class IngestClientTest {

  private static final String KAFKA_DOWN =
      """
      {"type": "https://lineage-gate.dev/problems/kafka-unavailable", "title": "Kafka unavailable",
       "status": 503, "detail": "the broker did not acknowledge", "instance": "/v1/events"}
      """;

  private final ExecutionEventJson json = new ExecutionEventJson();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private ScriptedIngest ingest;

  @BeforeEach
  void startIngest() throws IOException {
    ingest = ScriptedIngest.start();
  }

  @AfterEach
  void stopIngest() {
    ingest.close();
  }

  /** A client whose waits are recorded instead of slept: 4 attempts, 100 ms doubling to 250. */
  private IngestClient client(final URI url) {
    return IngestClient.builder()
        .baseUrl(url)
        .requestTimeout(Duration.ofSeconds(2))
        .maxAttempts(4)
        .initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofMillis(250))
        .sleeper(waits::add)
        .build();
  }

  @Test
  void shouldReturnTheReceiptWhenIngestAcceptsOneEvent() {
    // Given
    ingest.accept(TestEvents.START_EVENT);
    // When
    final Receipt receipt = client(ingest.url()).send(TestEvents.trainStart());
    // Then
    assertThat(receipt).isEqualTo(new Receipt(TestEvents.START_EVENT, "lineage.events.v1", 0, 12));
    assertThat(ingest.requests())
        .containsExactly(
            new ScriptedIngest.Request(
                "POST",
                "/v1/events",
                "application/json",
                json.writeString(TestEvents.trainStart())));
    assertThat(waits).isEmpty();
  }

  @Test
  void shouldSendOneArrayAndReturnReceiptsInOrderWhenGivenABatch() throws Exception {
    // Given
    ingest.accept(TestEvents.START_EVENT, TestEvents.COMPLETE_EVENT);
    final List<ExecutionEvent> events =
        List.of(TestEvents.trainStart(), TestEvents.trainComplete());
    // When
    final List<Receipt> receipts = client(ingest.url()).send(events);
    // Then
    assertThat(receipts)
        .containsExactly(
            new Receipt(TestEvents.START_EVENT, "lineage.events.v1", 0, 12),
            new Receipt(TestEvents.COMPLETE_EVENT, "lineage.events.v1", 0, 13));
    assertThat(ingest.requests()).hasSize(1);
    assertThat(eventsIn(ingest.requests().get(0).body())).isEqualTo(events);
  }

  @Test
  void shouldResendTheSameBodyAfterTheAskedWaitWhenIngestAnswers503() {
    // Given Kafka unreachable for one request, with Retry-After: 0 then none (backoff applies)
    ingest
        .problem(503, KAFKA_DOWN, "0")
        .problem(503, KAFKA_DOWN, null)
        .accept(TestEvents.START_EVENT);
    // When
    final Receipt receipt = client(ingest.url()).send(TestEvents.trainStart());
    // Then three identical requests (same eventId); waits: 0 s as asked, then 200 ms, the
    // backoff after a second failure
    assertThat(receipt.eventId()).isEqualTo(TestEvents.START_EVENT);
    final String body = json.writeString(TestEvents.trainStart());
    assertThat(ingest.requests())
        .extracting(ScriptedIngest.Request::body)
        .containsExactly(body, body, body);
    assertThat(waits).containsExactly(Duration.ZERO, Duration.ofMillis(200));
  }

  @Test
  void shouldCapTheAskedWaitAtMaxBackoffWhenRetryAfterIsLong() {
    // Given Retry-After in seconds, then as an HTTP date far in the future
    ingest
        .problem(503, KAFKA_DOWN, "120")
        .problem(503, KAFKA_DOWN, "Wed, 21 Oct 2099 07:28:00 GMT")
        .accept(TestEvents.START_EVENT);
    // When
    client(ingest.url()).send(TestEvents.trainStart());
    // Then both waits are the max backoff
    assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
  }

  @Test
  void shouldBackOffExponentiallyWhenIngestAnswersOther5xx() {
    // Given three server errors without Retry-After, one a non-JSON page from a proxy
    ingest
        .answer(500, "application/problem+json", "{\"status\": 500, \"title\": \"boom\"}", null)
        .answer(502, "text/html", "<html>bad gateway</html>", null)
        .answer(500, "text/plain", "", null)
        .accept(TestEvents.START_EVENT);
    // When
    client(ingest.url()).send(TestEvents.trainStart());
    // Then 100, 200, then 400 capped at 250 ms
    assertThat(waits)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
    assertThat(ingest.requests()).hasSize(4);
  }

  @Test
  void shouldThrowEveryInvalidFieldWithoutRetryingWhenIngestAnswers400() {
    // Given
    ingest.problem(
        400,
        """
        {"type": "https://lineage-gate.dev/problems/invalid-event", "title": "Invalid event",
         "status": 400, "detail": "2 invalid fields", "instance": "/v1/events",
         "errors": [{"pointer": "/0/run/step", "detail": "is required"},
                    {"pointer": "/1/inputs/0/digest", "detail": "must be sha256:<64 hex>"}]}
        """,
        null);
    final IngestClient client = client(ingest.url());
    // When
    final EventRejectedException e =
        catchThrowableOfType(
            EventRejectedException.class,
            () -> client.send(List.of(TestEvents.minimalStart(), TestEvents.trainStart())));
    // Then
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.detail()).isEqualTo("2 invalid fields");
    assertThat(e.errors())
        .containsExactly(
            new FieldError("/0/run/step", "is required"),
            new FieldError("/1/inputs/0/digest", "must be sha256:<64 hex>"));
    assertThat(e)
        .hasMessage(
            "ingest rejected the request (HTTP 400): 2 invalid fields; /0/run/step: is required;"
                + " /1/inputs/0/digest: must be sha256:<64 hex>");
    assertThat(ingest.requests()).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void shouldThrowWithTheTitleWhenIngestAnswers413WithoutFields() {
    // Given
    ingest.problem(413, "{\"title\": \"Payload too large\", \"status\": 413}", null);
    // When
    final EventRejectedException e =
        catchThrowableOfType(
            EventRejectedException.class, () -> client(ingest.url()).send(TestEvents.trainStart()));
    // Then
    assertThat(List.of(e.status(), e.detail(), e.errors()))
        .containsExactly(413, "Payload too large", List.of());
    assertThat(ingest.requests()).hasSize(1);
  }

  @Test
  void shouldGiveUpAfterTheLastAttemptWhen503Persists() {
    // Given Kafka down for longer than the client tries
    for (int i = 0; i < 4; i++) {
      ingest.problem(503, KAFKA_DOWN, "1");
    }
    // When
    final IngestUnavailableException e =
        catchThrowableOfType(
            IngestUnavailableException.class,
            () -> client(ingest.url()).send(TestEvents.trainStart()));
    // Then
    assertThat(e.attempts()).isEqualTo(4);
    assertThat(e)
        .hasMessage(
            "ingest unavailable at "
                + ingest.url()
                + ": POST /v1/events failed 4 time(s), last: dev.lineagegate.client.IngestException:"
                + " HTTP 503: the broker did not acknowledge");
    assertThat(ingest.requests()).hasSize(4);
    assertThat(waits)
        .containsExactly(Duration.ofMillis(250), Duration.ofMillis(250), Duration.ofMillis(250));
  }

  @Test
  void shouldRetryWithTheSameBodyWhenAnAttemptTimesOut() {
    // Given an ingest that never answers the first request
    ingest.stall().accept(TestEvents.START_EVENT);
    final IngestClient client =
        IngestClient.builder()
            .baseUrl(ingest.url())
            .requestTimeout(Duration.ofMillis(300))
            .maxAttempts(2)
            .sleeper(waits::add)
            .build();
    // When
    final Receipt receipt = client.send(TestEvents.trainStart());
    // Then
    assertThat(receipt.eventId()).isEqualTo(TestEvents.START_EVENT);
    assertThat(ingest.requests())
        .extracting(ScriptedIngest.Request::body)
        .containsOnly(json.writeString(TestEvents.trainStart()))
        .hasSize(2);
  }

  @Test
  void shouldFailWithTheTimeoutWhenEveryAttemptTimesOut() {
    // Given
    ingest.stall().stall();
    final IngestClient client =
        IngestClient.builder()
            .baseUrl(ingest.url())
            .requestTimeout(Duration.ofMillis(200))
            .maxAttempts(2)
            .sleeper(waits::add)
            .build();
    // When
    final IngestUnavailableException e =
        catchThrowableOfType(
            IngestUnavailableException.class, () -> client.send(TestEvents.trainStart()));
    // Then
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(e).hasCauseInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void shouldRetryThenFailWhenNothingListensOnThePort() throws IOException {
    // Given a loopback port that was free a moment ago and is closed now; real sleeps
    final int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    final URI url = URI.create("http://127.0.0.1:" + port);
    final IngestClient client =
        IngestClient.builder()
            .baseUrl(url)
            .maxAttempts(3)
            .initialBackoff(Duration.ofMillis(50))
            .maxBackoff(Duration.ofMillis(80))
            .build();
    // When
    final long begin = System.nanoTime();
    final IngestUnavailableException e =
        catchThrowableOfType(
            IngestUnavailableException.class, () -> client.send(TestEvents.trainStart()));
    // Then three attempts, 50 + 80 ms apart
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e).hasCauseInstanceOf(ConnectException.class);
    assertThat(e.getMessage())
        .startsWith(
            "ingest unavailable at "
                + url
                + ": POST /v1/events failed 3 time(s), last: java.net.ConnectException");
    assertThat(Duration.ofNanos(System.nanoTime() - begin))
        .isGreaterThanOrEqualTo(Duration.ofMillis(130));
  }

  @Test
  void shouldRefuseTheAnswerWhenReceiptsDoNotMatchTheEvents() {
    // Given an answer naming another event
    ingest.accept("someone-else");
    // When
    final IngestException e =
        catchThrowableOfType(
            IngestException.class, () -> client(ingest.url()).send(TestEvents.trainStart()));
    // Then
    assertThat(e).isExactlyInstanceOf(IngestException.class);
    assertThat(e.getMessage())
        .startsWith(
            "unexpected answer from ingest: receipt 0 does not match event "
                + TestEvents.START_EVENT);
  }

  @Test
  void shouldReportHealthWhenHealthzAnswers() throws IOException {
    // Given one 200 and one 503
    ingest.answer(200, "text/plain", "ok", null).answer(503, "text/plain", "starting", null);
    final IngestClient client = client(ingest.url());
    // When / Then
    assertThat(client.healthy()).isTrue();
    assertThat(client.healthy()).isFalse();
    assertThat(ingest.requests())
        .extracting(ScriptedIngest.Request::path)
        .containsExactly("/healthz", "/healthz");
  }

  @Test
  void shouldSendNothingWhenTheBatchIsEmpty() {
    assertThat(client(ingest.url()).send(List.of())).isEmpty();
    assertThat(ingest.requests()).isEmpty();
  }

  private List<ExecutionEvent> eventsIn(final String body) throws IOException {
    final List<ExecutionEvent> events = new ArrayList<>();
    new ObjectMapper().readTree(body).forEach(node -> events.add(json.read(node)));
    return events;
  }
}
