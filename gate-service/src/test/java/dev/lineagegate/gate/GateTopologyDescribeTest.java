package dev.lineagegate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.testkit.ApicurioRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** Renaming a store or the repartition topic orphans its data: the names are pinned here. */
class GateTopologyDescribeTest {

  @Test
  void shouldKeepEveryNameWhenTheTopologyIsBuilt() {
    // Given the topology
    final TopologyDescription description =
        GateTopology.build(
                new GateTopologyConfig(
                    new SerdeFactory(ApicurioRegistry.shared().registryConfig()),
                    GateFixtures.POLICY,
                    GateFixtures.decisions(),
                    Duration.ofSeconds(10),
                    GateBounds.DEFAULTS))
            .describe();

    // When its nodes, stores and topics are listed
    final List<String> subtopologies = new ArrayList<>();
    for (final TopologyDescription.Subtopology sub : description.subtopologies()) {
      final TreeSet<String> names = new TreeSet<>();
      for (final TopologyDescription.Node node : sub.nodes()) {
        names.add(node.name());
        if (node instanceof TopologyDescription.Processor processor) {
          processor.stores().forEach(store -> names.add("store:" + store));
        }
        if (node instanceof TopologyDescription.Source source) {
          source.topicSet().forEach(topic -> names.add("in:" + topic));
        }
        if (node instanceof TopologyDescription.Sink sink) {
          names.add("out:" + sink.topic());
        }
      }
      subtopologies.add(String.join(",", names));
    }

    // Then they are exactly these
    assertThat(subtopologies)
        .containsExactly(
            String.join(
                ",",
                new TreeSet<>(
                    List.of(
                        "decision-inputs",
                        "decisions-source",
                        "gate-artifacts",
                        "gate-by-name-repartition-filter",
                        "gate-by-name-repartition-sink",
                        "gate-inputs",
                        "in:gate.decisions.v1",
                        "in:lineage.verdicts.v1",
                        "out:gate-by-name-repartition",
                        "store:gate-artifacts",
                        "store:gate-decision-log",
                        "store:gate-requests",
                        "store:gate-waiver-expiry",
                        "verdict-inputs",
                        "verdicts-source"))),
            String.join(
                ",",
                new TreeSet<>(
                    List.of(
                        "decisions-sink",
                        "gate-by-name-repartition-source",
                        "gate-names",
                        "in:gate-by-name-repartition",
                        "out:gate.decisions.v1",
                        "store:gate-names"))));
  }
}
