package dev.lineagegate.lineagestream;

import static dev.lineagegate.testkit.TestEvents.complete;
import static dev.lineagegate.testkit.TestEvents.input;
import static dev.lineagegate.testkit.TestEvents.output;
import static dev.lineagegate.testkit.TestEvents.runId;
import static dev.lineagegate.testkit.TestEvents.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.AlertKind;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.lineagestream.run.RunLimits;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.service.state.StateLimitException;
import dev.lineagegate.testkit.TestEvents;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * State per key is bounded (DESIGN.md §3, issue #12): what a run or a node cannot keep is refused
 * before it is written, said (dead letter, STATE_LIMIT alert and reason), and every other key goes
 * on. No record larger than the bound ever reaches a changelog.
 */
class StateLimitTest {

  private static final int SMALL = 64 * 1024;
  private static final Digest MODEL = Digest.sha256("model of the wide run");

  @Test
  void shouldDeadLetterTheEventAndMarkTheOutputsWhenARunWouldListMoreInputsThanItKeeps() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a run that started with 200 inputs
      final String run = runId(40);
      h.send(start(run, "wide", 0, inputs(0, 200, 8)));

      // When a later event of it lists 100 more
      final ExecutionEvent more =
          ExecutionEvent.newBuilder(start(run, "wide", 0, inputs(200, 300, 8)))
              .setEventId(TestEvents.eventId(run, "running"))
              .build();
      h.send(more);

      // Then that event is dead-lettered with why, and a STATE_LIMIT alert names the run
      final List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
      assertThat(dead).hasSize(1);
      assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.EXCEPTION))
          .isEqualTo(StateLimitException.class.getName());
      assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.MESSAGE))
          .isEqualTo("run " + run + " would list 300 inputs; a run keeps at most 256");
      assertThat(h.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getKind()).isEqualTo(AlertKind.STATE_LIMIT);
                assertThat(a.getRunId()).isEqualTo(run);
                assertThat(a.getSummary()).contains("300 inputs", "256");
              });

      // And when the run completes, its output is blocked with STATE_LIMIT
      h.send(complete(run, "wide", 0, inputs(0, 200, 8), List.of(output("model:wide", MODEL))));
      final Verdict verdict = last(h.verdicts());
      assertThat(verdict.getArtifact()).isEqualTo(MODEL.value());
      assertThat(verdict.getStatus()).isEqualTo(VerdictStatus.BLOCK);
      assertThat(codes(verdict)).contains(ReasonCode.STATE_LIMIT);

      // And an unrelated run is processed as ever
      h.send(TestEvents.trainStart()).send(TestEvents.trainComplete());
      assertThat(h.verdicts())
          .extracting(Verdict::getArtifact)
          .contains(TestEvents.MODEL_V1.value());
    }
  }

  @Test
  void shouldRefuseTheEventThatWouldTakeARunPastItsBytesWhenNamesAreLong() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults(), 256, SMALL)) {
      // Given a run whose events each add 40 inputs with 500-character names
      final String run = runId(41);
      int from = 0;
      final List<TestRecord<byte[], byte[]>> dead = new ArrayList<>();
      // When it keeps sending them, until the run's state would pass 64 KiB
      while (dead.isEmpty() && from < RunLimits.MAX_INPUTS) {
        h.send(
            ExecutionEvent.newBuilder(start(run, "long", 0, inputs(from, from + 40, 500)))
                .setEventId(TestEvents.eventId(run, "start " + from))
                .build());
        from += 40;
        dead.addAll(h.deadLetters());
      }

      // Then the event that would have passed it is refused with the size and the limit
      assertThat(from).isLessThan(RunLimits.MAX_INPUTS);
      assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.MESSAGE))
          .startsWith("RunState would be ")
          .endsWith("bytes, over its limit of " + SMALL + " bytes");
      assertThat(h.alerts()).extracting(Alert::getKind).containsExactly(AlertKind.STATE_LIMIT);
    }
  }

  @Test
  void shouldKeepTheNodesEarlierStateAndBlockItWhenTheArtifactWouldExceedItsBound() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults(), 256, SMALL)) {
      // Given runs of one recipe that all reproduce the same model, each with 20 KB of facts
      final List<InputArtifact> wide = inputs(0, 30, 600);
      int runs = 0;

      // When more of them complete than its node can keep
      while (runs < 10) {
        final String run = runId(100 + runs);
        h.send(start(run, "repro", 0, wide));
        h.send(complete(run, "repro", 0, wide, List.of(output("model:repro", MODEL))));
        runs++;
      }

      // Then the model's verdict says that lineage-gate could not keep all of it
      final Verdict verdict = last(h.verdicts());
      assertThat(verdict.getArtifact()).isEqualTo(MODEL.value());
      assertThat(verdict.getStatus()).isEqualTo(VerdictStatus.BLOCK);
      final Reason limit =
          verdict.getReasons().stream()
              .filter(r -> r.getCode() == ReasonCode.STATE_LIMIT)
              .findFirst()
              .orElseThrow();
      assertThat(limit.getMessage())
          .contains("ArtifactNode would be ")
          .contains("over its limit of " + SMALL + " bytes");
      // And nothing was dead-lettered: every run was kept, only the node is bounded
      assertThat(h.deadLetters()).isEmpty();
    }
  }

  @Test
  void shouldForgetTheOldestVersionsWhenANameWithALongNameHasMoreThanFit() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults(), 256, SMALL)) {
      // Given a 900-character name
      final String name = "s3://bucket/" + "x".repeat(888);

      // When 90 versions of it are produced (90 × ~1 KB is more than 64 KiB)
      for (int v = 0; v < 90; v++) {
        h.send(
            atSecond(
                complete(
                    runId(200 + v), "versions", 0, List.of(), List.of(output(name, version(v)))),
                v));
      }
      h.verdicts();

      // Then a run reading the name by digest of the newest version is not superseded, and one
      // reading the one before is: the newest versions were kept
      h.send(
          atSecond(
              complete(
                  runId(400),
                  "reader",
                  0,
                  List.of(input(name, version(88))),
                  List.of(output("model:reader", Digest.sha256("reader")))),
              95));
      final Verdict reader = last(h.verdicts());
      assertThat(reader.getArtifact()).isEqualTo(Digest.sha256("reader").value());
      assertThat(codes(reader)).as(reader.toString()).contains(ReasonCode.SUPERSEDED_INPUT);
      assertThat(h.deadLetters()).isEmpty();
    }
  }

  /** {@code event} at {@code second} seconds after T0: many versions within the harness's hour. */
  private static ExecutionEvent atSecond(final ExecutionEvent event, final int second) {
    return ExecutionEvent.newBuilder(event).setEventTime(TestEvents.T0.plusSeconds(second)).build();
  }

  private static Digest version(final int v) {
    return Digest.sha256("version " + v);
  }

  private static List<InputArtifact> inputs(final int from, final int to, final int nameLength) {
    final List<InputArtifact> inputs = new ArrayList<>();
    for (int i = from; i < to; i++) {
      final String prefix = "s3://raw/" + i + "/";
      inputs.add(
          input(
              prefix + "n".repeat(Math.max(0, nameLength - prefix.length())),
              Digest.sha256("input " + i)));
    }
    return inputs;
  }

  private static List<ReasonCode> codes(final Verdict verdict) {
    return verdict.getReasons().stream().map(Reason::getCode).toList();
  }

  private static Verdict last(final List<Verdict> verdicts) {
    assertThat(verdicts).isNotEmpty();
    return verdicts.get(verdicts.size() - 1);
  }
}
