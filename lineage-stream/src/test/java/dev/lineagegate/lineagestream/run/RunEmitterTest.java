package dev.lineagegate.lineagestream.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.testkit.TestEvents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunEmitterTest {

  @Test
  void shouldKeepOnlyWhatRulesReadWhenFactsGoToTheGraph() {
    // Given the merged facts of the train run (every field of §3 set)
    final RunFacts full =
        RunMerge.merge(List.of(TestEvents.trainStart(), TestEvents.trainComplete()));

    // When they are slimmed for the graph
    final RunFacts slim = RunEmitter.slim(full);

    // Then digests, code, inputs, outputs, cost and checks stay; the details go
    final ExecutionEvent expected =
        ExecutionEvent.newBuilder(TestEvents.trainComplete())
            .setConfig(new ConfigInfo(TestEvents.CONFIG.value(), Map.of()))
            .setEnvironment(
                new EnvironmentInfo(
                    TestEvents.ENVIRONMENT.value(), null, null, Map.of(), Map.of(), Map.of()))
            .setProducer(null)
            .build();
    assertThat(slim).isEqualTo(RunFacts.newBuilder(full).setMerged(expected).build());
    // And the recipe is the full run's
    assertThat(slim.getRecipe()).isEqualTo(full.getRecipe());
  }
}
