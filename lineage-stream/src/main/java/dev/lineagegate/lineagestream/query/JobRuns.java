package dev.lineagegate.lineagestream.query;

import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.lineagestream.graph.Address;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The newest run of each job (step) that a name-level walk saw, and the status it gives the job:
 * the worst verdict among that run's outputs. "Newest": a run still open (its outputs pending, or a
 * streaming run) before any ended one, then the latest start or end, then the greatest runId.
 */
final class JobRuns {

  /** Outputs of the newest run read for the job's status (a run lists at most 256). */
  static final int STATUS_OUTPUTS = 32;

  private static final Comparator<Run> OLDEST_FIRST =
      Comparator.comparingInt(Run::rank)
          .thenComparing(Run::at, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
          .thenComparing(Run::runId);

  private final Map<String, Run> newest = new HashMap<>();

  /**
   * One run as the walk knows it.
   *
   * @param rank 2 still open, 1 ended, 0 unknown (a consumer edge whose outputs were not readable)
   * @param at when it ended, or started while open; null if not known
   * @param outputs the digests it produced
   */
  record Run(String runId, String step, int rank, Instant at, List<String> outputs) {

    /** From the facts an artifact node keeps of its producing run. */
    static Run of(final RunFacts facts) {
      final boolean open = facts.getEndedAt() == null;
      final List<String> outputs =
          facts.getMerged().getOutputs().stream()
              .map(
                  o ->
                      o.getDigest() != null
                          ? o.getDigest()
                          : Address.derived(o.getName(), facts.getRunId()))
              .toList();
      return new Run(
          facts.getRunId(),
          facts.getMerged().getRun().getStep(),
          open ? 2 : 1,
          open ? facts.getStartedAt() : facts.getEndedAt(),
          outputs);
    }

    /** From a consumer edge alone: open while its outputs are pending, else of unknown age. */
    static Run of(final ConsumerEdge edge, final String step) {
      final boolean open = !edge.getPending().isEmpty();
      return new Run(edge.getRunId(), step, open ? 2 : 0, null, edge.getOutputs());
    }
  }

  void offer(final Run run) {
    newest.merge(run.step(), run, (a, b) -> OLDEST_FIRST.compare(a, b) >= 0 ? a : b);
  }

  Optional<Run> newest(final String step) {
    return Optional.ofNullable(newest.get(step));
  }

  /** The worst verdict status among the run's outputs; null while none has a verdict. */
  static String status(final Run run, final NodeSource source) {
    return run.outputs().stream()
        .limit(STATUS_OUTPUTS)
        .map(source::artifact)
        .flatMap(Optional::stream)
        .map(ArtifactNode::getVerdict)
        .filter(Objects::nonNull)
        .map(v -> v.getStatus())
        // VerdictStatus is declared from best to worst: PASS, WARN, BLOCK.
        .max(Comparator.comparingInt(VerdictStatus::ordinal))
        .map(VerdictStatus::name)
        .orElse(null);
  }
}
