package dev.lineagegate.lineagestream.rules;

import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.Determinism;
import dev.lineagegate.avro.graph.RunDigest;
import dev.lineagegate.avro.graph.RunFacts;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * NONDETERMINISTIC and {@code reproducedBy} (DESIGN.md §4.4): completed runs of the same recipe
 * that produced different digests for this output's name, or the same one.
 *
 * <p>The rest of each reason's story: its severity comes from the policy and the status from the
 * worst severity ({@link VerdictRules#evaluate}); a verdict that gains it raises VERDICT_WORSENED
 * ({@link Alerts#verdictWorsened}) with the suggested action {@link Alerts#action} gives; its
 * message and evidence are written here, and shown as they are by the API, the CLI and the web
 * view. Tests: {@code DeterminismRulesTest} (the rule alone), {@code RuleBehaviourTest} (through
 * the topology).
 */
public final class DeterminismRules {

  private DeterminismRules() {}

  /** The completed runs of the primary run's recipe, each with what it produced for this name. */
  static List<RunDigest> sameRecipe(final ArtifactNode node, final RunFacts primary) {
    return node.getDeterminism().stream()
        .filter(d -> d.getRecipe().equals(primary.getRecipe()))
        .filter(d -> d.getName().equals(node.getName()))
        .map(Determinism::getRuns)
        .findFirst()
        .orElse(List.of());
  }

  public static Optional<Finding> nondeterministic(
      final ArtifactNode node, final RunFacts primary) {
    final List<RunDigest> runs = sameRecipe(node, primary);
    // Only runs that made this version can make it non-deterministic: a version whose own run
    // was retracted (it failed since) is not judged by the runs that remain.
    if (runs.stream().allMatch(r -> r.getArtifact().equals(node.getArtifact()))
        || runs.stream().noneMatch(r -> r.getArtifact().equals(node.getArtifact()))) {
      return Optional.empty();
    }
    final List<RunDigest> sorted =
        runs.stream()
            .sorted(Comparator.comparing(RunDigest::getArtifact).thenComparing(RunDigest::getRunId))
            .toList();
    final String listed =
        sorted.stream()
            .map(r -> r.getRunId() + "=" + r.getArtifact())
            .collect(Collectors.joining(","));
    final long digests = sorted.stream().map(RunDigest::getArtifact).distinct().count();
    return Optional.of(
        Finding.block(
            ReasonCode.NONDETERMINISTIC,
            runs.size()
                + " runs of one recipe produced "
                + digests
                + " different versions of "
                + node.getName(),
            Map.of("recipe", primary.getRecipe(), "runs", listed)));
  }

  /** Other completed runs of the same recipe that produced exactly this version, sorted. */
  public static List<String> reproducedBy(final ArtifactNode node, final RunFacts primary) {
    final Stream<String> producers =
        node.getProducers().stream()
            .filter(r -> r.getMerged().getEventType() == EventType.COMPLETE)
            .filter(r -> r.getRecipe().equals(primary.getRecipe()))
            .map(RunFacts::getRunId);
    // A run this node knows to have failed since (FAIL after COMPLETE) reproduced nothing.
    final Set<String> failed =
        node.getProducers().stream()
            .filter(r -> r.getMerged().getEventType() != EventType.COMPLETE)
            .map(RunFacts::getRunId)
            .collect(Collectors.toSet());
    final Stream<String> agreeing =
        sameRecipe(node, primary).stream()
            .filter(r -> r.getArtifact().equals(node.getArtifact()))
            .map(RunDigest::getRunId)
            .filter(runId -> !failed.contains(runId));
    final TreeSet<String> runs =
        Stream.concat(producers, agreeing).collect(Collectors.toCollection(TreeSet::new));
    runs.remove(primary.getRunId());
    return List.copyOf(runs);
  }
}
