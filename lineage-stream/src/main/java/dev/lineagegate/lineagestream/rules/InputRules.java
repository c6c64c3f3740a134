package dev.lineagegate.lineagestream.rules;

import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.graph.Origin;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.avro.graph.UpstreamSignal;
import dev.lineagegate.config.Durations;
import dev.lineagegate.policy.Policy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules about what an artifact was made from (DESIGN.md §4.2): STALE_INPUT, SUPERSEDED_INPUT,
 * UPSTREAM_BLOCKED and UPSTREAM_WARNED, from the producing run's inputs and what each input's node
 * last told this one ({@link UpstreamSignal}). Edges found to close a cycle are ignored.
 *
 * <p>The rest of each reason's story: its severity comes from the policy and the status from the
 * worst severity ({@link VerdictRules#evaluate}); a verdict that gains it raises VERDICT_WORSENED
 * ({@link Alerts#verdictWorsened}) with the suggested action {@link Alerts#action} gives; its
 * message and evidence are written here, and shown as they are by the API, the CLI and the web
 * view. Tests: {@code InputRulesTest} (the rule alone), {@code RuleBehaviourTest} (through the
 * topology).
 */
public final class InputRules {

  /** How many ancestors an UPSTREAM_* reason names in its evidence. */
  static final int NAMED_ANCESTORS = 10;

  private InputRules() {}

  public static List<Finding> findings(
      final String self,
      final RunFacts run,
      final List<UpstreamSignal> upstream,
      final Policy policy) {
    final List<UpstreamSignal> live = relevant(run, upstream);
    final List<Finding> findings = new ArrayList<>();
    stale(findings, run, live, policy);
    final Set<String> ownOutputs = new HashSet<>();
    ownOutputs.add(self);
    run.getMerged().getOutputs().forEach(o -> ownOutputs.add(o.getDigest()));
    for (final UpstreamSignal signal : live) {
      // A run that reads a name and writes its next version (an in-place update) is not
      // superseded by its own output.
      if (signal.getSupersededBy() != null && !ownOutputs.contains(signal.getSupersededBy())) {
        findings.add(
            Finding.warn(
                ReasonCode.SUPERSEDED_INPUT,
                "a newer version of " + signal.getName() + " was produced",
                Map.of(
                    "input", signal.getFrom(),
                    "name", String.valueOf(signal.getName()),
                    "newer", signal.getSupersededBy())));
      }
    }
    upstreamStatus(findings, self, live, VerdictStatus.BLOCK, ReasonCode.UPSTREAM_BLOCKED);
    upstreamStatus(findings, self, live, VerdictStatus.WARN, ReasonCode.UPSTREAM_WARNED);
    return findings;
  }

  /**
   * The signals that speak for the producing run's inputs now: by digest, or by name for an input
   * linked by name; edges that close a cycle left out. A node may hold signals of artifacts that
   * are no longer inputs of its merged run (a later event gave the digest of an input first linked
   * by name): they count for nothing.
   */
  public static List<UpstreamSignal> relevant(
      final RunFacts run, final List<UpstreamSignal> upstream) {
    final List<UpstreamSignal> live = new ArrayList<>();
    for (final UpstreamSignal signal : upstream) {
      if (!signal.getBackEdge()
          && run.getMerged().getInputs().stream()
              .anyMatch(input -> signalOf(input, List.of(signal)).isPresent())) {
        live.add(signal);
      }
    }
    return live;
  }

  /** The signal of {@code input}'s node: by digest, or by name for an input linked by name. */
  public static Optional<UpstreamSignal> signalOf(
      final InputArtifact input, final List<UpstreamSignal> signals) {
    return signals.stream()
        .filter(
            s ->
                input.getDigest() != null
                    ? input.getDigest().equals(s.getFrom())
                    : input.getName() != null && input.getName().equals(s.getName()))
        .findFirst();
  }

  /**
   * When the run started: its START, else (a COMPLETE or FAIL read first) its end minus the
   * duration it reported, else its end. The estimate keeps the verdict from changing when the START
   * arrives after all (the Java client measures the duration from START); without a duration the
   * end is the strict choice: an input stale at the end may not have been at start.
   */
  static Instant startOf(final RunFacts run) {
    if (run.getStartedAt() != null || run.getEndedAt() == null) {
      return run.getStartedAt();
    }
    final CostInfo cost = run.getMerged().getCost();
    if (cost != null && cost.getDurationMs() != null && cost.getDurationMs() >= 0) {
      return run.getEndedAt().minusMillis(cost.getDurationMs());
    }
    return run.getEndedAt();
  }

  private static void stale(
      final List<Finding> findings,
      final RunFacts run,
      final List<UpstreamSignal> signals,
      final Policy policy) {
    final Instant started = startOf(run);
    if (started == null) {
      return;
    }
    for (final InputArtifact input : run.getMerged().getInputs()) {
      final Optional<UpstreamSignal> signal = signalOf(input, signals);
      // An input given by digest only is matched by the name its producer gave it.
      final String name =
          input.getName() != null
              ? input.getName()
              : signal.map(UpstreamSignal::getName).orElse(null);
      final Optional<Duration> maxAge = policy.maxAge(name);
      if (maxAge.isEmpty()) {
        continue;
      }
      final Instant producedAt =
          input.getProducedAt() != null
              ? input.getProducedAt()
              : signal.map(UpstreamSignal::getProducedAt).orElse(null);
      if (producedAt == null) {
        continue;
      }
      final Duration age = Duration.between(producedAt, started);
      if (age.compareTo(maxAge.get()) > 0) {
        findings.add(
            Finding.block(
                ReasonCode.STALE_INPUT,
                // For people (3d2h, not PT74H0.338S); the evidence keeps ISO-8601 for machines.
                "input "
                    + name
                    + " was "
                    + Durations.show(age.truncatedTo(ChronoUnit.SECONDS))
                    + " old when the run started (limit "
                    + Durations.show(maxAge.get())
                    + ")",
                Map.of(
                    "input", String.valueOf(input.getDigest()),
                    "name", String.valueOf(name),
                    "age", age.toString(),
                    "maxAge", maxAge.get().toString())));
      }
    }
  }

  /**
   * Two inputs may carry different views of one ancestor while a change travels: BLOCK wins, as in
   * {@link Signals}, so that the ancestor is named once and a recovering one does not look new.
   */
  private static Origin worse(final Origin a, final Origin b) {
    return b.getStatus() == VerdictStatus.BLOCK && a.getStatus() != VerdictStatus.BLOCK ? b : a;
  }

  private static void upstreamStatus(
      final List<Finding> findings,
      final String self,
      final List<UpstreamSignal> signals,
      final VerdictStatus status,
      final ReasonCode code) {
    final List<Origin> origins =
        signals.stream()
            .flatMap(s -> s.getOrigins().stream())
            .filter(o -> !o.getArtifact().equals(self))
            .collect(
                Collectors.toMap(
                    Origin::getArtifact, o -> o, InputRules::worse, java.util.TreeMap::new))
            .values()
            .stream()
            .filter(o -> o.getStatus() == status)
            .sorted(Comparator.comparing(Origin::getArtifact))
            .toList();
    if (origins.isEmpty()) {
      return;
    }
    final Origin first = origins.get(0);
    final String codes = first.getCodes().stream().map(Enum::name).collect(Collectors.joining(","));
    findings.add(
        new Finding(
            code,
            status == VerdictStatus.BLOCK
                ? dev.lineagegate.avro.Severity.BLOCK
                : dev.lineagegate.avro.Severity.WARN,
            "ancestor "
                + first.getArtifact()
                + " is "
                + status
                + " ("
                + codes
                + ")"
                + (origins.size() > 1 ? " and " + (origins.size() - 1) + " more" : ""),
            Map.of(
                "ancestor",
                first.getArtifact(),
                "ancestorReasons",
                codes,
                "ancestors",
                origins.stream()
                    .limit(NAMED_ANCESTORS)
                    .map(Origin::getArtifact)
                    .collect(Collectors.joining(",")),
                "count",
                Integer.toString(origins.size()))));
  }
}
