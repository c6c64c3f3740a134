package dev.lineagegate.lineagestream.query;

import dev.lineagegate.lineagestream.query.LineageGraph.Edge;
import dev.lineagegate.lineagestream.query.LineageGraph.Node;

/**
 * A lineage graph as Graphviz DOT: artifact versions as boxes coloured by status, runs as ellipses,
 * left to right from inputs to outputs. Ids are quoted, so digests and names need no escaping
 * beyond quotes and backslashes.
 */
public final class Dot {

  public static final String CONTENT_TYPE = "text/vnd.graphviz; charset=utf-8";

  private Dot() {}

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
    for (final Edge edge : graph.edges()) {
      dot.append("  ").append(quote(edge.from())).append(" -> ").append(quote(edge.to()));
      dot.append(";\n");
    }
    return dot.append("}\n").toString();
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
