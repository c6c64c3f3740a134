package dev.lineagegate.lineagestream.query;

import dev.lineagegate.lineagestream.query.LineageGraph.Edge;
import dev.lineagegate.lineagestream.query.LineageGraph.Node;
import java.util.List;

/**
 * A lineage graph as Graphviz DOT: artifact versions (or datasets) as boxes coloured by status,
 * runs (or jobs) as ellipses, left to right from inputs to outputs. Ids are quoted, so digests and
 * names need no escaping beyond quotes and backslashes.
 */
public final class GraphvizDot {

  public static final String CONTENT_TYPE = "text/vnd.graphviz; charset=utf-8";

  private GraphvizDot() {}

  public static String render(final LineageGraph graph) {
    final StringBuilder dot = new StringBuilder("digraph lineage {\n  rankdir=LR;\n");
    for (final Node node : graph.nodes()) {
      dot.append("  ").append(quote(node.id())).append(" [");
      if ("run".equals(node.kind())) {
        final String step = node.step() == null ? "run" : node.step();
        dot.append("shape=ellipse, label=").append(quote(step + "\n" + node.runId()));
      } else {
        final String name = node.name() == null ? "" : node.name() + "\n";
        final String status =
            node.pending() ? "pending" : node.status() == null ? "no verdict" : node.status();
        dot.append(
                node.pending()
                    ? "shape=box, style=\"dashed,filled\", fillcolor="
                    : "shape=box, style=filled, fillcolor=")
            .append(colour(node.status()))
            .append(", label=")
            .append(quote(name + shortDigest(node.digest()) + "\n" + status));
      }
      dot.append("];\n");
    }
    edges(dot, graph.edges());
    return dot.append("}\n").toString();
  }

  /**
   * A name-level graph (§6.3): datasets as boxes coloured by the status of their newest version,
   * jobs as ellipses coloured by the status of their newest run, in the colours of versions.
   */
  public static String render(final NameGraph graph) {
    final StringBuilder dot = new StringBuilder("digraph lineage {\n  rankdir=LR;\n");
    for (final NameGraph.Node node : graph.nodes()) {
      final String status = node.status() == null ? "no verdict" : node.status();
      dot.append("  ").append(quote(node.id())).append(" [");
      if (node.job()) {
        final String run = node.lastRunId() == null ? "" : "\nrun " + node.lastRunId();
        dot.append("shape=ellipse, style=filled, fillcolor=")
            .append(colour(node.status()))
            .append(", label=")
            .append(quote(node.step() + run + "\n" + status));
      } else {
        final String versions = node.versions() == 1 ? "1 version" : node.versions() + " versions";
        dot.append("shape=box, style=filled, fillcolor=")
            .append(colour(node.status()))
            .append(", label=")
            .append(quote(node.name() + "\n" + status + ", " + versions));
      }
      dot.append("];\n");
    }
    edges(dot, graph.edges());
    return dot.append("}\n").toString();
  }

  private static void edges(final StringBuilder dot, final List<Edge> edges) {
    for (final Edge edge : edges) {
      dot.append("  ").append(quote(edge.from())).append(" -> ").append(quote(edge.to()));
      dot.append(";\n");
    }
  }

  private static String colour(final String status) {
    if (status == null) {
      return "white";
    }
    return switch (status) {
      case "PASS" -> "palegreen";
      case "WARN" -> "khaki";
      default -> "lightcoral";
    };
  }

  private static String shortDigest(final String digest) {
    return digest.length() > 19 ? digest.substring(0, 19) + "…" : digest;
  }

  private static String quote(final String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
