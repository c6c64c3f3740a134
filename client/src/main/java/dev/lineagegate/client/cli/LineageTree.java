package dev.lineagegate.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lineage answer of lineage-stream ({@code GET /v1/lineage/{digest}} or, by name, {@code GET
 * /v1/lineage?name=}, DESIGN.md §6.3) drawn as a tree from its root: upstream, each artifact (or
 * dataset) under the run (or job) that wrote it and each run under what it read; downstream the
 * other way. A node reached twice is drawn once, then named with "(see above)", so that a diamond
 * does not repeat a subtree and a cycle cannot loop.
 */
public final class LineageTree {

  private static final int SHORT = 12;

  private LineageTree() {}

  public static String render(final JsonNode graph, final boolean upstream) {
    final Map<String, JsonNode> nodes = new LinkedHashMap<>();
    graph.path("nodes").forEach(node -> nodes.put(node.path("id").asText(), node));
    final Map<String, List<String>> children = new HashMap<>();
    for (final JsonNode edge : graph.path("edges")) {
      final String from = edge.path("from").asText();
      final String to = edge.path("to").asText();
      children
          .computeIfAbsent(upstream ? to : from, k -> new ArrayList<>())
          .add(upstream ? from : to);
    }
    final StringBuilder out = new StringBuilder();
    final String root = graph.path("root").asText();
    out.append(label(nodes.get(root), root)).append('\n');
    draw(root, "", children, nodes, new HashSet<>(Set.of(root)), out);
    if (graph.path("truncated").asBoolean(false)) {
      out.append("… (truncated: more nodes than the query's limit)\n");
    }
    return out.toString();
  }

  private static void draw(
      final String id,
      final String indent,
      final Map<String, List<String>> children,
      final Map<String, JsonNode> nodes,
      final Set<String> drawn,
      final StringBuilder out) {
    final List<String> next = children.getOrDefault(id, List.of());
    for (int i = 0; i < next.size(); i++) {
      final String child = next.get(i);
      final boolean last = i == next.size() - 1;
      out.append(indent).append(last ? "└─ " : "├─ ").append(label(nodes.get(child), child));
      if (!drawn.add(child)) {
        out.append(" (see above)\n");
        continue;
      }
      out.append('\n');
      draw(child, indent + (last ? "   " : "│  "), children, nodes, drawn, out);
    }
  }

  static String label(final JsonNode node, final String id) {
    if (node == null) {
      return id;
    }
    final String status =
        node.path("status").isTextual() ? node.path("status").asText() : "no verdict";
    if ("dataset".equals(node.path("kind").asText())) {
      final int versions = node.path("versions").asInt();
      return node.path("name").asText(id)
          + " ("
          + versions
          + (versions == 1 ? " version" : " versions")
          + ") ["
          + status
          + "]";
    }
    if ("job".equals(node.path("kind").asText())) {
      final String run =
          node.path("lastRunId").isTextual()
              ? ", last run " + shorten(node.path("lastRunId").asText())
              : "";
      return node.path("step").asText(id) + " (job" + run + ") [" + status + "]";
    }
    if ("run".equals(node.path("kind").asText())) {
      final String step = node.path("step").asText("");
      return (step.isEmpty() ? "run" : step)
          + " (run "
          + shorten(node.path("runId").asText())
          + ")";
    }
    final String digest = node.path("digest").asText(id);
    final String name = node.path("name").isTextual() ? node.path("name").asText() + " " : "";
    return name + shorten(digest) + " [" + status + "]";
  }

  /** {@code sha256:0123456789ab…}: enough to tell versions apart on a terminal. */
  public static String shorten(final String id) {
    final int colon = id.indexOf(':');
    final int keep = (colon < 0 ? 0 : colon + 1) + SHORT;
    return id.length() <= keep ? id : id.substring(0, keep) + "…";
  }
}
