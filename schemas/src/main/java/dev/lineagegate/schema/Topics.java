package dev.lineagegate.schema;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.graph.GraphMessage;
import java.util.List;

/** Every topic of lineage-gate (DESIGN.md §5), the one place their names are spelled. */
public final class Topics {

  /** Key = runId: all events of one run stay ordered on one partition. */
  public static final Topic<String, ExecutionEvent> EVENTS =
      new Topic<>("lineage.events.v1", String.class, ExecutionEvent.class);

  /**
   * Key = the original key, value = the original bytes, with error headers. Raw bytes because what
   * lands here could not be decoded in the first place.
   */
  public static final Topic<byte[], byte[]> EVENTS_DLQ =
      new Topic<>("lineage.events.dlq.v1", byte[].class, byte[].class);

  /** Key = artifact digest: every verdict of one artifact version is ordered, latest wins. */
  public static final Topic<String, Verdict> VERDICTS =
      new Topic<>("lineage.verdicts.v1", String.class, Verdict.class);

  /** Key = artifact digest, so that on-call sees an artifact's alerts in order. */
  public static final Topic<String, Alert> ALERTS =
      new Topic<>("lineage.alerts.v1", String.class, Alert.class);

  /** Key = artifact digest: the decisions of one artifact are read in order, oldest first. */
  public static final Topic<String, GateDecision> DECISIONS =
      new Topic<>("gate.decisions.v1", String.class, GateDecision.class);

  /**
   * OpenLineage DatasetEvents and JobEvents, kept as the JSON they arrived as: they describe
   * datasets and jobs, not runs, so they are recorded without inventing one. Key = {@code
   * dataset:<namespace>/<name>} or {@code job:<namespace>/<name>}, so that the history of one
   * dataset or job stays ordered and compacts to its latest state.
   */
  public static final Topic<String, byte[]> OPENLINEAGE_METADATA =
      new Topic<>("lineage.openlineage.metadata.v1", String.class, byte[].class);

  /**
   * lineage-stream's own mailbox: messages between the nodes of the lineage graph (artifact
   * versions, names, recipes), which it both writes and reads, so that a change travels from an
   * artifact to its consumers, transitively. Key = the address of the receiving node (an artifact
   * digest, {@code name:<name>} or {@code recipe:<recipe>}): every message to one node lands on the
   * partition whose task owns that node's state, in the order it was sent.
   */
  public static final Topic<String, GraphMessage> GRAPH =
      new Topic<>("lineage.graph.v1", String.class, GraphMessage.class);

  /** All topics, in pipeline order. */
  public static final List<Topic<?, ?>> ALL =
      List.of(EVENTS, EVENTS_DLQ, GRAPH, VERDICTS, ALERTS, DECISIONS, OPENLINEAGE_METADATA);

  private Topics() {}
}
