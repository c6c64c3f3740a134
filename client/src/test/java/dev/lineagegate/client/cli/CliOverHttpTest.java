package dev.lineagegate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.ScriptedIngest;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.testkit.TestEvents;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The CLI with the real client as its sender, against a scripted ingest on 127.0.0.1. */
class CliOverHttpTest {

  /** The CLI with a real client: two attempts, 10 ms apart. */
  private final CliHarness cli =
      new CliHarness(
          url ->
              IngestClient.builder()
                      .baseUrl(url)
                      .maxAttempts(2)
                      .initialBackoff(Duration.ofMillis(10))
                      .build()
                  ::send);

  @Test
  void shouldPostTheEventAndExitZeroWhenIngestAccepts() throws IOException {
    try (ScriptedIngest ingest = ScriptedIngest.start()) {
      // Given
      ingest.accept(TestEvents.START_EVENT);
      // When
      final int exit =
          cli.emit(
              "emit",
              "start",
              "--ingest-url",
              ingest.url().toString(),
              "--step",
              "train",
              "--run-id",
              TestEvents.TRAIN_RUN,
              "--event-id",
              TestEvents.START_EVENT);
      // Then
      assertThat(exit).isZero();
      assertThat(ingest.requests()).hasSize(1);
      assertThat(new ExecutionEventJson().read(ingest.requests().get(0).body()).getRun().getRunId())
          .isEqualTo(TestEvents.TRAIN_RUN);
      assertThat(cli.err())
          .isEqualTo(
              "sent START "
                  + TestEvents.START_EVENT
                  + " of run "
                  + TestEvents.TRAIN_RUN
                  + ": lineage.events.v1 partition 0 offset 12\n");
    }
  }

  @Test
  void shouldExitThreeWhenNothingListens() throws IOException {
    // Given a loopback port that was free a moment ago and is closed now
    final int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    // When
    final int exit =
        cli.emit("emit", "start", "--ingest-url", "http://127.0.0.1:" + port, "--step", "train");
    // Then
    assertThat(exit).isEqualTo(3);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err())
        .startsWith(
            "ingest unavailable at http://127.0.0.1:"
                + port
                + ": POST /v1/events failed 2 time(s), last: java.net.ConnectException");
  }
}
