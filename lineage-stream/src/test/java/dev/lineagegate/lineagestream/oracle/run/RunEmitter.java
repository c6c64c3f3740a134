package dev.lineagegate.lineagestream.oracle.run;

import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.GraphMessage;
import dev.lineagegate.avro.graph.PendingOutput;
import dev.lineagegate.avro.graph.Produced;
import dev.lineagegate.avro.graph.RecipeOutcome;
import dev.lineagegate.avro.graph.RecipeRetraction;
import dev.lineagegate.avro.graph.ResolveInput;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.lineagestream.graph.Address;
import dev.lineagegate.lineagestream.oracle.OracleTopology;
import dev.lineagegate.lineagestream.rules.ReproducibilityGrades;
import dev.lineagegate.lineagestream.rules.RunTimes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Tells the graph what a run's merged facts say: each output's node that this run produced it, each
 * input's node that this run consumed it (with the outputs it led to), the name's node of an input
 * without digest, and the recipe's node what a completed run produced. Receivers are idempotent, so
 * the whole picture is sent again whenever the run changes.
 */
final class RunEmitter {

  private final ProcessorContext<Object, Object> context;

  RunEmitter(final ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  /** The identity of an output reported without a digest (DESIGN.md §2). */
  static String derived(final String name, final String runId) {
    return Address.derived(name, runId);
  }

  /** The messages that tell the graph a run's picture, and the recipe its outcomes go to. */
  record Plan(List<KeyValue<String, Object>> messages, String reporting) {}

  /**
   * The run's picture as messages; {@code reported} is the recipe its outcomes went to before (null
   * for none). {@link Plan#reporting()} is the recipe they go to now: the caller keeps it with the
   * run. When that changes (FAIL after COMPLETE, a late START that changes the recipe or makes it
   * incomplete), the old recipe's node is told to forget this run, so that no NONDETERMINISTIC
   * rests on it. Nothing is sent yet: the caller stores the run first, then {@link #send}s.
   */
  Plan plan(final RunFacts full, final String reported) {
    final RunFacts facts = slim(full);
    final String runId = facts.getRunId();
    final List<KeyValue<String, Object>> messages = new ArrayList<>();
    final List<String> outputs = new ArrayList<>();
    final List<PendingOutput> pending = new ArrayList<>();
    final boolean comparable =
        ReproducibilityGrades.of(facts, false).getGrade() != ReproducibilityGrade.PARTIAL;
    // Outputs accumulate on any event (DESIGN.md §3) but count as produced once the run ended (a
    // FAIL's as failed outputs), or at once for a streaming run; until then they are pending.
    final boolean produced = RunTimes.produced(facts);
    String reporting = null;
    for (final OutputArtifact output : facts.getMerged().getOutputs()) {
      final boolean derived = output.getDigest() == null;
      final String digest = derived ? derived(output.getName(), runId) : output.getDigest();
      if (!produced) {
        pending.add(new PendingOutput(digest, output.getName()));
        continue;
      }
      outputs.add(digest);
      messages.add(KeyValue.pair(digest, new Produced(digest, output.getName(), derived, facts)));
      // Only a complete recipe says "same declared inputs" (a missing seed, code version or input
      // digest would make different runs look alike), and a derived identity differs per run by
      // construction: neither takes part in the non-determinism check.
      if (facts.getMerged().getEventType() == EventType.COMPLETE
          && output.getName() != null
          && !derived
          && comparable) {
        messages.add(
            KeyValue.pair(
                Address.recipe(facts.getRecipe()),
                new RecipeOutcome(facts.getRecipe(), output.getName(), digest, runId)));
        reporting = facts.getRecipe();
      }
    }
    if (reported != null && !reported.equals(reporting)) {
      messages.add(KeyValue.pair(Address.recipe(reported), new RecipeRetraction(reported, runId)));
    }
    for (final InputArtifact input : facts.getMerged().getInputs()) {
      if (input.getDigest() != null) {
        messages.add(
            KeyValue.pair(
                input.getDigest(),
                new ConsumerEdge(
                    input.getDigest(),
                    runId,
                    input.getName(),
                    outputs,
                    false,
                    pending,
                    false,
                    facts.getMerged().getRun().getStep())));
      } else if (input.getName() != null) {
        messages.add(
            KeyValue.pair(
                Address.name(input.getName()),
                new ResolveInput(
                    input.getName(),
                    runId,
                    outputs,
                    facts.getStartedAt() != null ? facts.getStartedAt() : facts.getEndedAt(),
                    pending,
                    facts.getMerged().getRun().getStep())));
      }
    }
    return new Plan(messages, reporting);
  }

  /** Sends what {@link #plan} prepared, with the timestamp of the record that caused it. */
  void send(final Plan plan, final long timestamp) {
    for (final KeyValue<String, Object> message : plan.messages()) {
      context.forward(
          new Record<Object, Object>(
              message.key, new GraphMessage(message.value, null, List.of()), timestamp),
          OracleTopology.RUNS_TO_GRAPH);
    }
  }

  /**
   * The facts the graph keeps, stored on every artifact the run produced: what the rules and the
   * queries read. Config parameters, the environment's image, lockfile, tools, hardware and
   * variables, stack traces and the producer stay in the run's picture (store {@code runs}): they
   * are half of an event's bytes, and every graph message and node update would carry them.
   */
  static RunFacts slim(final RunFacts full) {
    final ExecutionEvent event = ExecutionEvent.newBuilder(full.getMerged()).build();
    if (event.getConfig() != null) {
      event.setConfig(new ConfigInfo(event.getConfig().getDigest(), Map.of()));
    }
    if (event.getEnvironment() != null) {
      event.setEnvironment(
          new EnvironmentInfo(
              event.getEnvironment().getDigest(), null, null, Map.of(), Map.of(), Map.of()));
    }
    if (event.getError() != null) {
      event.setError(
          new ErrorInfo(event.getError().getMessage(), event.getError().getType(), null));
    }
    event.setProducer(null);
    return RunFacts.newBuilder(full).setMerged(event).build();
  }
}
