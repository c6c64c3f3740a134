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

    // Then it is exactly one sub-topology with its pinned names, stores and topics: a run's
    // messages reach the graph processor of the same task (Kafka prints stores and successors in
    // hash order: the text is Kafka's, copied as it prints it)
    assertThat(description)
        .isEqualTo(
            """
            Topologies:
               Sub-topology: 0
                Source: events-source (topics: [lineage.events.v1])
                  --> runs
                Processor: runs (stores: [open-runs, event-ids, runs])
                  --> nodes, dead-letter-sink, run-alerts-sink
                  <-- events-source
                Source: graph-source (topics: [lineage.graph.v1])
                  --> nodes
                Processor: nodes (stores: [consumer-edges, name-nodes, recipe-nodes, artifact-nodes, name-links, graph-work-queue])
                  --> node-alerts-sink, nodes-dead-letter-sink, nodes-to-graph-sink, verdicts-sink
                  <-- graph-source, runs
                Sink: dead-letter-sink (topic: lineage.events.dlq.v1)
                  <-- runs
                Sink: node-alerts-sink (topic: lineage.alerts.v1)
                  <-- nodes
                Sink: nodes-dead-letter-sink (topic: lineage.events.dlq.v1)
                  <-- nodes
                Sink: nodes-to-graph-sink (topic: lineage.graph.v1)
                  <-- nodes
                Sink: run-alerts-sink (topic: lineage.alerts.v1)
                  <-- runs
                Sink: verdicts-sink (topic: lineage.verdicts.v1)
                  <-- nodes

            """);
  }

  @Test
  void shouldHaveOneSubtopologyWhenBuilt() {
    // Given / When
    final TopologyDescription description =
        LineageTopology.build(
                TopologyConfig.of(
                    new SerdeFactory(RegistryConfig.of(URI.create("http://127.0.0.1:9"))),
                    Policy.defaults()))
            .describe();

    // Then runs and graph nodes share their tasks (DESIGN.md §9): lineage.graph.v1 only carries
    // messages to nodes another task owns
    assertThat(description.subtopologies()).hasSize(1);
    assertThat(description.globalStores()).isEmpty();
  }
}
