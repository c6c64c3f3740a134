package dev.lineagegate.lineagestream.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The JSON of a name-level graph (DESIGN.md §6.3): {@code root, direction, depth, truncated}, then
 * datasets {@code {id, kind, name, status, versions}} and jobs {@code {id, kind, step, lastRunId,
 * status}}, then edges {@code {from, to}}.
 */
public final class NameGraphJson {

  private NameGraphJson() {}

  public static ObjectNode of(final NameGraph graph) {
    final ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("root", graph.root());
    json.put("direction", graph.direction().name().toLowerCase(Locale.ROOT));
    json.put("depth", graph.depth());
    json.put("truncated", graph.truncated());
    final ArrayNode nodes = json.putArray("nodes");
    for (final NameGraph.Node node : graph.nodes()) {
      final ObjectNode n = nodes.addObject().put("id", node.id()).put("kind", node.kind());
      if (node.job()) {
        n.put("step", node.step()).put("lastRunId", node.lastRunId()).put("status", node.status());
      } else {
        n.put("name", node.name()).put("status", node.status()).put("versions", node.versions());
      }
    }
    final ArrayNode edges = json.putArray("edges");
    graph.edges().forEach(e -> edges.addObject().put("from", e.from()).put("to", e.to()));
    return json;
  }
}
