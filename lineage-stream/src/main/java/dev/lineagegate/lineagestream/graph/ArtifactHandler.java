package dev.lineagegate.lineagestream.graph;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.Determinism;
import dev.lineagegate.avro.graph.Produced;
import dev.lineagegate.avro.graph.ReadUnder;
import dev.lineagegate.avro.graph.Retract;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.avro.graph.Superseded;
import dev.lineagegate.avro.graph.Unlink;
import dev.lineagegate.avro.graph.UpstreamSignal;
import dev.lineagegate.avro.graph.VersionUpdate;
import dev.lineagegate.lineagestream.rules.Alerts;
import dev.lineagegate.lineagestream.rules.RunTimes;
import dev.lineagegate.lineagestream.rules.Signals;
import dev.lineagegate.lineagestream.rules.VerdictRules;
import dev.lineagegate.lineagestream.run.Shallow;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.service.state.StateLimitException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node of one artifact version: it keeps what its producing runs reported, what each input last
 * signalled, and its current verdict. After every message it re-evaluates; a verdict that changed
 * is emitted (with the next sequence), and a signal that changed goes to every artifact produced
 * from this one, which is how a change travels downstream, transitively.
 */
final class ArtifactHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ArtifactHandler.class);

  /** Runs remembered per artifact version: the producer and up to 63 reproductions. */
  static final int MAX_PRODUCERS = 64;

  private final KeyValueStore<String, ArtifactNode> nodes;
  private final KeyValueStore<String, ConsumerEdge> edges;
  private final Policy policy;
  private final int maxDepth;
  private final Outbox out;

  ArtifactHandler(
      final KeyValueStore<String, ArtifactNode> nodes,
      final KeyValueStore<String, ConsumerEdge> edges,
      final Policy policy,
      final int maxDepth,
      final Outbox out) {
    this.nodes = nodes;
    this.edges = edges;
    this.policy = policy;
    this.maxDepth = maxDepth;
    this.out = out;
  }

  // Every handler returns early when the message tells the node nothing new: most messages of
  // a busy graph are such repeats (a run re-announcing its edges, an unchanged signal), and an
  // early return costs one store read instead of a re-evaluation, a write and a changelog record.

  void produced(final Produced produced) {
    final ArtifactNode node = load(produced.getArtifact(), produced.getName());
    if (node.getProducers().contains(produced.getRun())
        && node.getDerived() == produced.getDerived()
        && node.getName() != null) {
      return;
    }
    final List<RunFacts> producers = new ArrayList<>(node.getProducers());
    final boolean known =
        producers.removeIf(r -> r.getRunId().equals(produced.getRun().getRunId()));
    if (!known && producers.size() >= MAX_PRODUCERS) {
      // A version reproduced this often needs no more evidence; its node stays bounded.
      LOG.info(
          "run {} not kept on {}: it already has {} producing runs",
          produced.getRun().getRunId(),
          produced.getArtifact(),
          MAX_PRODUCERS);
      return;
    }
    // Each heartbeat of a streaming run brings new facts (eventId, eventTime) but seldom a change
    // in what the name keeps of this version: the name is told only then, since reading its node,
    // which lists every version, on each heartbeat cost O(versions) per event (issue #14).
    final VersionUpdate before = versioned(node) ? version(node) : null;
    producers.add(produced.getRun());
    node.setProducers(producers);
    node.setDerived(produced.getDerived());
    if (node.getName() == null) {
      node.setName(produced.getName());
    }
    react(node, before == null || !before.equals(version(node)));
  }

  private static boolean versioned(final ArtifactNode node) {
    return node.getName() != null && !node.getProducers().isEmpty();
  }

  void consumer(final ConsumerEdge edge) {
    final String key = Address.edge(edge.getInput(), edge.getRunId());
    final ArtifactNode known = nodes.get(edge.getInput());
    final ConsumerEdge stored = edges.get(key);
    if (known != null && edge.equals(stored)) {
      return; // its outputs already have this node's signal
    }
    edges.put(key, edge);
    if (stored == null && readUnlisted(edge, known)) {
      final String name = edge.getInputName();
      out.send(Address.name(name), new ReadUnder(name, edge.getInput()));
    }
    if (known != null && known.getSent() != null) {
      edge.getOutputs().forEach(output -> out.send(output, known.getSent()));
    } else {
      final ArtifactNode node = load(edge.getInput(), edge.getInputName());
      // The unversioned source node of a name (§2) is a derived identity like an output's.
      node.setDerived(node.getDerived() || edge.getSource());
      react(node, false); // a source answers at once
    }
  }

  /**
   * Whether a run read this version by digest under a name that does not list it among its versions
   * (a raw source, or a version of another name). The name is told once per reading run (it keeps
   * the digest once), so that the name-level query finds a name only ever read (§6.3).
   */
  private static boolean readUnlisted(final ConsumerEdge edge, final ArtifactNode known) {
    if (edge.getInputName() == null || edge.getUnversioned()) {
      return false;
    }
    return known == null
        || known.getProducers().isEmpty()
        || !edge.getInputName().equals(known.getName());
  }

  /** A run no longer reads this version: forget the edge, and its outputs forget this input. */
  void unlink(final Unlink unlink) {
    final String key = Address.edge(unlink.getInput(), unlink.getRunId());
    final ConsumerEdge edge = edges.get(key);
    if (edge == null) {
      return;
    }
    edges.delete(key);
    final Retract retract = new Retract(unlink.getInput());
    edge.getOutputs().forEach(output -> out.send(output, retract));
  }

  /** An input no longer feeds this artifact (its link moved): its signal counts no more. */
  void retract(final String self, final Retract retract) {
    final ArtifactNode node = nodes.get(self);
    if (node == null) {
      return;
    }
    final List<UpstreamSignal> upstream = new ArrayList<>(node.getUpstream());
    if (!upstream.removeIf(s -> s.getFrom().equals(retract.getFrom()))) {
      return;
    }
    node.setUpstream(upstream);
    react(node, false);
  }

  void signal(final String self, final UpstreamSignal received) {
    final ArtifactNode node = load(self, null);
    if (node.getUpstream().stream()
        .anyMatch(s -> s.getFrom().equals(received.getFrom()) && sameSignal(s, received))) {
      return;
    }
    // A copy: delivered in the task, one signal object goes to every consumer of its sender, and
    // the back-edge mark is this receiver's alone.
    final UpstreamSignal signal = Shallow.copy(received);
    // A back edge stays one (until the sender's edge is retracted): were it judged afresh, the
    // signal that comes round the cycle without it would not close it, be taken, and close it
    // again on the next round, an oscillation without end.
    final boolean wasBackEdge =
        node.getUpstream().stream()
            .anyMatch(s -> s.getFrom().equals(signal.getFrom()) && s.getBackEdge());
    if (wasBackEdge) {
      signal.setBackEdge(true);
    } else if (Signals.closesCycle(self, signal, maxDepth)) {
      signal.setBackEdge(true);
      if (node.getCycle() == null) {
        final String path = String.join(" <- ", signal.getPath()) + " <- " + signal.getFrom();
        node.setCycle(self + " <- " + path);
        out.alert(Alerts.cycle(self, node.getName(), node.getCycle(), now()));
      }
    }
    final List<UpstreamSignal> upstream = new ArrayList<>(node.getUpstream());
    upstream.removeIf(s -> s.getFrom().equals(signal.getFrom()));
    upstream.add(signal);
    upstream.sort(Comparator.comparing(UpstreamSignal::getFrom));
    node.setUpstream(upstream);
    react(node, false);
  }

  void superseded(final Superseded superseded) {
    final ArtifactNode node = load(superseded.getArtifact(), superseded.getName());
    if (superseded.getNewer().equals(node.getSupersededBy())) {
      return;
    }
    node.setSupersededBy(superseded.getNewer());
    react(node, false);
  }

  void determinism(final String self, final Determinism determinism) {
    final ArtifactNode node = load(self, determinism.getName());
    if (node.getDeterminism().contains(determinism)) {
      return;
    }
    final List<Determinism> all = new ArrayList<>(node.getDeterminism());
    all.removeIf(
        d ->
            d.getRecipe().equals(determinism.getRecipe())
                && d.getName().equals(determinism.getName()));
    all.add(determinism);
    node.setDeterminism(all);
    react(node, false);
  }

  /**
   * Re-evaluates {@code node}, stores it, then emits what changed. A node the store refuses (it
   * would exceed the bound per key, {@link StateLimitException}) keeps its stored state, marked
   * with why: its verdict gets STATE_LIMIT, and nothing of the refused change is emitted.
   */
  private void react(final ArtifactNode node, final boolean producersChanged) {
    final Verdict previous = node.getVerdict();
    Effects effects = evaluate(node, producersChanged);
    try {
      nodes.put(node.getArtifact(), node);
    } catch (StateLimitException e) {
      final ArtifactNode kept = keptAfter(node, e);
      if (kept == null) {
        return;
      }
      effects = evaluate(kept, false);
      try {
        nodes.put(kept.getArtifact(), kept);
      } catch (StateLimitException again) {
        LOG.error("{} could not be marked STATE_LIMIT: {}", kept.getArtifact(), again.getMessage());
        return;
      }
    }
    effects.emit(previous);
  }

  /** The stored state of {@code node}, marked with why a change was refused (null: unchanged). */
  private ArtifactNode keptAfter(final ArtifactNode node, final StateLimitException error) {
    final ArtifactNode stored = nodes.get(node.getArtifact());
    final ArtifactNode kept = stored != null ? stored : load(node.getArtifact(), node.getName());
    if (kept.getStateLimit() != null && stored != null) {
      LOG.debug("{} keeps its earlier state: {}", node.getArtifact(), error.getMessage());
      return null; // already marked: its verdict says so, nothing else changes
    }
    LOG.warn("{} keeps its earlier state: {}", node.getArtifact(), error.getMessage());
    kept.setStateLimit(error.getMessage());
    return kept;
  }

  /** What a re-evaluation decided to tell others, emitted once the node is stored. */
  private final class Effects {

    private final ArtifactNode node;
    private final Verdict verdict;
    private final VersionUpdate version;
    private final UpstreamSignal signal;

    private Effects(
        final ArtifactNode node,
        final Verdict verdict,
        final VersionUpdate version,
        final UpstreamSignal signal) {
      this.node = node;
      this.verdict = verdict;
      this.version = version;
      this.signal = signal;
    }

    void emit(final Verdict previous) {
      if (verdict != null) {
        out.verdict(verdict);
        if (Alerts.worsened(previous, verdict)) {
          final String owner =
              VerdictRules.primary(node).map(r -> r.getMerged().getRun().getOwner()).orElse(null);
          final Alert alert = Alerts.verdictWorsened(previous, verdict, owner, now());
          if (node.getName() != null) {
            out.send(Address.name(node.getName()), alert); // the name adds the rollback candidate
          } else {
            out.alert(alert);
          }
        }
      }
      if (version != null) {
        out.send(Address.name(node.getName()), version);
      }
      if (signal != null) {
        forEachConsumerOutput(node.getArtifact(), output -> out.send(output, signal));
      }
    }
  }

  /** Re-evaluates {@code node} in place (verdict, signal) and says what to emit. */
  private Effects evaluate(final ArtifactNode node, final boolean producersChanged) {
    final Verdict previous = node.getVerdict();
    final boolean settled = settled(node);
    Verdict changed = null;
    if (settled) {
      final Verdict verdict = VerdictRules.evaluate(node, policy, now());
      if (verdict != previous) {
        node.setVerdict(verdict);
        changed = verdict;
      }
    }
    final boolean statusChanged =
        node.getVerdict() != null
            && (previous == null || previous.getStatus() != node.getVerdict().getStatus());
    final VersionUpdate version =
        node.getName() != null
                && !node.getProducers().isEmpty()
                && (producersChanged || statusChanged)
            ? version(node)
            : null;
    final UpstreamSignal signal = Signals.outgoing(node, node.getVerdict(), settled, maxDepth);
    final boolean signalChanged = !signal.equals(node.getSent());
    if (signalChanged) {
      node.setSent(signal);
    }
    return new Effects(node, changed, version, signalChanged ? signal : null);
  }

  /**
   * True when every input of the producing run has answered (or closes a cycle): until then a
   * verdict would only be provisional, and a gate could act on it.
   */
  private static boolean settled(final ArtifactNode node) {
    final Optional<RunFacts> primary = VerdictRules.primary(node);
    if (primary.isEmpty()) {
      return true;
    }
    for (final InputArtifact input : primary.get().getMerged().getInputs()) {
      if (input.getDigest() == null && input.getName() == null) {
        continue;
      }
      // An input named without a digest is always linked (to a version or the name's source
      // node, NameLinker): it answers by name.
      final boolean answered =
          node.getUpstream().stream()
              .anyMatch(
                  s ->
                      (input.getDigest() != null
                              ? s.getFrom().equals(input.getDigest())
                              : input.getName().equals(s.getName()))
                          && (s.getSettled() || s.getBackEdge()));
      if (!answered) {
        return false;
      }
    }
    return true;
  }

  /** Equal but for the receiver's own back-edge mark, which the sender never sets. */
  private static boolean sameSignal(final UpstreamSignal stored, final UpstreamSignal received) {
    return stored.getBackEdge()
        ? UpstreamSignal.newBuilder(stored).setBackEdge(false).build().equals(received)
        : stored.equals(received);
  }

  private VersionUpdate version(final ArtifactNode node) {
    final RunFacts primary = VerdictRules.primary(node).orElseThrow();
    return VersionUpdate.newBuilder()
        .setName(node.getName())
        .setArtifact(node.getArtifact())
        .setRunId(primary.getRunId())
        .setProducedAt(RunTimes.producedAt(primary))
        .setStatus(node.getVerdict() == null ? null : node.getVerdict().getStatus())
        .setSupersededBy(node.getSupersededBy())
        .setFailed(primary.getMerged().getEventType() == EventType.FAIL)
        .build();
  }

  private void forEachConsumerOutput(final String artifact, final Consumer<String> action) {
    try (KeyValueIterator<String, ConsumerEdge> it =
        edges.prefixScan(Address.edgePrefix(artifact), new StringSerializer())) {
      while (it.hasNext()) {
        final KeyValue<String, ConsumerEdge> edge = it.next();
        edge.value.getOutputs().forEach(action);
      }
    }
  }

  private ArtifactNode load(final String artifact, final String name) {
    final ArtifactNode stored = nodes.get(artifact);
    if (stored != null) {
      return stored;
    }
    return ArtifactNode.newBuilder()
        .setArtifact(artifact)
        .setName(name)
        .setDerived(false)
        .setProducers(List.of())
        .setUpstream(List.of())
        .setDeterminism(List.of())
        .build();
  }

  private Instant now() {
    return Instant.ofEpochMilli(out.timestamp());
  }
}
