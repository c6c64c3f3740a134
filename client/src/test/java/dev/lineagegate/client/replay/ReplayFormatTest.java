package dev.lineagegate.client.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress line and the summary, as people read them. */
class ReplayFormatTest {

  private static final long MIB = 1024 * 1024;

  @Test
  void shouldShowBarRateAndEtaWhenHalfTheBytesAreRead() {
    // Given 100 MiB, 50 read in 10 s, 40,000 events
    final String line =
        ProgressLine.render(40_000, 0, Duration.ofSeconds(10), 50 * MIB, 0, 100 * MIB);
    // Then the rest takes as long again
    assertThat(line)
        .isEqualTo("[##########----------] 50% of 100.0 MiB  40,000 events  4,000/s  ETA 10s");
  }

  @Test
  void shouldLeaveSkippedBytesOutOfTheEtaWhenResuming() {
    // Given 60 MiB skipped, 20 MiB sent in 20 s: 20 MiB left at 1 MiB/s
    final String line =
        ProgressLine.render(1_234, 3, Duration.ofSeconds(20), 80 * MIB, 60 * MIB, 100 * MIB);
    assertThat(line).endsWith("1,234 events  61/s  3 not accepted  ETA 20s");
  }

  @Test
  void shouldShowDurationsAsPeopleWriteThem() {
    assertThat(Shown.duration(Duration.ofSeconds(200))).isEqualTo("3m20s");
    assertThat(Shown.duration(Duration.ofHours(72))).isEqualTo("3d");
    assertThat(Shown.duration(Duration.ofMillis(1_999))).isEqualTo("1s");
    assertThat(Shown.duration(Duration.ZERO)).isEqualTo("0s");
    assertThat(Shown.bytes(1_123_975_000)).isEqualTo("1.0 GiB");
    assertThat(Shown.bytes(512)).isEqualTo("512 B");
  }

  @Test
  void shouldSayWhereToResumeWhenIngestWasUnreachable() {
    // Given
    final ReplayTally tally = new ReplayTally(20, null);
    tally.accepted.addAndGet(1_000);
    tally.requests.addAndGet(3);
    final ReplaySummary.Ending ending =
        new ReplaySummary.Ending(
            Replayer.Outcome.UNREACHABLE,
            "connection refused",
            new Replayer.ResumePoint(1, 1_001),
            List.of("a.ndjson", "b.ndjson", "c.ndjson"),
            null,
            0);
    // When
    final String summary = ReplaySummary.render(tally, Duration.ofSeconds(4), ending);
    // Then
    assertThat(summary)
        .isEqualTo(
            """
            replay: 1,000 events in 4s (250/s, 3 requests)
              accepted                      1,000
              refused                           0
              not JSON                          0
            ingest unreachable, stopped: connection refused
            resume from line 1001 of b.ndjson (the same options; events already accepted after it\
             are sent again and dropped as duplicates):
              lineage-gate replay --from-line 1001 b.ndjson c.ndjson
            """);
  }
}
