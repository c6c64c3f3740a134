package dev.lineagegate.lineagestream.graph;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.lineagestream.TopologyNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Where the graph processor's results go: to other nodes (in the task, or through {@code
 * lineage.graph.v1}), to {@code lineage.verdicts.v1} or to {@code lineage.alerts.v1}. Each output
 * keeps the timestamp of the record that caused it, so a replay of the same input yields the same
 * output.
 */
final class Outbox {

  private final ProcessorContext<String, SpecificRecord> context;
  private final Delivery delivery;
  private long timestamp;

  Outbox(final ProcessorContext<String, SpecificRecord> context, final Delivery delivery) {
    this.context = context;
    this.delivery = delivery;
  }

  void at(final long timestamp) {
    this.timestamp = timestamp;
  }

  long timestamp() {
    return timestamp;
  }

  /**
   * A message for the node at {@code address} (an artifact digest, name: or recipe:): delivered in
   * this task when it owns the node, else through {@code lineage.graph.v1}.
   */
  void send(final String address, final Object body) {
    delivery.send(address, body);
  }

  /** Key = artifact digest: the verdicts of one artifact are ordered, latest wins. */
  void verdict(final Verdict verdict) {
    context.forward(
        new Record<String, SpecificRecord>(verdict.getArtifact(), verdict, timestamp),
        TopologyNames.VERDICTS_SINK);
  }

  /** Key = artifact digest, so that on-call reads one artifact's alerts in order. */
  void alert(final Alert alert) {
    context.forward(
        new Record<String, SpecificRecord>(alert.getArtifact(), alert, timestamp),
        TopologyNames.NODE_ALERTS_SINK);
  }
}
