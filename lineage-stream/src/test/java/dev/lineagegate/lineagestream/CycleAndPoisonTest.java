package dev.lineagegate.lineagestream;

import static dev.lineagegate.testkit.TestEvents.complete;
import static dev.lineagegate.testkit.TestEvents.input;
import static dev.lineagegate.testkit.TestEvents.output;
import static dev.lineagegate.testkit.TestEvents.runId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.AlertKind;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Bad input never stops the topology: cycles stop propagating, poison pills go to the DLQ. */
class CycleAndPoisonTest {

  private static final Digest X = Digest.sha256("x");
  private static final Digest Y = Digest.sha256("y");

  @Test
  void shouldStopAndAlertWhenEventsDescribeACycle() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a run that made x from y
      h.send(complete(runId(11), "a", 0, List.of(input("y", Y)), List.of(output("x", X))));
      h.verdicts();

      // When another run claims to have made y from x
      final int messages =
          h.sendCounting(
              complete(runId(12), "b", 5, List.of(input("x", X)), List.of(output("y", Y))));

      // Then the loop is found and cut: a bounded number of messages, a LINEAGE_CYCLE alert,
      // and the artifact that closed it blocked with the path as evidence
      assertThat(messages).isLessThan(50);
      final List<Alert> alerts = h.alerts();
      assertThat(alerts).anyMatch(a -> a.getKind() == AlertKind.LINEAGE_CYCLE);
      final List<Verdict> verdicts = h.verdicts();
      assertThat(verdicts)
          .anyMatch(
              v ->
                  v.getStatus() == VerdictStatus.BLOCK
                      && v.getReasons().stream()
                          .anyMatch(r -> r.getCode() == ReasonCode.LINEAGE_CYCLE));

      // And a later, unrelated run is still processed
      h.send(TestEvents.trainStart()).send(TestEvents.trainComplete());
      assertThat(h.verdicts())
          .extracting(Verdict::getArtifact)
          .contains(TestEvents.MODEL_V1.value());
    }
  }

  @Test
  void shouldDeadLetterWithHeadersAndAlertWhenTheMagicByteIsWrong() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given bytes that are not in the Confluent wire format, keyed by a run id
      final byte[] key = TestEvents.TRAIN_RUN.getBytes(StandardCharsets.UTF_8);
      final byte[] value = {7, 0, 0, 0, 1, 2, 3};

      // When they reach the events topic
      h.sendRaw(key, value);

      // Then they land on the DLQ unchanged, with headers saying what failed and where
      final List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).key()).isEqualTo(key);
      assertThat(dead.get(0).value()).isEqualTo(value);
      assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.EXCEPTION))
          .isEqualTo("dev.lineagegate.schema.serde.WireFormat$WireFormatException");
      assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.TOPIC))
          .isEqualTo(Topics.EVENTS.name());
      assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.PARTITION)).isEqualTo("0");
      assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.OFFSET)).isEqualTo("0");
      assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.MESSAGE)).contains("magic");
      // And a MALFORMED_EVENT alert for the run, and no verdict
      final List<Alert> alerts = h.alerts();
      assertThat(alerts).hasSize(1);
      assertThat(alerts.get(0).getKind()).isEqualTo(AlertKind.MALFORMED_EVENT);
      assertThat(alerts.get(0).getRunId()).isEqualTo(TestEvents.TRAIN_RUN);
      assertThat(h.verdicts()).isEmpty();
    }
  }

  @Test
  void shouldDeadLetterWhenTheSchemaIdIsUnknown() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given the wire format with a schema id no registry knows
      final byte[] value = {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4};

      // When it arrives without a key
      h.sendRaw(null, value);

      // Then it is dead-lettered and alerted, without a run
      assertThat(h.deadLetters()).hasSize(1);
      assertThat(h.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getKind()).isEqualTo(AlertKind.MALFORMED_EVENT);
                assertThat(a.getRunId()).isNull();
              });
    }
  }

  @Test
  void shouldMarkTheRunsOutputsMalformedWhenAContractViolationArrivesForAKnownRun() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a completed run whose model passes
      h.send(TestEvents.trainStart()).send(TestEvents.trainComplete());
      h.verdicts();

      // When an event of the same run arrives with a digest that is not sha256:<64 hex>
      final ExecutionEvent bad =
          ExecutionEvent.newBuilder(TestEvents.trainComplete())
              .setEventId(TestEvents.eventId(TestEvents.TRAIN_RUN, "bad"))
              .setConfig(
                  dev.lineagegate.avro.ConfigInfo.newBuilder()
                      .setDigest("md5:abc")
                      .setParameters(java.util.Map.of())
                      .build())
              .build();
      h.send(bad);

      // Then it is dead-lettered, alerted, and the model is blocked as MALFORMED
      assertThat(h.deadLetters()).hasSize(1);
      assertThat(h.alerts())
          .extracting(Alert::getKind)
          .containsExactlyInAnyOrder(AlertKind.MALFORMED_EVENT, AlertKind.VERDICT_WORSENED);
      assertThat(h.verdicts())
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.getArtifact()).isEqualTo(TestEvents.MODEL_V1.value());
                assertThat(v.getStatus()).isEqualTo(VerdictStatus.BLOCK);
                assertThat(v.getReasons())
                    .extracting(r -> r.getCode())
                    .containsExactly(ReasonCode.MALFORMED);
                assertThat(v.getSequence()).isEqualTo(2L);
              });
    }
  }

  @Test
  void shouldDeadLetterAnEventWhoseOutputIsOneOfTheRunsEarlierInputs() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a started run that consumes features v1
      h.send(TestEvents.trainStart());

      // When its COMPLETE claims to have produced features v1
      h.send(
          ExecutionEvent.newBuilder(TestEvents.trainComplete())
              .setInputs(List.of())
              .setOutputs(List.of(output(TestEvents.FEATURES, TestEvents.FEATURES_V1)))
              .build());

      // Then the COMPLETE is refused as inconsistent with the START, and nothing was produced
      final List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
      assertThat(dead).hasSize(1);
      assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.MESSAGE))
          .startsWith("inconsistent with the earlier events of run " + TestEvents.TRAIN_RUN)
          .contains("a run cannot produce what it consumed");
      assertThat(h.verdicts())
          .extracting(Verdict::getArtifact)
          .containsExactly(TestEvents.FEATURES_V1.value());
    }
  }
}
