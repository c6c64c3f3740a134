package dev.lineagegate.lineagestream;

/**
 * The names of lineage-stream's sources, processors, sinks and stores: a class of its own, so that
 * the processors that look up their stores do not import the topology that builds them. {@code
 * LineageTopologyDescribeTest} pins them: renaming a store or topic orphans its changelog.
 */
public final class TopologyNames {

  public static final String EVENTS_SOURCE = "events-source";
  public static final String RUNS = "runs";
  public static final String DLQ_SINK = "dead-letter-sink";
  public static final String RUN_ALERTS_SINK = "run-alerts-sink";
  public static final String GRAPH_SOURCE = "graph-source";
  public static final String NODES = "nodes";
  public static final String NODES_TO_GRAPH = "nodes-to-graph-sink";
  public static final String VERDICTS_SINK = "verdicts-sink";
  public static final String NODE_ALERTS_SINK = "node-alerts-sink";
  public static final String NODES_DLQ_SINK = "nodes-dead-letter-sink";
  public static final String RUNS_STORE = "runs";
  public static final String EVENT_IDS_STORE = "event-ids";
  public static final String OPEN_RUNS_STORE = "open-runs";
  public static final String ARTIFACTS_STORE = "artifact-nodes";
  public static final String EDGES_STORE = "consumer-edges";
  public static final String NAMES_STORE = "name-nodes";
  public static final String RECIPES_STORE = "recipe-nodes";
  public static final String NAME_LINKS_STORE = "name-links";
  public static final String WORK_QUEUE_STORE = "graph-work-queue";

  private TopologyNames() {}
}
