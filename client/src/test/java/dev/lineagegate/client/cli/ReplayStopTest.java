package dev.lineagegate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.replay.ReplayTally;
import dev.lineagegate.client.replay.Replayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Ctrl-C does to a replay: nothing new is sent, and the resume line loses nothing. */
class ReplayStopTest {

  @TempDir Path dir;

  @Test
  void shouldResumeAfterTheLastAcceptedBatchWhenStoppedMidway() throws Exception {
    // Given 40 native events, batches of 4, one request in flight, each answered after 50 ms
    final List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      lines.add(ReplayLines.nativeEvent(i));
    }
    final Path file = Files.write(dir.resolve("events.ndjson"), lines);
    try (ReplayIngest ingest = new ReplayIngest().slow(50)) {
      final ReplayTally tally = new ReplayTally(20, null);
      final Replayer replayer =
          new Replayer(
              IngestClient.builder().baseUrl(ingest.url()).build(),
              new Replayer.Settings(4, 1024 * 1024, 1),
              tally);
      // When it is stopped once the third request has arrived
      final CompletableFuture<Replayer.Outcome> outcome =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return replayer.replay(List.of(file), 1);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      while (ingest.requests().size() < 3) {
        Thread.sleep(5);
      }
      replayer.stop();
      // Then the replay ends early, every line before the resume line was accepted, and the
      // resume line is the first line not accepted
      assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(Replayer.Outcome.STOPPED);
      final long resume = replayer.resumePoint().line();
      final int accepted = ingest.acceptedIds().size();
      assertThat(accepted).isBetween(12, 39);
      assertThat(resume).isEqualTo(accepted + 1);
      assertThat(tally.accepted()).isEqualTo(accepted);
    }
  }
}
