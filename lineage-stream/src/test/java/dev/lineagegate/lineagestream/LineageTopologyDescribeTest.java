package dev.lineagegate.lineagestream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.registry.RegistryConfig;
import dev.lineagegate.schema.serde.SerdeFactory;
import java.net.URI;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Pins every name of the topology: a renamed store or sink orphans its changelog or its topic, so a
 * rename must be a decision, made here, not an accident.
 */
class LineageTopologyDescribeTest {

  @Test
  void shouldKeepEveryNameWhenTheTopologyIsBuilt() {
    // Given a topology built without I/O (the registry is not contacted before the first record)
    final SerdeFactory serdes =
        new SerdeFactory(RegistryConfig.of(URI.create("http://127.0.0.1:9/apis/ccompat/v7")));

    // When it is described
    final String description =
        LineageTopology.build(TopologyConfig.of(serdes, Policy.defaults())).describe().toString();

    // Then it is exactly the two sub-topologies with their pinned names, stores and topics
    // (Kafka prints stores and successors in hash order, and indents the second sub-topology
    // one space less: the text is Kafka's, copied as it prints it)
    assertThat(description)
        .isEqualTo(
            """
            Topologies:
               Sub-topology: 0
                Source: events-source (topics: [lineage.events.v1])
                  --> runs
                Processor: runs (stores: [open-runs, event-ids, runs])
                  --> dead-letter-sink, run-alerts-sink, runs-to-graph-sink
                  <-- events-source
                Sink: dead-letter-sink (topic: lineage.events.dlq.v1)
                  <-- runs
                Sink: run-alerts-sink (topic: lineage.alerts.v1)
                  <-- runs
                Sink: runs-to-graph-sink (topic: lineage.graph.v1)
                  <-- runs

              Sub-topology: 1
                Source: graph-source (topics: [lineage.graph.v1])
                  --> nodes
                Processor: nodes (stores: [consumer-edges, name-nodes, recipe-nodes, artifact-nodes, name-links])
                  --> node-alerts-sink, nodes-dead-letter-sink, nodes-to-graph-sink, verdicts-sink
                  <-- graph-source
                Sink: node-alerts-sink (topic: lineage.alerts.v1)
                  <-- nodes
                Sink: nodes-dead-letter-sink (topic: lineage.events.dlq.v1)
                  <-- nodes
                Sink: nodes-to-graph-sink (topic: lineage.graph.v1)
                  <-- nodes
                Sink: verdicts-sink (topic: lineage.verdicts.v1)
                  <-- nodes

            """);
  }

  @Test
  void shouldHaveTwoSubtopologiesWhenBuilt() {
    // Given / When
    final TopologyDescription description =
        LineageTopology.build(
                TopologyConfig.of(
                    new SerdeFactory(RegistryConfig.of(URI.create("http://127.0.0.1:9"))),
                    Policy.defaults()))
            .describe();

    // Then runs and graph nodes are separate tasks: only lineage.graph.v1 connects them
    assertThat(description.subtopologies()).hasSize(2);
    assertThat(description.globalStores()).isEmpty();
  }
}
