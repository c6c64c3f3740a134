package dev.lineagegate.lineagestream.oracle.graph;

import dev.lineagegate.avro.graph.Determinism;
import dev.lineagegate.avro.graph.RecipeNode;
import dev.lineagegate.avro.graph.RecipeOutcome;
import dev.lineagegate.avro.graph.RecipeRetraction;
import dev.lineagegate.avro.graph.RunDigest;
import dev.lineagegate.service.state.StateLimitException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node of one recipe: which digest every completed run of it produced for each output name.
 * Once two runs are known for a name, every version involved hears of all of them, so that each can
 * tell whether the recipe reproduced it (reproducedBy) or not (NONDETERMINISTIC, §4.4).
 */
final class RecipeHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RecipeHandler.class);

  /** Runs remembered per recipe; a recipe re-run more often than this keeps its first runs. */
  static final int MAX_OUTCOMES = 256;

  private final KeyValueStore<String, RecipeNode> recipes;
  private final Outbox out;

  RecipeHandler(final KeyValueStore<String, RecipeNode> recipes, final Outbox out) {
    this.recipes = recipes;
    this.out = out;
  }

  void outcome(final String address, final RecipeOutcome outcome) {
    final RecipeNode stored = recipes.get(address);
    final RecipeNode node =
        stored != null ? stored : new RecipeNode(outcome.getRecipe(), new ArrayList<>());
    final boolean known =
        node.getOutcomes().stream()
            .anyMatch(
                o ->
                    o.getRunId().equals(outcome.getRunId())
                        && o.getName().equals(outcome.getName())
                        && o.getArtifact().equals(outcome.getArtifact()));
    if (known) {
      return;
    }
    if (node.getOutcomes().size() >= MAX_OUTCOMES) {
      LOG.info(
          "outcome of run {} not kept on {}: it already has {} (determinism is judged on those)",
          outcome.getRunId(),
          address,
          MAX_OUTCOMES);
      return;
    }
    final List<RecipeOutcome> outcomes = new ArrayList<>(node.getOutcomes());
    outcomes.removeIf(
        o -> o.getRunId().equals(outcome.getRunId()) && o.getName().equals(outcome.getName()));
    outcomes.add(outcome);
    node.setOutcomes(outcomes);
    try {
      recipes.put(address, node);
    } catch (StateLimitException e) {
      // Like a recipe past MAX_OUTCOMES: determinism is judged on the outcomes kept.
      LOG.warn("outcome of run {} not kept on {}: {}", outcome.getRunId(), address, e.getMessage());
      return;
    }
    final List<RunDigest> runs = runs(outcomes, outcome.getName());
    if (runs.size() < 2) {
      return;
    }
    final Determinism determinism = new Determinism(outcome.getRecipe(), outcome.getName(), runs);
    runs.stream().map(RunDigest::getArtifact).distinct().forEach(a -> out.send(a, determinism));
  }

  /**
   * Forgets the outcomes of a run that no longer completed this recipe, and tells every version
   * involved the runs that remain (the retracted run's own version too, which then finds itself
   * absent): a NONDETERMINISTIC that rested on that run is lifted.
   */
  void retract(final String address, final RecipeRetraction retraction) {
    final RecipeNode node = recipes.get(address);
    if (node == null) {
      return;
    }
    final List<RecipeOutcome> gone =
        node.getOutcomes().stream()
            .filter(o -> o.getRunId().equals(retraction.getRunId()))
            .toList();
    if (gone.isEmpty()) {
      return;
    }
    final List<RecipeOutcome> outcomes = new ArrayList<>(node.getOutcomes());
    outcomes.removeAll(gone);
    node.setOutcomes(outcomes);
    recipes.put(address, node);
    for (final String name : gone.stream().map(RecipeOutcome::getName).distinct().toList()) {
      final List<RunDigest> runs = runs(outcomes, name);
      final Determinism determinism = new Determinism(retraction.getRecipe(), name, runs);
      final Set<String> involved = new TreeSet<>();
      runs.forEach(r -> involved.add(r.getArtifact()));
      gone.stream()
          .filter(o -> o.getName().equals(name))
          .forEach(o -> involved.add(o.getArtifact()));
      involved.forEach(a -> out.send(a, determinism));
    }
  }

  private static List<RunDigest> runs(final List<RecipeOutcome> outcomes, final String name) {
    return outcomes.stream()
        .filter(o -> o.getName().equals(name))
        .map(o -> new RunDigest(o.getRunId(), o.getArtifact()))
        .sorted(Comparator.comparing(RunDigest::getRunId))
        .toList();
  }
}
