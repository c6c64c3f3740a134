package dev.lineagegate.lineagestream.query;

import java.util.List;

/**
 * The answer of a lineage query: artifact versions and runs, and the edges between them (input →
 * run, run → output), in the order they were found from the root.
 *
 * @param root the digest asked about
 * @param direction upstream, downstream or both
 * @param depth how many runs away from the root the walk went, at most
 * @param truncated true when the node limit stopped the walk early
 */
public record LineageGraph(
    String root,
    Direction direction,
    int depth,
    boolean truncated,
    List<Node> nodes,
    List<Edge> edges) {

  public LineageGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** Which way from the root. */
  public enum Direction {
    UPSTREAM,
    DOWNSTREAM,
    BOTH;

    public boolean up() {
      return this != DOWNSTREAM;
    }

    public boolean down() {
      return this != UPSTREAM;
    }
  }

  /**
   * An artifact version ({@code kind = artifact}: digest, name, verdict status or null; {@code
   * pending} when a run still open declared it, DESIGN.md §3) or a run ({@code kind = run}: runId,
   * step when known). {@code id} is the digest or {@code run:<runId>}.
   */
  public record Node(
      String id,
      String kind,
      String digest,
      String name,
      String status,
      String runId,
      String step,
      boolean pending) {

    static Node artifact(final String digest, final String name, final String status) {
      return new Node(digest, "artifact", digest, name, status, null, null, false);
    }

    static Node pending(final String digest, final String name) {
      return new Node(digest, "artifact", digest, name, null, null, null, true);
    }

    static Node run(final String runId, final String step) {
      return new Node(runId(runId), "run", null, null, null, runId, step, false);
    }

    static String runId(final String runId) {
      return "run:" + runId;
    }
  }

  /** From an input to the run that read it, or from a run to what it wrote. */
  public record Edge(String from, String to) {}
}
