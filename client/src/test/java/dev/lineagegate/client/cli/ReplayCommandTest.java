package dev.lineagegate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.client.IngestClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lineage-gate replay} against a fake ingest that answers by content. */
class ReplayCommandTest {

  @TempDir Path dir;
  private ReplayIngest ingest;
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws IOException {
    ingest = new ReplayIngest();
  }

  @AfterEach
  void stop() {
    ingest.close();
  }

  private int replay(final String... args) {
    final CommandLine cli =
        new CommandLine(
            new ReplayCommand(
                url ->
                    IngestClient.builder()
                        .baseUrl(url)
                        .maxAttempts(2)
                        .initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(1))
                        .build()));
    cli.setErr(new PrintWriter(err, true));
    final List<String> all = new ArrayList<>(List.of("--ingest-url", ingest.url().toString()));
    all.add("--progress=none");
    all.addAll(List.of(args));
    return cli.execute(all.toArray(String[]::new));
  }

  private Path file(final String name, final String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  @Test
  void shouldExitZeroAndSendNativeEventsInBatchesWhenEveryLineIsAccepted() throws IOException {
    // Given 7 native events and batches of 3
    final List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      lines.add(ReplayLines.nativeEvent(i));
    }
    final Path events = file("events.ndjson", lines.toArray(String[]::new));
    // When
    final int code = replay("--batch-size", "3", "--concurrency", "1", events.toString());
    // Then three requests of 3, 3 and 1 events carry every eventId once
    assertThat(code).isZero();
    assertThat(ingest.requests()).extracting(ReplayIngest.Request::events).containsExactly(3, 3, 1);
    assertThat(ingest.acceptedIds())
        .containsExactly(
            "event-1", "event-2", "event-3", "event-4", "event-5", "event-6", "event-7");
    assertThat(err.toString())
        .contains("replay: 7 events in")
        .containsPattern("accepted +7\n")
        .contains("every line has its verdict")
        .contains("--from-line 8");
  }

  @Test
  void shouldSplitBatchesByBytesWhenEventsFillTheBodyLimit() throws IOException {
    // Given events of ~1.4 KB and a body limit that holds two of them
    final String one = ReplayLines.nativeEvent(1);
    final Path events =
        file(
            "events.ndjson",
            one,
            ReplayLines.nativeEvent(2),
            ReplayLines.nativeEvent(3),
            ReplayLines.nativeEvent(4));
    final int limit = 2 * (one.length() + 2) + 1;
    // When
    final int code =
        replay("--batch-bytes", String.valueOf(limit), "--concurrency", "1", "" + events);
    // Then
    assertThat(code).isZero();
    assertThat(ingest.requests()).extracting(ReplayIngest.Request::events).containsExactly(2, 2);
  }

  @Test
  void shouldExitTwoAndListRefusalsWithLineNumbersWhenSomeLinesAreBad() throws IOException {
    // Given a mixed file: native and OpenLineage events, two refused, one warned, one not JSON
    final Path events =
        file(
            "mixed.ndjson",
            ReplayLines.nativeEvent(1),
            ReplayLines.openLineage("etl"),
            ReplayLines.nativeEvent(2, "bad"),
            "{not json",
            ReplayLines.nativeEvent(3),
            "",
            ReplayLines.openLineage("bad"),
            ReplayLines.openLineage("warn"),
            "{\"hello\": 1}");
    final Path rejects = dir.resolve("rejects.ndjson");
    // When
    final int code = replay("--rejects", rejects.toString(), events.toString());
    // Then the good lines are accepted, the batch resent without its bad event
    assertThat(code).isEqualTo(2);
    assertThat(ingest.acceptedIds()).containsExactlyInAnyOrder("event-1", "event-3");
    final String summary = err.toString();
    assertThat(summary)
        .containsPattern("accepted +4\n")
        .contains("of which with warnings 1")
        .containsPattern("refused +3\n")
        .containsPattern("not JSON +1\n")
        .containsPattern("blank lines +1\n")
        .contains("4 lines not accepted (all in " + rejects + ")")
        .contains(events + ":3  HTTP 400: /run/step: is bad")
        .contains(events + ":4  not JSON: ")
        .contains(events + ":7  HTTP 400: /job/name: is bad")
        .contains(events + ":9  is neither a native event");
    final List<String> rejected = Files.readAllLines(rejects);
    assertThat(rejected).hasSize(4);
    assertThat(rejected)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"line\":3", "\"reason\":\"refused\"", "\"status\":400")
                    .contains("{\"pointer\":\"/run/step\",\"detail\":\"is bad\"}"))
        .anySatisfy(line -> assertThat(line).contains("\"line\":4", "\"reason\":\"not-json\""));
  }

  @Test
  void shouldExitThreeAndPrintTheResumeLineWhenIngestIsDown() throws IOException {
    // Given an ingest answering 503 to everything
    ingest.down();
    final Path events =
        file("events.ndjson", ReplayLines.nativeEvent(1), ReplayLines.nativeEvent(2));
    // When
    final int code = replay("--from-line", "2", events.toString());
    // Then nothing past line 2 has a verdict: resume there
    assertThat(code).isEqualTo(3);
    assertThat(err.toString())
        .contains("ingest unreachable, stopped: ")
        .contains("lineage-gate replay --from-line 2 " + events)
        .containsPattern("skipped \\(--from-line\\) +1\n");
    assertThat(ingest.requests()).extracting(ReplayIngest.Request::events).containsExactly(1, 1);
  }

  @Test
  void shouldSkipTheFirstLinesWhenFromLineIsGiven() throws IOException {
    // Given
    final Path events =
        file(
            "events.ndjson",
            "not even read as JSON",
            ReplayLines.nativeEvent(2),
            ReplayLines.nativeEvent(3));
    // When
    final int code = replay("--from-line", "2", events.toString());
    // Then
    assertThat(code).isZero();
    assertThat(ingest.acceptedIds()).containsExactly("event-2", "event-3");
  }

  @Test
  void shouldSayTheFileIsShorterWhenFromLineIsPastItsEnd() throws IOException {
    final Path events = file("events.ndjson", ReplayLines.nativeEvent(1));
    assertThat(replay("--from-line", "5", events.toString())).isZero();
    assertThat(err.toString())
        .contains(events + " has only 1 lines: nothing was sent from it (--from-line 5)");
    assertThat(ingest.requests()).isEmpty();
  }

  @Test
  void shouldExitOneWhenTheUrlIsNotIngest() throws IOException {
    // Given
    ingest.always(404);
    final Path events = file("events.ndjson", ReplayLines.openLineage("etl"));
    // When
    final int code = replay(events.toString());
    // Then
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("stopped on an answer that is not ingest's");
  }

  @Test
  void shouldExitTwoWithoutSendingWhenUsageIsWrong() throws IOException {
    final Path events = file("events.ndjson", ReplayLines.nativeEvent(1));
    assertThat(replay("--batch-size", "10001", events.toString())).isEqualTo(2);
    assertThat(replay("--from-line", "0", events.toString())).isEqualTo(2);
    assertThat(replay(dir.resolve("missing.ndjson").toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("--batch-size must be between 1 and 10000")
        .contains("--from-line must be 1 or more")
        .contains("cannot read ");
    assertThat(ingest.requests()).isEmpty();
  }

  @Test
  void shouldReplayEveryFileInOrderWhenGivenSeveral() throws IOException {
    // Given
    final Path first = file("a.ndjson", ReplayLines.nativeEvent(1));
    final Path second = file("b.ndjson", ReplayLines.nativeEvent(2), ReplayLines.openLineage("x"));
    // When
    final int code = replay("--concurrency", "1", first.toString(), second.toString());
    // Then
    assertThat(code).isZero();
    assertThat(ingest.acceptedIds()).containsExactly("event-1", "event-2");
    assertThat(err.toString()).contains("later start at --from-line 3");
  }
}
