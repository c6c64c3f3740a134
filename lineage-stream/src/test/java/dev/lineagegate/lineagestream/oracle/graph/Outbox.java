package dev.lineagegate.lineagestream.oracle.graph;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.graph.GraphMessage;
import dev.lineagegate.lineagestream.oracle.OracleTopology;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Where the graph processor's results go: to other nodes (back onto {@code lineage.graph.v1}), to
 * {@code lineage.verdicts.v1} or to {@code lineage.alerts.v1}. Each output keeps the timestamp of
 * the record that caused it, so a replay of the same input yields the same output.
 */
final class Outbox {

  private final ProcessorContext<String, SpecificRecord> context;
  private long timestamp;

  Outbox(final ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
  }

  void at(final long timestamp) {
    this.timestamp = timestamp;
  }

  long timestamp() {
    return timestamp;
  }

  /** A message for the node at {@code address} (an artifact digest, name: or recipe:). */
  void send(final String address, final Object body) {
    context.forward(
        new Record<String, SpecificRecord>(
            address, new GraphMessage(body, null, List.of()), timestamp),
        OracleTopology.NODES_TO_GRAPH);
  }

  /** Key = artifact digest: the verdicts of one artifact are ordered, latest wins. */
  void verdict(final Verdict verdict) {
    context.forward(
        new Record<String, SpecificRecord>(verdict.getArtifact(), verdict, timestamp),
        OracleTopology.VERDICTS_SINK);
  }

  /** Key = artifact digest, so that on-call reads one artifact's alerts in order. */
  void alert(final Alert alert) {
    context.forward(
        new Record<String, SpecificRecord>(alert.getArtifact(), alert, timestamp),
        OracleTopology.NODE_ALERTS_SINK);
  }
}
