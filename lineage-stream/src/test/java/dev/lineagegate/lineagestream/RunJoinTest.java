package dev.lineagegate.lineagestream;

import static dev.lineagegate.testkit.TestEvents.FEATURES;
import static dev.lineagegate.testkit.TestEvents.FEATURES_V1;
import static dev.lineagegate.testkit.TestEvents.MODEL;
import static dev.lineagegate.testkit.TestEvents.MODEL_V1;
import static dev.lineagegate.testkit.TestEvents.TRAIN_RUN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.testkit.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Joining the events of one run (DESIGN.md §3): any order, duplicates dropped. */
class RunJoinTest {

  @Test
  void shouldEmitFullPassVerdictsWhenAnAuditableRunCompletes() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a fully auditable train run
      // When its START then its COMPLETE arrive
      h.send(TestEvents.trainStart()).send(TestEvents.trainComplete());

      // Then its input (a source) and its output each get one verdict, and nothing else happens
      assertThat(h.verdicts())
          .containsExactly(
              Expect.source(FEATURES_V1, FEATURES, h.now()),
              Expect.pass(
                  MODEL_V1, MODEL, TRAIN_RUN, Expect.recipe("train", FEATURES_V1), h.now()));
      assertThat(h.alerts()).isEmpty();
      assertThat(h.deadLetters()).isEmpty();
    }
  }

  @Test
  void shouldJoinTheRunWhenCompleteArrivesBeforeStart() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given the COMPLETE of the train run
      // When it arrives before the START
      h.send(TestEvents.trainComplete());
      final List<Verdict> first = h.verdicts();
      h.send(TestEvents.trainStart());

      // Then the verdicts are those of the run in order, and the late START changes nothing
      assertThat(first)
          .containsExactly(
              Expect.source(FEATURES_V1, FEATURES, h.now()),
              Expect.pass(
                  MODEL_V1, MODEL, TRAIN_RUN, Expect.recipe("train", FEATURES_V1), h.now()));
      assertThat(h.verdicts()).isEmpty();
      assertThat(h.alerts()).isEmpty();
    }
  }

  @Test
  void shouldChangeNothingWhenAnEventIdArrivesTwice() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a completed run
      h.send(TestEvents.trainStart()).send(TestEvents.trainComplete());
      h.verdicts();

      // When both events arrive again, and a changed event reuses the COMPLETE's eventId
      h.send(TestEvents.trainStart()).send(TestEvents.trainComplete());
      final ExecutionEvent sameId =
          ExecutionEvent.newBuilder(TestEvents.trainComplete()).setOutputs(List.of()).build();
      final int delivered = h.sendCounting(sameId);

      // Then nothing new is emitted, not even to the graph
      assertThat(h.verdicts()).isEmpty();
      assertThat(h.alerts()).isEmpty();
      assertThat(h.deadLetters()).isEmpty();
      assertThat(delivered).isZero();
    }
  }
}
