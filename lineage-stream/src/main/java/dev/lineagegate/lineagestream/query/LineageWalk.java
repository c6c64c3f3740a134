package dev.lineagegate.lineagestream.query;

import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.PendingOutput;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.avro.graph.UpstreamSignal;
import dev.lineagegate.lineagestream.query.LineageGraph.Direction;
import dev.lineagegate.lineagestream.query.LineageGraph.Edge;
import dev.lineagegate.lineagestream.query.LineageGraph.Node;
import dev.lineagegate.lineagestream.rules.InputRules;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One breadth-first walk of the lineage graph from an artifact version. Upstream follows the
 * producing runs' inputs (held on the artifact node); downstream follows the consumer edges. Each
 * node read may be on another instance, so the walk is bounded by depth and by a node limit.
 */
final class LineageWalk {

  private final NodeSource source;
  private final int maxNodes;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Set<Edge> edges = new LinkedHashSet<>();
  private boolean truncated;

  LineageWalk(final NodeSource source, final int maxNodes) {
    this.source = source;
    this.maxNodes = maxNodes;
  }

  LineageGraph walk(final String root, final Direction direction, final int depth) {
    final Optional<ArtifactNode> node = source.artifact(root);
    artifact(root, node, null);
    if (direction.up()) {
      up(root, node, depth);
    }
    if (direction.down()) {
      down(root, depth);
    }
    if (node.isEmpty() && nodes.size() == 1) {
      throw new NotFound("no artifact " + root + " is known");
    }
    // A truncated walk may have found an edge to a node it had no room for: leave it out.
    return new LineageGraph(
        root,
        direction,
        depth,
        truncated,
        nodes.values().stream().toList(),
        edges.stream()
            .filter(e -> nodes.containsKey(e.from()) && nodes.containsKey(e.to()))
            .toList());
  }

  private void up(final String root, final Optional<ArtifactNode> rootNode, final int depth) {
    final Deque<Step> queue = new ArrayDeque<>();
    final Set<String> seen = new LinkedHashSet<>();
    queue.add(new Step(root, rootNode, 0));
    seen.add(root);
    while (!queue.isEmpty() && !truncated) {
      final Step step = queue.poll();
      if (step.level() >= depth || step.node().isEmpty()) {
        continue;
      }
      for (final RunFacts run : step.node().get().getProducers()) {
        final String runNode = run(run.getRunId(), run.getMerged().getRun().getStep());
        edges.add(new Edge(runNode, step.digest()));
        for (final InputArtifact input : run.getMerged().getInputs()) {
          // An input named without a digest is linked to a version of its name, or its source
          // node (§2): the signal the node holds from it says which.
          final String digest =
              input.getDigest() != null
                  ? input.getDigest()
                  : InputRules.signalOf(input, step.node().get().getUpstream())
                      .map(UpstreamSignal::getFrom)
                      .orElse(null);
          if (digest == null || truncated) {
            continue;
          }
          final Optional<ArtifactNode> inputNode = source.artifact(digest);
          artifact(digest, inputNode, input.getName());
          edges.add(new Edge(digest, runNode));
          if (seen.add(digest)) {
            queue.add(new Step(digest, inputNode, step.level() + 1));
          }
        }
      }
    }
  }

  private void down(final String root, final int depth) {
    final Deque<Step> queue = new ArrayDeque<>();
    final Set<String> seen = new LinkedHashSet<>();
    queue.add(new Step(root, Optional.empty(), 0));
    seen.add(root);
    while (!queue.isEmpty() && !truncated) {
      final Step step = queue.poll();
      if (step.level() >= depth) {
        continue;
      }
      for (final ConsumerEdge consumer : source.consumers(step.digest())) {
        final String runNode = run(consumer.getRunId(), consumer.getStep());
        edges.add(new Edge(step.digest(), runNode));
        for (final String output : consumer.getOutputs()) {
          if (truncated) {
            break;
          }
          final Optional<ArtifactNode> outputNode = source.artifact(output);
          artifact(output, outputNode, null);
          // The edge knows no step; the output's producing run does.
          outputNode.flatMap(n -> producer(n, consumer.getRunId())).ifPresent(this::named);
          edges.add(new Edge(runNode, output));
          if (seen.add(output)) {
            queue.add(new Step(output, outputNode, step.level() + 1));
          }
        }
        // What a run still open declared: shown, and nothing to walk from yet (§3).
        for (final PendingOutput pending : consumer.getPending()) {
          if (!nodes.containsKey(pending.getArtifact())) {
            put(Node.pending(pending.getArtifact(), pending.getName()));
          }
          edges.add(new Edge(runNode, pending.getArtifact()));
        }
      }
    }
  }

  private static Optional<RunFacts> producer(final ArtifactNode node, final String runId) {
    return node.getProducers().stream().filter(p -> p.getRunId().equals(runId)).findFirst();
  }

  private void named(final RunFacts run) {
    run(run.getRunId(), run.getMerged().getRun().getStep());
  }

  private String run(final String runId, final String step) {
    final String id = Node.runId(runId);
    final Node known = nodes.get(id);
    if (known == null || (known.step() == null && step != null)) {
      put(Node.run(runId, step));
    }
    return id;
  }

  private void artifact(
      final String digest, final Optional<ArtifactNode> node, final String fallbackName) {
    if (nodes.containsKey(digest)) {
      return;
    }
    // A node without a name (not produced yet) is still named by the run that read it.
    final String name = node.map(ArtifactNode::getName).orElse(fallbackName);
    final String status =
        node.map(ArtifactNode::getVerdict).map(v -> v.getStatus().name()).orElse(null);
    put(Node.artifact(digest, name, status));
  }

  private void put(final Node node) {
    if (!nodes.containsKey(node.id()) && nodes.size() >= maxNodes) {
      truncated = true;
      return;
    }
    nodes.put(node.id(), node);
  }

  private record Step(String digest, Optional<ArtifactNode> node, int level) {}
}
