package dev.lineagegate.lineagestream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.policy.Policy;
import dev.lineagegate.testkit.TestEvents;
import org.junit.jupiter.api.Test;

class LineageTopologySmokeTest {

  @Test
  void shouldEmitVerdictsWhenRunCompletes() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      h.send(TestEvents.trainStart());
      h.send(TestEvents.trainComplete());
      h.verdicts().forEach(v -> System.out.println(v));
      h.alerts().forEach(v -> System.out.println(v));
      assertThat(h.deadLetters()).isEmpty();
    }
  }
}
