package dev.lineagegate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.testkit.TestEvents;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link IngestClient#run}: START, the caller's work, then COMPLETE or FAIL, over real HTTP. */
class IngestClientRunTest {

  private final ExecutionEventJson json = new ExecutionEventJson();
  private ScriptedIngest ingest;
  private IngestClient client;

  @BeforeEach
  void startIngest() throws IOException {
    ingest = ScriptedIngest.start();
    client =
        IngestClient.builder()
            .baseUrl(ingest.url())
            .requestTimeout(Duration.ofSeconds(2))
            .maxAttempts(2)
            .sleeper(wait -> {})
            .build();
  }

  @AfterEach
  void stopIngest() {
    ingest.close();
  }

  /** The fixtures' train run: one minute per event, fixed eventIds. */
  private static RunReporter trainRun(final String... eventIds) {
    final Iterator<String> ids = List.of(eventIds).iterator();
    return RunReporter.of(RunReporterTest.trainSpec())
        .clock(new TickingClock(TestEvents.T0, Duration.ofMinutes(1)))
        .eventIds(ids::next);
  }

  @Test
  void shouldSendStartThenCompleteWhenTheWorkSucceeds() {
    // Given
    ingest.accept(TestEvents.START_EVENT).accept(TestEvents.COMPLETE_EVENT);
    // When the work declares its output, cost (no duration) and check
    final Receipt receipt =
        client.run(
            trainRun(TestEvents.START_EVENT, TestEvents.COMPLETE_EVENT),
            run ->
                run.output(TestEvents.MODEL, TestEvents.MODEL_V1, 1234L)
                    .cost(null, 1.5, 0.0, 0L)
                    .check("auc>=0.8", true, CheckSeverity.ERROR, "0.83"));
    // Then the fixtures went out, the duration measured, and COMPLETE's receipt came back
    assertSent(TestEvents.trainStart(), TestEvents.trainComplete());
    assertThat(receipt)
        .isEqualTo(new Receipt(TestEvents.COMPLETE_EVENT, "lineage.events.v1", 0, 12));
  }

  @Test
  void shouldSendFailAndRethrowTheSameExceptionWhenTheWorkThrows() {
    // Given
    final String failEvent = "0b9d2a61-4c3e-4f8a-9e2b-1a2b3c4d5e04";
    ingest.accept(TestEvents.START_EVENT).accept(failEvent);
    final IOException failure = new IOException("disk full");
    // When the work declares an output, then throws a checked exception
    final Throwable thrown =
        catchThrowable(
            () ->
                client.run(
                    trainRun(TestEvents.START_EVENT, failEvent),
                    run -> {
                      run.output(TestEvents.MODEL, TestEvents.MODEL_V1, 1234L);
                      throw failure;
                    }));
    // Then the caller gets its own exception, and FAIL says why, with the output left behind
    assertThat(thrown).isSameAs(failure).hasNoSuppressedExceptions();
    final StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    final ExecutionEvent expectedFail =
        ExecutionEvent.newBuilder(TestEvents.trainFail())
            .setCost(CostInfo.newBuilder().setDurationMs(60_000L).build())
            .setError(
                ErrorInfo.newBuilder()
                    .setMessage("disk full")
                    .setType("java.io.IOException")
                    .setStackTrace(trace.toString())
                    .build())
            .build();
    assertSent(TestEvents.trainStart(), expectedFail);
  }

  @Test
  void shouldNotRunTheWorkWhenStartIsRejected() {
    // Given
    ingest.problem(
        400,
        """
        {"title": "Invalid event", "status": 400, "detail": "1 invalid field",
         "errors": [{"pointer": "/run/owner", "detail": "must not be blank"}]}
        """,
        null);
    final AtomicBoolean ran = new AtomicBoolean();
    // When
    final EventRejectedException e =
        catchThrowableOfType(
            EventRejectedException.class,
            () -> client.run(trainRun(TestEvents.START_EVENT), run -> ran.set(true)));
    // Then
    assertThat(e.status()).isEqualTo(400);
    assertThat(ran).isFalse();
    assertThat(ingest.requests()).hasSize(1);
  }

  @Test
  void shouldAttachTheSendFailureWhenFailCannotBeReported() {
    // Given START accepted, then ingest unavailable for both attempts of FAIL
    ingest.accept(TestEvents.START_EVENT);
    ingest.problem(503, "{\"detail\": \"down\"}", "0").problem(503, "{\"detail\": \"down\"}", "0");
    final IllegalStateException failure = new IllegalStateException("bad data");
    // When
    final Throwable thrown =
        catchThrowable(
            () ->
                client.run(
                    trainRun(TestEvents.START_EVENT, "fail-event"),
                    run -> {
                      throw failure;
                    }));
    // Then the work's exception wins; the lost FAIL is attached to it
    assertThat(thrown).isSameAs(failure);
    assertThat(thrown.getSuppressed())
        .singleElement()
        .isInstanceOfSatisfying(
            IngestUnavailableException.class, e -> assertThat(e.attempts()).isEqualTo(2));
  }

  /**
   * Each request's event equals its expected one, compared actual-first: a fixture copied with
   * {@code newBuilder(other)} holds Avro's own array, whose equals fails on a timestamp in a union.
   */
  private void assertSent(final ExecutionEvent... expected) {
    final List<ExecutionEvent> sent =
        ingest.requests().stream().map(request -> json.read(request.body())).toList();
    assertThat(sent).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(sent.get(i)).isEqualTo(expected[i]);
    }
  }
}
