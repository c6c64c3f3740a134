package dev.lineagegate.lineagestream.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.lineagestream.query.LineageGraph;
import dev.lineagegate.lineagestream.query.NameGraph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lineage graph shaped for the page's Cytoscape.js drawing: each node with its label, kind
 * (artifact or run; dataset or job), status colour, link, position ({@link LayeredLayout}) and
 * whether it is on the path to a blocking ancestor ({@link BlockingPath}); the page adds no
 * knowledge of its own. Labels are drawn on a canvas (never parsed as markup) and made free of
 * control characters here.
 */
public final class GraphView {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int LABEL_MAX = 28;

  /** One node as drawn. */
  record Drawn(String id, String kind, String label, String status, String href, boolean pending) {}

  private GraphView() {}

  /** The fill colours of the DOT output ({@code query.GraphvizDot}), so both pictures agree. */
  public static String colour(final String status) {
    if (status == null) {
      return "white";
    }
    return switch (status) {
      case "PASS" -> "palegreen";
      case "WARN" -> "khaki";
      default -> "lightcoral";
    };
  }

  /** A version-level graph; {@code blockers} are the blocking ancestors the verdict names. */
  public static ObjectNode of(final LineageGraph graph, final Set<String> blockers) {
    final List<Drawn> nodes = new ArrayList<>();
    for (final LineageGraph.Node node : graph.nodes()) {
      if ("run".equals(node.kind())) {
        nodes.add(
            new Drawn(
                node.id(),
                "run",
                cut(node.step() == null ? "run" : node.step())
                    + "\nrun "
                    + Html.label(shortId(node.runId())),
                null,
                null,
                false));
      } else {
        final String status =
            node.pending() ? "pending" : node.status() == null ? "no verdict" : node.status();
        nodes.add(
            new Drawn(
                node.id(),
                "artifact",
                (node.name() == null ? "" : cut(node.name()) + "\n")
                    + node.digest().substring(0, Math.min(19, node.digest().length()))
                    + "\n"
                    + status,
                node.status(),
                Html.artifactHref(node.digest()),
                node.pending()));
      }
    }
    final List<String[]> edges =
        graph.edges().stream().map(e -> new String[] {e.from(), e.to()}).toList();
    return shape(graph.root(), graph.truncated(), nodes, edges, blockers);
  }

  /** A name-level graph: datasets link to their name's page, jobs are drawn as runs are. */
  public static ObjectNode of(final NameGraph graph) {
    final List<Drawn> nodes = new ArrayList<>();
    for (final NameGraph.Node node : graph.nodes()) {
      final String status = node.status() == null ? "no verdict" : node.status();
      if (node.job()) {
        nodes.add(
            new Drawn(
                node.id(), "job", cut(node.step()) + "\n" + status, node.status(), null, false));
      } else {
        nodes.add(
            new Drawn(
                node.id(),
                "dataset",
                cut(node.name())
                    + "\n"
                    + status
                    + ", "
                    + node.versions()
                    + (node.versions() == 1 ? " version" : " versions"),
                node.status(),
                Html.nameHref(node.name()),
                false));
      }
    }
    final List<String[]> edges =
        graph.edges().stream().map(e -> new String[] {e.from(), e.to()}).toList();
    return shape(graph.root(), graph.truncated(), nodes, edges, Set.of());
  }

  private static ObjectNode shape(
      final String root,
      final boolean truncated,
      final List<Drawn> nodes,
      final List<String[]> allEdges,
      final Set<String> blockers) {
    final Set<String> ids = new HashSet<>(nodes.stream().map(Drawn::id).toList());
    // An edge to a node the walk cut off would stop the drawing: left out, as the node is.
    final List<String[]> edges =
        allEdges.stream().filter(e -> ids.contains(e[0]) && ids.contains(e[1])).toList();
    final Map<String, LayeredLayout.Point> at =
        LayeredLayout.place(nodes.stream().map(Drawn::id).toList(), edges);
    final Set<String> path = BlockingPath.between(root, blockers, edges);
    final ObjectNode json = NODES.objectNode();
    json.put("root", root);
    json.put("truncated", truncated);
    final ArrayNode drawn = json.putArray("nodes");
    for (final Drawn node : nodes) {
      final ObjectNode data = drawn.addObject().putObject("data");
      data.put("id", node.id());
      data.put("kind", node.kind());
      data.put("label", node.label());
      data.put("colour", node.kind().equals("run") ? "#eeeeee" : colour(node.status()));
      data.put("status", node.status());
      data.put("href", node.href());
      data.put("pending", node.pending());
      data.put("root", node.id().equals(root));
      data.put("onPath", path.contains(node.id()));
      final ObjectNode position = drawn.get(drawn.size() - 1).withObject("/position");
      position.put("x", at.get(node.id()).x());
      position.put("y", at.get(node.id()).y());
    }
    final ArrayNode lines = json.putArray("edges");
    for (final String[] edge : edges) {
      final ObjectNode data = lines.addObject().putObject("data");
      data.put("id", edge[0] + "->" + edge[1]);
      data.put("source", edge[0]);
      data.put("target", edge[1]);
      data.put("onPath", path.contains(edge[0]) && path.contains(edge[1]));
      // An edge that skips columns would run behind the boxes between: drawn as an arc instead.
      data.put(
          "long",
          at.get(edge[1]).x() - at.get(edge[0]).x() > LayeredLayout.COLUMN_WIDTH
              || at.get(edge[1]).x() < at.get(edge[0]).x());
    }
    return json;
  }

  /** A producer's text for a label: control characters made visible, long text cut. */
  private static String cut(final String raw) {
    // Cut first, so that an escape is never cut in half.
    return Html.label(raw.length() > LABEL_MAX ? raw.substring(0, LABEL_MAX - 1) + "…" : raw);
  }

  /** {@code sha256:0123456789ab…}, or the first 8 characters of a runId. */
  static String shortId(final String id) {
    if (id == null) {
      return "";
    }
    if (id.startsWith("sha256:")) {
      return id.length() > 19 ? id.substring(0, 19) + "…" : id;
    }
    return id.length() > 8 ? id.substring(0, 8) + "…" : id;
  }
}
