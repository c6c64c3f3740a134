package dev.lineagegate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.client.EventRejectedException;
import dev.lineagegate.client.IngestUnavailableException;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.testkit.TestEvents;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lineage-gate emit} when it cannot send: what it prints, and its exit code. */
class EmitExitCodesTest {

  @TempDir Path dir;

  @Test
  void shouldListEveryInvalidFieldWhenTheJsonIsNotAPartialEvent() throws IOException {
    final CliHarness cli = new CliHarness();
    // Given
    final Path defaults =
        Files.writeString(
            dir.resolve("bad.json"), "{ \"seed\": \"42\", \"run\": { \"attempt\": 1.5 } }");
    // When
    final int exit =
        cli.emit(List.of("emit", "start", "--step", "train", "--from-json", defaults.toString()));
    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(cli.sent()).isEmpty();
    assertThat(cli.err())
        .isEqualTo(
            "lineage-gate emit start: --from-json "
                + defaults
                + " is not a valid partial event:\n"
                + "/run/attempt: must be a whole number\n"
                + "/seed: must be a whole number\n");
  }

  @Test
  void shouldExitWithUsageWhenTheStepIsMissing() {
    final CliHarness cli = new CliHarness();
    // When
    final int exit = cli.emit(List.of("emit", "start", "--pipeline", "churn"));
    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(cli.sent()).isEmpty();
    assertThat(cli.err())
        .isEqualTo(
            "lineage-gate emit start: Missing required option: '--step=<step>'\n"
                + "Try 'lineage-gate emit start --help' for usage.\n");
  }

  @Test
  void shouldExitWithUsageWhenADigestIsMalformed() {
    final CliHarness cli = new CliHarness();
    // When
    final int exit =
        cli.emit(List.of("emit", "start", "--step", "train", "--config-digest", "md5:abc"));
    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(cli.sent()).isEmpty();
    assertThat(cli.err())
        .isEqualTo(
            "lineage-gate emit start: --config-digest: not a digest: expected sha256:<64 lowercase"
                + " hex>, got \"md5:abc\"\n");
  }

  @Test
  void shouldExitWithUsageWhenACheckIsMalformed() {
    final CliHarness cli = new CliHarness();
    // When
    final int exit = cli.emit(List.of("emit", "complete", "--step", "train", "--check", "auc=ok"));
    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo(
            "lineage-gate emit complete: --check: expected NAME=pass|fail[:ERROR|WARNING[:OBSERVED]],"
                + " got \"auc=ok\"\n");
  }

  @Test
  void shouldExitWithUsageWhenProducedAtNamesNoInput() {
    final CliHarness cli = new CliHarness();
    // When
    final int exit =
        cli.emit(
            List.of(
                "emit",
                "start",
                "--step",
                "train",
                "--input-digest",
                "features=" + TestEvents.FEATURES_V1,
                "--produced-at",
                "feature=2026-11-22T09:00:00Z"));
    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(cli.sent()).isEmpty();
    assertThat(cli.err())
        .isEqualTo("lineage-gate emit start: --produced-at feature: no input has this name\n");
  }

  @Test
  void shouldExitWithUsageWhenStartIsGivenAnOutcome() {
    final CliHarness cli = new CliHarness();
    // When
    final int exit = cli.emit(List.of("emit", "start", "--step", "train", "--duration-ms", "5"));
    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(cli.sent()).isEmpty();
    assertThat(cli.err()).contains("give them to complete or fail, not start");
  }

  @Test
  void shouldExitWithUsageWhenNoSubcommandIsGiven() {
    final CliHarness cli = new CliHarness();
    assertThat(cli.emit(List.of("emit"))).isEqualTo(2);
    assertThat(cli.emit(List.of("emit", "finish", "--step", "x"))).isEqualTo(2);
    assertThat(cli.sent()).isEmpty();
  }

  @Test
  void shouldPrintEachFieldAndExitTwoWhenIngestRejects() {
    // Given
    final CliHarness cli =
        new CliHarness(
            url ->
                event -> {
                  throw new EventRejectedException(
                      400,
                      "2 invalid fields",
                      List.of(
                          new FieldError("/run/owner", "must not be blank"),
                          new FieldError("/inputs/0/digest", "must be sha256:<64 hex>")));
                });
    // When
    final int exit = cli.emit(List.of("emit", "start", "--step", "train", "--run-id", "r1"));
    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err())
        .isEqualTo(
            "rejected by ingest (HTTP 400): 2 invalid fields\n"
                + "/run/owner: must not be blank\n"
                + "/inputs/0/digest: must be sha256:<64 hex>\n");
  }

  @Test
  void shouldExitThreeAndTellTheIdsWhenIngestIsUnreachable() {
    // Given
    final CliHarness cli =
        new CliHarness(
            url ->
                event -> {
                  throw new IngestUnavailableException(
                      "ingest unavailable at x", 5, new ConnectException());
                });
    // When
    final int exit =
        cli.emit(
            List.of(
                "emit",
                "start",
                "--step",
                "train",
                "--run-id",
                TestEvents.TRAIN_RUN,
                "--event-id",
                TestEvents.START_EVENT,
                "--ingest-url",
                "http://ingest:9999"));
    // Then
    assertThat(exit).isEqualTo(3);
    assertThat(cli.urls()).containsExactly(URI.create("http://ingest:9999"));
    assertThat(cli.err())
        .isEqualTo(
            "ingest unavailable at x\nto resend the same event (ingest deduplicates by eventId): --run-id "
                + TestEvents.TRAIN_RUN
                + " --event-id "
                + TestEvents.START_EVENT
                + " --event-time 2026-11-22T10:00:00Z\n");
  }
}
