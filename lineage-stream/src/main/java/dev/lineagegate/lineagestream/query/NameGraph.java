package dev.lineagegate.lineagestream.query;

import dev.lineagegate.lineagestream.query.LineageGraph.Direction;
import dev.lineagegate.lineagestream.query.LineageGraph.Edge;
import java.util.List;

/**
 * The answer of a name-level lineage query (DESIGN.md §6.3, Marquez's view): datasets (names) and
 * jobs (steps), edges dataset → job (the job read it) and job → dataset (the job wrote it), in the
 * order they were found from the root.
 *
 * @param root {@code dataset:<name>} of the name asked about
 * @param direction upstream, downstream or both
 * @param depth how many jobs away from the root the walk went, at most
 * @param truncated true when a bound (nodes, store reads) stopped the walk early
 */
public record NameGraph(
    String root,
    Direction direction,
    int depth,
    boolean truncated,
    List<Node> nodes,
    List<Edge> edges) {

  public NameGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /**
   * A dataset ({@code kind = dataset}: name, status of its newest version, how many versions the
   * name lists) or a job ({@code kind = job}: step, its newest run seen, that run's status). Status
   * is a verdict status or null.
   */
  public record Node(
      String id,
      String kind,
      String name,
      String status,
      int versions,
      String step,
      String lastRunId) {

    public boolean job() {
      return "job".equals(kind);
    }

    public static Node dataset(final String name, final String status, final int versions) {
      return new Node(datasetId(name), "dataset", name, status, versions, null, null);
    }

    public static Node job(final String step, final String lastRunId, final String status) {
      return new Node(jobId(step), "job", null, status, 0, step, lastRunId);
    }

    public static String datasetId(final String name) {
      return "dataset:" + name;
    }

    public static String jobId(final String step) {
      return "job:" + step;
    }
  }
}
