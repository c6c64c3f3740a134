package dev.lineagegate.lineagestream.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LayeredLayoutTest {

  @Test
  void shouldPlaceInputsLeftOfRunsLeftOfOutputsWhenTheGraphIsAChain() {
    // Given raw -> prepare -> clean -> train -> model, listed out of order
    final List<String> nodes = List.of("model", "run:train", "clean", "run:prepare", "raw");
    final List<String[]> edges =
        List.of(
            new String[] {"raw", "run:prepare"},
            new String[] {"run:prepare", "clean"},
            new String[] {"clean", "run:train"},
            new String[] {"run:train", "model"});

    // When
    final Map<String, LayeredLayout.Point> at = LayeredLayout.place(nodes, edges);

    // Then
    assertThat(at.get("raw").x()).isLessThan(at.get("run:prepare").x());
    assertThat(at.get("run:prepare").x()).isLessThan(at.get("clean").x());
    assertThat(at.get("clean").x()).isLessThan(at.get("run:train").x());
    assertThat(at.get("run:train").x()).isLessThan(at.get("model").x());
  }

  @Test
  void shouldGiveEveryNodeItsOwnPlaceWhenFiveHundredNodesFanOut() {
    // Given one run reading 250 inputs and writing 249 outputs (the query's bound: 500 nodes)
    final List<String> nodes = new ArrayList<>(List.of("run:big"));
    final List<String[]> edges = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      nodes.add("in" + i);
      edges.add(new String[] {"in" + i, "run:big"});
    }
    for (int i = 0; i < 249; i++) {
      nodes.add("out" + i);
      edges.add(new String[] {"run:big", "out" + i});
    }

    // When
    final Map<String, LayeredLayout.Point> at = LayeredLayout.place(nodes, edges);

    // Then no two nodes overlap, and the run sits between its inputs and outputs
    final Set<LayeredLayout.Point> distinct = new HashSet<>(at.values());
    assertThat(distinct).hasSize(500);
    assertThat(at.get("in0").x()).isLessThan(at.get("run:big").x());
    assertThat(at.get("out0").x()).isGreaterThan(at.get("run:big").x());
  }

  @Test
  void shouldPlaceEveryNodeWhenTheGraphHasACycle() {
    // Given a -> b -> a (the walk can show a reported cycle)
    final List<String> nodes = List.of("a", "b", "c");
    final List<String[]> edges =
        List.of(new String[] {"a", "b"}, new String[] {"b", "a"}, new String[] {"b", "c"});

    // When
    final Map<String, LayeredLayout.Point> at = LayeredLayout.place(nodes, edges);

    // Then
    assertThat(at).containsKeys("a", "b", "c");
    assertThat(new HashSet<>(at.values())).hasSize(3);
  }
}
