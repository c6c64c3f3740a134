package dev.lineagegate.lineagestream.query;

import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.avro.graph.PendingOutput;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.avro.graph.VersionUpdate;
import dev.lineagegate.lineagestream.graph.Address;
import dev.lineagegate.lineagestream.query.LineageGraph.Direction;
import dev.lineagegate.lineagestream.query.LineageGraph.Edge;
import dev.lineagegate.lineagestream.query.NameGraph.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One breadth-first walk of the name-level graph (DESIGN.md §6.3), aggregated at query time from
 * the version-level one. Upstream: the producing runs of a name's versions, their steps (jobs), the
 * names of their inputs, and so on. Downstream: the consumer edges of a name's versions, of the
 * digests read under it and of its source node, the reading runs' steps, the names of their outputs
 * (produced or pending), and so on. Every read may cross instances, so the walk is bounded:
 * versions per name, edges per version, nodes, and store reads.
 */
final class NameWalk {

  /** The newest versions of a name looked at (a name keeps up to 1,000). */
  static final int VERSIONS_PER_NAME = 20;

  /** Consumer edges read per version (in runId order). */
  static final int EDGES_PER_VERSION = 100;

  /** Store reads after which the walk expands no further name. */
  static final int MAX_READS = 5_000;

  private final ReadCache source;
  private final int maxNodes;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Set<Edge> edges = new LinkedHashSet<>();
  private final JobRuns runs = new JobRuns();
  private boolean truncated;

  NameWalk(final NodeSource source, final int maxNodes) {
    this.source = new ReadCache(source);
    this.maxNodes = maxNodes;
  }

  NameGraph walk(final String name, final Direction direction, final int depth) {
    // A name only read by name has its source node; one only read by digest is on its name node.
    if (source.name(name).isEmpty() && source.artifact(Address.source(name)).isEmpty()) {
      throw new NotFound("no dataset named " + name + " is known");
    }
    final String root = dataset(name);
    if (direction.up()) {
      walk(name, depth, this::upstreamOf);
    }
    if (direction.down()) {
      walk(name, depth, this::downstreamOf);
    }
    for (final Node node : List.copyOf(nodes.values())) {
      if (node.job()) {
        runs.newest(node.step())
            .ifPresent(
                run ->
                    nodes.put(
                        node.id(),
                        Node.job(node.step(), run.runId(), JobRuns.status(run, source))));
      }
    }
    // A truncated walk may have found an edge to a node it had no room for: leave it out.
    return new NameGraph(
        root,
        direction,
        depth,
        truncated,
        List.copyOf(nodes.values()),
        edges.stream()
            .filter(e -> nodes.containsKey(e.from()) && nodes.containsKey(e.to()))
            .toList());
  }

  /** Breadth first over names; {@code expand} adds one name's jobs and returns the next names. */
  private void walk(
      final String root, final int depth, final Function<String, List<String>> expand) {
    final Deque<Level> queue = new ArrayDeque<>();
    final Set<String> seen = new HashSet<>(Set.of(root));
    queue.add(new Level(root, 0));
    while (!queue.isEmpty() && !stopped()) {
      final Level level = queue.poll();
      if (level.jobs() >= depth) {
        continue;
      }
      for (final String next : expand.apply(level.name())) {
        if (seen.add(next)) {
          queue.add(new Level(next, level.jobs() + 1));
        }
      }
    }
  }

  private List<String> upstreamOf(final String name) {
    final List<String> found = new ArrayList<>();
    final String dataset = Node.datasetId(name);
    for (final String version : versions(name)) {
      final List<RunFacts> producers =
          source.artifact(version).map(ArtifactNode::getProducers).orElse(List.of());
      for (final RunFacts run : producers) {
        if (stopped()) {
          return found;
        }
        runs.offer(JobRuns.Run.of(run));
        final String job = job(run.getMerged().getRun().getStep());
        edges.add(new Edge(job, dataset));
        for (final InputArtifact input : run.getMerged().getInputs()) {
          nameOf(input)
              .ifPresent(
                  inputName -> {
                    edges.add(new Edge(dataset(inputName), job));
                    found.add(inputName);
                  });
        }
      }
    }
    return found;
  }

  private List<String> downstreamOf(final String name) {
    final List<String> found = new ArrayList<>();
    final String dataset = Node.datasetId(name);
    for (final String digest : readable(name)) {
      for (final ConsumerEdge consumer : source.consumers(digest, EDGES_PER_VERSION)) {
        if (stopped()) {
          return found;
        }
        // Produced outputs are named by their nodes, which also hold the run's facts (its times).
        final List<ArtifactNode> produced =
            consumer.getOutputs().stream().map(source::artifact).flatMap(Optional::stream).toList();
        final Optional<RunFacts> facts =
            produced.stream().map(n -> producer(n, consumer)).flatMap(Optional::stream).findFirst();
        final List<String> outputs = new ArrayList<>();
        produced.stream().map(ArtifactNode::getName).filter(Objects::nonNull).forEach(outputs::add);
        consumer.getPending().stream()
            .map(PendingOutput::getName)
            .filter(Objects::nonNull)
            .forEach(outputs::add);
        // Edges stored before they carried the step name it only through an output's producer.
        final Optional<String> step =
            Optional.ofNullable(consumer.getStep())
                .or(() -> facts.map(f -> f.getMerged().getRun().getStep()));
        if (step.isEmpty()) {
          continue;
        }
        runs.offer(
            facts.map(JobRuns.Run::of).orElseGet(() -> JobRuns.Run.of(consumer, step.get())));
        final String job = job(step.get());
        edges.add(new Edge(dataset, job));
        for (final String output : outputs) {
          edges.add(new Edge(job, dataset(output)));
          found.add(output);
        }
      }
    }
    return found;
  }

  /** The newest versions of {@code name}, newest first. */
  private List<String> versions(final String name) {
    return source.name(name).map(NameNode::getVersions).orElse(List.of()).stream()
        .limit(VERSIONS_PER_NAME)
        .map(VersionUpdate::getArtifact)
        .toList();
  }

  /** What runs read under {@code name}: its versions, digests read under it, its source node. */
  private Set<String> readable(final String name) {
    final Set<String> digests = new LinkedHashSet<>(versions(name));
    digests.addAll(source.name(name).map(NameNode::getRead).orElse(List.of()));
    digests.add(Address.source(name));
    return digests;
  }

  /** An input's name: its own, else the name its version was produced or first read under. */
  private Optional<String> nameOf(final InputArtifact input) {
    if (input.getName() != null) {
      return Optional.of(input.getName());
    }
    return input.getDigest() == null
        ? Optional.empty()
        : source.artifact(input.getDigest()).map(ArtifactNode::getName);
  }

  private static Optional<RunFacts> producer(final ArtifactNode node, final ConsumerEdge edge) {
    return node.getProducers().stream()
        .filter(p -> p.getRunId().equals(edge.getRunId()))
        .findFirst();
  }

  private String dataset(final String name) {
    final String id = Node.datasetId(name);
    if (room(id) && !nodes.containsKey(id)) {
      nodes.put(id, DatasetStatus.of(name, source));
    }
    return id;
  }

  /** A job's newest run and status are known once the walk is over: filled in then. */
  private String job(final String step) {
    final String id = Node.jobId(step);
    if (room(id) && !nodes.containsKey(id)) {
      nodes.put(id, Node.job(step, null, null));
    }
    return id;
  }

  private boolean room(final String id) {
    if (!nodes.containsKey(id) && nodes.size() >= maxNodes) {
      truncated = true;
      return false;
    }
    return true;
  }

  private boolean stopped() {
    if (source.reads() >= MAX_READS) {
      truncated = true;
    }
    return truncated;
  }

  private record Level(String name, int jobs) {}
}
