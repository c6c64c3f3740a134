package dev.lineagegate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.cli.ReplayCommand;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.testkit.RealStack;
import dev.lineagegate.testkit.TestEvents;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lineage-gate replay} against the real ingest, broker and registry, through a proxy that
 * answers the first native batch 503 without forwarding it (ingest unreachable once): the retry
 * carries the same eventIds, and each accepted event is on {@code lineage.events.v1} once.
 */
class ReplayIT {

  private static final ExecutionEventJson JSON = new ExecutionEventJson();

  private static IngestApp ingest;
  private static EventsTopic topic;
  private static HttpServer proxy;
  private static final AtomicInteger refusedOnce = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    final RealStack stack = RealStack.shared();
    stack.kafka().createTopics(3, Topics.EVENTS.name());
    ingest = IngestApp.start(IngestIT.config(stack));
    topic = new EventsTopic(stack.kafka(), stack.serdes());
    proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext("/", ReplayIT::forward);
    proxy.start();
    // The first batch makes ingest start a transactional producer, which on a loaded host can
    // take longer than a request timeout: its retry would then write the batch a second time
    // (same eventIds, harmless downstream, but not what this test counts). Warm it up first.
    final List<String> warmUp = List.of(TestEvents.eventId("replay-it", "warm-up"));
    final ExecutionEvent event =
        ExecutionEvent.newBuilder(TestEvents.trainStart()).setEventId(warmUp.get(0)).build();
    IngestClient.builder()
        .baseUrl(ingest.url())
        .requestTimeout(Duration.ofSeconds(60))
        .build()
        .sendJson(List.of(JSON.writeString(event).getBytes(StandardCharsets.UTF_8)), warmUp);
  }

  @AfterAll
  static void stop() {
    proxy.stop(0);
    ingest.close();
  }

  @Test
  void shouldSendEachAcceptedEventOnceAndExitTwoWhenAMixedFileHasBadLines(@TempDir final Path dir)
      throws IOException {
    // Given a file mixing 6 native events (one dated in the future) and 3 OpenLineage events (one
    // of an unknown type), a line that is not JSON and a blank line
    final List<String> nativeIds = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      final ExecutionEvent event = nativeEvent(i, i == 4);
      if (i != 4) {
        nativeIds.add(event.getEventId());
      }
      lines.add(JSON.writeString(event));
      if (i % 2 == 0) {
        lines.add(openLineage(i, i == 4 ? "NOPE" : "COMPLETE"));
      }
    }
    lines.add(5, "{\"eventId\": \"cut");
    lines.add("");
    final Path file = Files.write(dir.resolve("history.ndjson"), lines);
    final Path rejects = dir.resolve("rejects.ndjson");
    final Map<TopicPartition, Long> before = topic.endOffsets();
    // When
    final StringWriter err = new StringWriter();
    final CommandLine cli =
        new CommandLine(
            new ReplayCommand(
                url ->
                    IngestClient.builder()
                        .baseUrl(url)
                        .requestTimeout(Duration.ofSeconds(60))
                        .build()));
    cli.setErr(new PrintWriter(err, true));
    final int code =
        cli.execute(
            "--ingest-url",
            "http://127.0.0.1:" + proxy.getAddress().getPort(),
            "--progress",
            "plain",
            "--batch-size",
            "3",
            "--rejects",
            rejects.toString(),
            file.toString());
    // Then
    assertThat(code).as(err.toString()).isEqualTo(2);
    assertThat(refusedOnce).hasValue(1);
    final String summary = err.toString();
    assertThat(summary)
        .containsPattern("accepted +7\n")
        .containsPattern("refused +2\n")
        .containsPattern("not JSON +1\n")
        .containsPattern("blank lines +1\n")
        .contains(file + ":5  HTTP 400: /eventTime: ")
        .contains(file + ":6  not JSON: ")
        .contains(file + ":7  HTTP 400: ");
    assertThat(Files.readAllLines(rejects)).hasSize(3);
    final List<ConsumerRecord<String, ExecutionEvent>> records = topic.readSince(before, 7);
    assertThat(records).hasSize(7);
    final List<String> onTopic = records.stream().map(r -> r.value().getEventId()).toList();
    assertThat(onTopic).doesNotHaveDuplicates().containsAll(nativeIds);
  }

  private static ExecutionEvent nativeEvent(final int n, final boolean future) {
    final ExecutionEvent start = TestEvents.trainStart();
    final String runId = TestEvents.runId(7000 + n);
    return ExecutionEvent.newBuilder(start)
        .setEventId(TestEvents.eventId(runId, "replay"))
        .setEventTime(
            future ? Clock.systemUTC().instant().plus(Duration.ofHours(1)) : TestEvents.T0)
        .setRun(RunInfo.newBuilder(start.getRun()).setRunId(runId).build())
        .build();
  }

  private static String openLineage(final int n, final String eventType) {
    return """
        {"eventType": "%s", "eventTime": "2026-11-22T10:00:00Z", \
        "producer": "https://example/airflow", \
        "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent", \
        "run": {"runId": "%s"}, "job": {"namespace": "airflow", "name": "replay.%d"}}"""
        .formatted(eventType, TestEvents.runId(8000 + n), n);
  }

  /** The first native batch gets 503 (not forwarded); everything else goes to ingest as is. */
  private static void forward(final HttpExchange exchange) throws IOException {
    try (exchange) {
      final byte[] body = exchange.getRequestBody().readAllBytes();
      final String path = exchange.getRequestURI().getPath();
      if ("/v1/events".equals(path) && refusedOnce.compareAndSet(0, 1)) {
        exchange.getResponseHeaders().add("Retry-After", "0");
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      final HttpResponse<byte[]> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(ingest.url() + path))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      answer
          .headers()
          .firstValue("Content-Type")
          .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
      exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
