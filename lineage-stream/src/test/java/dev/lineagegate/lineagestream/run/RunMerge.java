package dev.lineagegate.lineagestream.run;

import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.avro.RunMode;
import dev.lineagegate.avro.graph.RunFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The oracle of {@link RunFold}, kept in the tests: the first design merged all of a run's events
 * at once, each time one arrived (O(n) per event, O(n) state). Merges the events of one run into
 * one view (DESIGN.md §3: events accumulate, COMPLETE may come before START). A plain function of
 * the events, independent of their arrival order: they are sorted by event time (START first on a
 * tie), each metadata field takes the latest non-null value, inputs, outputs and checks are unions,
 * and the outcome is the latest terminal event.
 */
public final class RunMerge {

  private static final Comparator<ExecutionEvent> ORDER =
      Comparator.comparing(ExecutionEvent::getEventTime)
          .thenComparing(e -> e.getEventType() == EventType.START ? 0 : 1)
          .thenComparing(ExecutionEvent::getEventId);

  private RunMerge() {}

  /** The merged facts of the run whose (non-empty) events these are. */
  public static RunFacts merge(final List<ExecutionEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a run has at least one event");
    }
    final List<ExecutionEvent> sorted = events.stream().sorted(ORDER).toList();
    final ExecutionEvent merged = mergeEvents(sorted);
    final Instant startedAt =
        sorted.stream()
            .filter(e -> e.getEventType() == EventType.START)
            .map(ExecutionEvent::getEventTime)
            .findFirst()
            .orElse(null);
    final Instant endedAt =
        sorted.stream()
            .filter(e -> e.getEventType() != EventType.START)
            .map(ExecutionEvent::getEventTime)
            .reduce((first, second) -> second)
            .orElse(null);
    return RunFacts.newBuilder()
        .setRunId(merged.getRun().getRunId())
        .setMerged(merged)
        .setStartedAt(startedAt)
        .setEndedAt(endedAt)
        .setRecipe(Recipes.of(merged).value())
        .setMalformed(List.of())
        .build();
  }

  private static ExecutionEvent mergeEvents(final List<ExecutionEvent> sorted) {
    final ExecutionEvent last = sorted.get(sorted.size() - 1);
    final EventType outcome =
        sorted.stream()
            .map(ExecutionEvent::getEventType)
            .filter(type -> type != EventType.START)
            .reduce((first, second) -> second)
            .orElse(EventType.START);
    return ExecutionEvent.newBuilder()
        .setEventId(last.getEventId())
        .setEventType(outcome)
        .setEventTime(last.getEventTime())
        .setRun(run(sorted))
        .setCode(latest(sorted, ExecutionEvent::getCode))
        .setConfig(latest(sorted, ExecutionEvent::getConfig))
        .setSeed(latest(sorted, ExecutionEvent::getSeed))
        .setEnvironment(latest(sorted, ExecutionEvent::getEnvironment))
        .setInputs(inputs(sorted))
        .setOutputs(outputs(sorted))
        .setCost(cost(sorted))
        .setChecks(checks(sorted))
        .setError(latest(sorted, ExecutionEvent::getError))
        .setProducer(latest(sorted, ExecutionEvent::getProducer))
        .build();
  }

  private static RunInfo run(final List<ExecutionEvent> sorted) {
    final List<RunInfo> runs = sorted.stream().map(ExecutionEvent::getRun).toList();
    return RunInfo.newBuilder()
        .setRunId(runs.get(0).getRunId())
        .setPipeline(latest(runs, RunInfo::getPipeline))
        .setStep(runs.get(runs.size() - 1).getStep())
        .setOwner(latest(runs, RunInfo::getOwner))
        .setAttempt(latest(runs, RunInfo::getAttempt))
        .setMode(latest(runs, RunInfo::getMode))
        .build();
  }

  /** Union by name (or digest when unnamed); a version reported later fills a missing digest. */
  private static List<InputArtifact> inputs(final List<ExecutionEvent> sorted) {
    final Map<String, InputArtifact> byKey = new LinkedHashMap<>();
    for (final ExecutionEvent event : sorted) {
      for (final InputArtifact input : event.getInputs()) {
        final String key =
            input.getName() != null ? "n:" + input.getName() : "d:" + input.getDigest();
        final InputArtifact earlier = byKey.get(key);
        if (earlier == null || input.getDigest() != null || input.getProducedAt() != null) {
          byKey.put(key, earlier == null ? input : fill(earlier, input));
        }
      }
    }
    // One event may name an input that another gave by digest only: they are one input.
    final List<InputArtifact> merged = new ArrayList<>();
    for (final InputArtifact input : byKey.values()) {
      final boolean alsoNamed =
          input.getName() == null
              && byKey.values().stream()
                  .anyMatch(i -> i.getName() != null && input.getDigest().equals(i.getDigest()));
      if (!alsoNamed) {
        merged.add(input);
      }
    }
    return merged;
  }

  private static InputArtifact fill(final InputArtifact earlier, final InputArtifact later) {
    return InputArtifact.newBuilder()
        .setName(later.getName() != null ? later.getName() : earlier.getName())
        .setDigest(later.getDigest() != null ? later.getDigest() : earlier.getDigest())
        .setProducedAt(
            later.getProducedAt() != null ? later.getProducedAt() : earlier.getProducedAt())
        .build();
  }

  private static List<OutputArtifact> outputs(final List<ExecutionEvent> sorted) {
    final Map<String, OutputArtifact> byKey = new LinkedHashMap<>();
    for (final ExecutionEvent event : sorted) {
      // A streaming event's output is its stream's current version of the name: a later one
      // replaces it whatever its digest (the key follows the event's mode, not the run's).
      final boolean stream = event.getRun().getMode() == RunMode.STREAMING;
      for (final OutputArtifact output : event.getOutputs()) {
        byKey.put(
            stream && output.getName() != null
                ? "\0" + output.getName()
                : output.getName() + "@" + output.getDigest(),
            output);
      }
    }
    return new ArrayList<>(byKey.values());
  }

  private static List<CheckResult> checks(final List<ExecutionEvent> sorted) {
    final Map<String, CheckResult> byName = new LinkedHashMap<>();
    sorted.forEach(event -> event.getChecks().forEach(check -> byName.put(check.getName(), check)));
    return new ArrayList<>(byName.values());
  }

  private static CostInfo cost(final List<ExecutionEvent> sorted) {
    final List<CostInfo> costs =
        sorted.stream().map(ExecutionEvent::getCost).filter(Objects::nonNull).toList();
    if (costs.isEmpty()) {
      return null;
    }
    return CostInfo.newBuilder()
        .setDurationMs(latest(costs, CostInfo::getDurationMs))
        .setCpuSeconds(latest(costs, CostInfo::getCpuSeconds))
        .setGpuSeconds(latest(costs, CostInfo::getGpuSeconds))
        .setTokens(latest(costs, CostInfo::getTokens))
        .build();
  }

  private static <T, V> V latest(final List<T> items, final Function<T, V> field) {
    V value = null;
    for (final T item : items) {
      final V candidate = field.apply(item);
      // A blank text is no value: a later "owner": "" must not erase a reported owner.
      if (candidate != null && !(candidate instanceof String text && text.isBlank())) {
        value = candidate;
      }
    }
    return value;
  }
}
