package dev.lineagegate.genai.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.ImportRefusedException.Kind;
import dev.lineagegate.genai.ReadLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A ComfyUI prompt in API format, checked: {@code {node id: {class_type, inputs}}}, an input being
 * a literal or a link {@code [node id, output slot]} (ComfyUI's own executor takes every
 * two-element list whose second element is an integer for a link). Refused, naming the node and
 * input: a prompt that is not an object, a node without a {@code class_type}, a link to a node that
 * is not in the prompt, and links that form a cycle. Nodes the workflow marks muted or bypassed are
 * left out, and so are links to them.
 */
final class PromptGraph {

  /** One node: its id, class and inputs (literals and links). */
  record Node(String id, String classType, JsonNode inputs) {}

  /** A link input: which input of which node reads which node's output. */
  record Link(String from, String input, String to) {}

  private final Map<String, Node> nodes;
  private final Map<String, List<Link>> links;

  private PromptGraph(final Map<String, Node> nodes, final Map<String, List<Link>> links) {
    this.nodes = nodes;
    this.links = links;
  }

  static PromptGraph of(
      final JsonNode prompt, final Set<String> ignored, final Set<String> bypassed) {
    if (!prompt.isObject()) {
      throw refused("the ComfyUI prompt is not a JSON object but " + kind(prompt));
    }
    if (prompt.size() > ReadLimits.GRAPH_NODES) {
      throw new ImportRefusedException(
          Kind.LIMIT,
          "the ComfyUI prompt has "
              + prompt.size()
              + " nodes, more than the "
              + ReadLimits.GRAPH_NODES
              + " read");
    }
    final Map<String, Node> nodes = new LinkedHashMap<>();
    for (final Iterator<Map.Entry<String, JsonNode>> it = prompt.fields(); it.hasNext(); ) {
      final Map.Entry<String, JsonNode> entry = it.next();
      final JsonNode node = entry.getValue();
      if (!node.isObject() || !node.path("class_type").isTextual()) {
        throw refused(
            "node " + entry.getKey() + " of the ComfyUI prompt is not an object with a class_type");
      }
      if (node.has("inputs") && !node.get("inputs").isObject()) {
        throw refused("node " + entry.getKey() + " has inputs that are not an object");
      }
      if (!ignored.contains(entry.getKey())) {
        nodes.put(
            entry.getKey(),
            new Node(entry.getKey(), node.get("class_type").asText(), node.path("inputs")));
      }
    }
    final Map<String, List<Link>> links = new LinkedHashMap<>();
    final Map<String, Set<String>> through = passThrough(prompt, bypassed);
    for (final Node node : nodes.values()) {
      final List<Link> out = new ArrayList<>();
      for (final Iterator<Map.Entry<String, JsonNode>> it = node.inputs().fields();
          it.hasNext(); ) {
        final Map.Entry<String, JsonNode> input = it.next();
        final String linked = linkTarget(input.getValue());
        if (linked == null) {
          continue;
        }
        for (final String to : through.getOrDefault(linked, Set.of(linked))) {
          if (ignored.contains(to)) {
            continue;
          }
          if (!nodes.containsKey(to)) {
            throw refused(
                "node "
                    + node.id()
                    + " ("
                    + node.classType()
                    + ") input \""
                    + input.getKey()
                    + "\" links to node "
                    + to
                    + ", which is not in the prompt");
          }
          out.add(new Link(node.id(), input.getKey(), to));
        }
      }
      links.put(node.id(), out);
    }
    final PromptGraph graph = new PromptGraph(nodes, links);
    LinkCycles.refuse(nodes.keySet(), graph::links);
    return graph;
  }

  /**
   * For each bypassed node, the nodes its links reach through any chain of bypassed nodes: what a
   * link to it reads instead. A loop of bypassed nodes reaches nothing more than it has seen.
   */
  private static Map<String, Set<String>> passThrough(
      final JsonNode prompt, final Set<String> bypassed) {
    final Map<String, Set<String>> through = new HashMap<>();
    for (final String id : bypassed) {
      final Set<String> reached = new LinkedHashSet<>();
      final Set<String> seen = new HashSet<>();
      final Deque<String> todo = new ArrayDeque<>(List.of(id));
      while (!todo.isEmpty()) {
        final String at = todo.pop();
        if (!seen.add(at)) {
          continue;
        }
        for (final JsonNode value : prompt.path(at).path("inputs")) {
          final String to = linkTarget(value);
          if (to != null && bypassed.contains(to)) {
            todo.push(to);
          } else if (to != null) {
            reached.add(to);
          }
        }
      }
      through.put(id, reached);
    }
    return through;
  }

  /** The node id an input links to, or null for a literal. */
  static String linkTarget(final JsonNode value) {
    if (value.isArray()
        && value.size() == 2
        && value.get(1).isIntegralNumber()
        && (value.get(0).isTextual() || value.get(0).isIntegralNumber())) {
      return value.get(0).asText();
    }
    return null;
  }

  Node node(final String id) {
    return nodes.get(id);
  }

  List<Link> links(final String id) {
    return links.getOrDefault(id, List.of());
  }

  /**
   * The nodes that lead to an output (ComfyUI executes only those), in execution order: a node
   * after everything it reads, ties by numeric id. Without any output node, all nodes.
   */
  List<Node> executed(final Set<String> outputs) {
    final Set<String> roots = new LinkedHashSet<>(outputs);
    roots.retainAll(nodes.keySet());
    if (roots.isEmpty()) {
      roots.addAll(nodes.keySet());
    }
    final Set<String> reached = new LinkedHashSet<>();
    final Deque<String> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      final String id = todo.pop();
      if (reached.add(id)) {
        links(id).forEach(link -> todo.push(link.to()));
      }
    }
    return order(reached);
  }

  private List<Node> order(final Set<String> ids) {
    final Comparator<String> byId = PromptGraph::compareIds;
    final Map<String, Integer> waiting = new HashMap<>();
    final Map<String, List<String>> readers = new HashMap<>();
    for (final String id : ids) {
      final Set<String> reads = new LinkedHashSet<>();
      links(id).forEach(link -> reads.add(link.to()));
      waiting.put(id, reads.size());
      reads.forEach(r -> readers.computeIfAbsent(r, k -> new ArrayList<>()).add(id));
    }
    final PriorityQueue<String> ready = new PriorityQueue<>(byId);
    waiting.forEach(
        (id, n) -> {
          if (n == 0) {
            ready.add(id);
          }
        });
    final List<Node> ordered = new ArrayList<>();
    while (!ready.isEmpty()) {
      final String id = ready.poll();
      ordered.add(nodes.get(id));
      for (final String reader : readers.getOrDefault(id, List.of())) {
        if (waiting.merge(reader, -1, Integer::sum) == 0) {
          ready.add(reader);
        }
      }
    }
    return ordered;
  }

  private static int compareIds(final String a, final String b) {
    final boolean na = a.chars().allMatch(Character::isDigit) && a.length() < 10;
    final boolean nb = b.chars().allMatch(Character::isDigit) && b.length() < 10;
    if (na && nb) {
      return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
    }
    return na != nb ? (na ? -1 : 1) : a.compareTo(b);
  }

  private static String kind(final JsonNode value) {
    return value.isArray()
        ? "an array"
        : value.isTextual() ? "a string" : value.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static ImportRefusedException refused(final String message) {
    return new ImportRefusedException(Kind.METADATA, message);
  }
}
