package dev.lineagegate.lineagestream.rules;

import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict of one artifact version (DESIGN.md §4): every rule applied to what its node knows,
 * severities set by the policy, status the worst severity. A plain function; the topology only
 * gathers the node's facts and routes the result.
 */
public final class VerdictRules {

  private static final Comparator<RunFacts> PRIMARY =
      Comparator.<RunFacts, Integer>comparing(
              r -> r.getMerged().getEventType() == EventType.COMPLETE ? 0 : 1)
          .thenComparing(
              RunFacts::getEndedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
          .thenComparing(RunFacts::getRunId);

  private static final Comparator<Reason> ORDER =
      Comparator.comparing(Reason::getCode)
          .thenComparing(Reason::getMessage)
          .thenComparing(r -> r.getEvidence().toString());

  private VerdictRules() {}

  /** The run a verdict names as producer: the first to complete, else the first to end. */
  public static Optional<RunFacts> primary(final ArtifactNode node) {
    return node.getProducers().stream().min(PRIMARY);
  }

  /**
   * The verdict of {@code node} now. Its sequence is the previous one's when nothing that a verdict
   * promises (status, reasons, grade, producer, recipe, reproducedBy) changed, else one more (1 for
   * the first).
   */
  public static Verdict evaluate(final ArtifactNode node, final Policy policy, final Instant now) {
    final List<Finding> findings = new ArrayList<>();
    final Optional<RunFacts> primary = primary(node);
    Reproducibility grade = ReproducibilityGrades.none();
    List<String> reproducedBy = List.of();
    if (primary.isPresent()) {
      final RunFacts run = primary.get();
      findings.addAll(RunRules.findings(run, node.getDerived(), node.getName(), policy));
      findings.addAll(InputRules.findings(node.getArtifact(), run, node.getUpstream(), policy));
      final Optional<Finding> drift = DeterminismRules.nondeterministic(node, run);
      drift.ifPresent(findings::add);
      grade = ReproducibilityGrades.of(run, drift.isPresent());
      reproducedBy = DeterminismRules.reproducedBy(node, run);
    }
    if (node.getCycle() != null) {
      findings.add(
          Finding.block(
              ReasonCode.LINEAGE_CYCLE,
              "the lineage of this artifact loops back to itself: the events describe a cycle",
              Map.of("path", node.getCycle())));
    }
    if (node.getStateLimit() != null) {
      findings.add(
          Finding.block(
              ReasonCode.STATE_LIMIT,
              "lineage-gate could not keep all it was told about this artifact: "
                  + node.getStateLimit(),
              Map.of("limit", node.getStateLimit())));
    }
    final List<Reason> reasons = apply(findings, policy);
    final Verdict previous = node.getVerdict();
    final Verdict candidate =
        Verdict.newBuilder()
            .setArtifact(node.getArtifact())
            .setName(node.getName())
            .setStatus(status(reasons))
            .setReasons(reasons)
            .setReproducibility(grade)
            .setProducingRunId(primary.map(RunFacts::getRunId).orElse(null))
            .setRecipe(primary.map(RunFacts::getRecipe).orElse(null))
            .setReproducedBy(reproducedBy)
            .setPolicyVersion(policy.version().value())
            .setSequence(previous == null ? 1 : previous.getSequence() + 1)
            .setEvaluatedAt(now)
            .setDerived(node.getDerived())
            .build();
    return previous != null && sameContent(previous, candidate) ? previous : candidate;
  }

  /** True when the two verdicts promise the same (the sequence and times aside). */
  public static boolean sameContent(final Verdict a, final Verdict b) {
    return a.getStatus() == b.getStatus()
        && a.getReasons().equals(b.getReasons())
        && a.getReproducibility().equals(b.getReproducibility())
        && Objects.equals(a.getProducingRunId(), b.getProducingRunId())
        && Objects.equals(a.getRecipe(), b.getRecipe())
        && a.getReproducedBy().equals(b.getReproducedBy())
        && Objects.equals(a.getName(), b.getName())
        && a.getDerived() == b.getDerived();
  }

  /** The findings with the policy's severities, those it maps to PASS dropped, sorted. */
  public static List<Reason> apply(final List<Finding> findings, final Policy policy) {
    final List<Reason> reasons = new ArrayList<>();
    for (final Finding finding : findings) {
      policy
          .severity(finding.code(), finding.defaultSeverity())
          .ifPresent(
              severity ->
                  reasons.add(
                      new Reason(finding.code(), severity, finding.message(), finding.evidence())));
    }
    reasons.sort(ORDER);
    return reasons;
  }

  /** The worst severity among {@code reasons}; PASS when there are none. */
  public static VerdictStatus status(final List<Reason> reasons) {
    if (reasons.stream().anyMatch(r -> r.getSeverity() == Severity.BLOCK)) {
      return VerdictStatus.BLOCK;
    }
    return reasons.isEmpty() ? VerdictStatus.PASS : VerdictStatus.WARN;
  }

  /** The worst severity among the reasons the artifact has of its own (not inherited ones). */
  public static VerdictStatus ownStatus(final Verdict verdict) {
    return status(
        verdict.getReasons().stream().filter(r -> !Finding.inherited(r.getCode())).toList());
  }
}
