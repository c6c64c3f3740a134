package dev.lineagegate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.client.EventRejectedException;
import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.Receipt;
import dev.lineagegate.client.RunSpec;
import dev.lineagegate.client.cli.LineageGateCli;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.testkit.RealStack;
import dev.lineagegate.testkit.TestEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The client library and the emit CLI against the real ingest, broker and registry. */
class IngestClientIT {

  private static IngestApp ingest;
  private static EventsTopic topic;
  private static IngestClient client;

  @BeforeAll
  static void start() {
    final RealStack stack = RealStack.shared();
    stack.kafka().createTopics(3, Topics.EVENTS.name());
    ingest = IngestApp.start(IngestIT.config(stack));
    topic = new EventsTopic(stack.kafka(), stack.serdes());
    client =
        IngestClient.builder()
            .baseUrl(ingest.url())
            .maxAttempts(2)
            .initialBackoff(Duration.ofMillis(50))
            .build();
  }

  @AfterAll
  static void stop() {
    ingest.close();
  }

  @Test
  void shouldSendStartThenCompleteWithHashedOutputWhenRunSucceeds(@TempDir final Path dir)
      throws Exception {
    // Given a step whose output is a file it writes
    final Map<TopicPartition, Long> before = topic.endOffsets();
    final Path model = dir.resolve("model.bin");
    final RunSpec spec =
        RunSpec.forStep("train")
            .pipeline("churn")
            .owner("ml-platform")
            .input(TestEvents.FEATURES, TestEvents.FEATURES_V1, TestEvents.T0);
    // When the client runs it
    final Receipt receipt =
        client.run(
            spec,
            run -> {
              Files.writeString(model, "weights");
              run.output(TestEvents.MODEL, model);
            });
    // Then START and COMPLETE are on the topic, keyed by the run, the output hashed by content
    final List<ConsumerRecord<String, ExecutionEvent>> records = topic.readSince(before, 2);
    assertThat(records).extracting(ConsumerRecord::key).containsExactly(spec.runId(), spec.runId());
    assertThat(records)
        .extracting(r -> r.value().getEventType())
        .containsExactly(EventType.START, EventType.COMPLETE);
    final ExecutionEvent complete = records.get(1).value();
    assertThat(complete.getEventId()).isEqualTo(receipt.eventId());
    assertThat(complete.getOutputs().get(0).getDigest())
        .isEqualTo(Digest.sha256("weights").value());
    assertThat(complete.getInputs().get(0).getDigest()).isEqualTo(TestEvents.FEATURES_V1.value());
  }

  @Test
  void shouldSendFailAndRethrowWhenTheRunThrows() {
    final Map<TopicPartition, Long> before = topic.endOffsets();
    final RunSpec spec = RunSpec.forStep("evaluate");
    assertThatThrownBy(
            () ->
                client.run(
                    spec,
                    run -> {
                      throw new IllegalStateException("AUC below floor");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("AUC below floor");
    final List<ConsumerRecord<String, ExecutionEvent>> records = topic.readSince(before, 2);
    assertThat(records)
        .extracting(r -> r.value().getEventType())
        .containsExactly(EventType.START, EventType.FAIL);
    assertThat(records.get(1).value().getError().getMessage()).isEqualTo("AUC below floor");
    assertThat(records.get(1).value().getError().getType())
        .isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void shouldRaiseTheProblemFieldsWhenIngestRejects() {
    final ExecutionEvent bad =
        ExecutionEvent.newBuilder(TestEvents.trainStart())
            .setEventTime(Clock.systemUTC().instant().plus(Duration.ofHours(1)))
            .build();
    assertThatThrownBy(() -> client.send(bad))
        .isInstanceOfSatisfying(
            EventRejectedException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/eventTime");
            });
  }

  @Test
  void shouldExitZeroTwoOrThreeWhenTheCliSendsRejectedOrUnreachable() {
    final Map<TopicPartition, Long> before = topic.endOffsets();
    // Sent: exit 0, the generated runId alone on stdout
    final Cli sent =
        cli(
            "emit",
            "start",
            "--step",
            "prepare",
            "--owner",
            "data-eng",
            "--ingest-url",
            ingest.url().toString());
    assertThat(sent.exit()).isEqualTo(0);
    final String runId = sent.out().strip();
    final List<ConsumerRecord<String, ExecutionEvent>> records = topic.readSince(before, 1);
    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key()).isEqualTo(runId);
              assertThat(r.value().getRun().getStep()).isEqualTo("prepare");
              assertThat(r.value().getRun().getOwner()).isEqualTo("data-eng");
            });
    // Rejected by ingest (a time too far ahead): exit 2, the field named on stderr
    final Cli rejected =
        cli(
            "emit",
            "complete",
            "--run-id",
            runId,
            "--step",
            "prepare",
            "--event-time",
            "2099-01-01T00:00:00Z",
            "--ingest-url",
            ingest.url().toString());
    assertThat(rejected.exit()).isEqualTo(2);
    assertThat(rejected.err()).contains("/eventTime");
    // Unreachable: exit 3
    final Cli unreachable =
        cli("emit", "start", "--step", "prepare", "--ingest-url", "http://127.0.0.1:1");
    assertThat(unreachable.exit()).isEqualTo(3);
  }

  private record Cli(int exit, String out, String err) {}

  private static Cli cli(final String... args) {
    final CommandLine command =
        LineageGateCli.commandLine(
            url ->
                IngestClient.builder()
                        .baseUrl(url)
                        .maxAttempts(2)
                        .initialBackoff(Duration.ofMillis(50))
                        .build()
                    ::send,
            Clock.systemUTC());
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return new Cli(command.execute(args), out.toString(), err.toString());
  }
}
