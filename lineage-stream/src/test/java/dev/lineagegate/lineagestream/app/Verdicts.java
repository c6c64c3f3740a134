package dev.lineagegate.lineagestream.app;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.lineagestream.run.RunMerge;
import dev.lineagegate.policy.Policy;
import java.time.Instant;
import java.util.List;

/** The verdicts a clean train run yields under the default policy: its input's and its model's. */
final class Verdicts {

  private Verdicts() {}

  /** An input nobody reported producing: PASS, grade NONE. */
  static Verdict input(final String digest, final String name, final Instant at) {
    return base(digest, name, at)
        .setReproducibility(grade(ReproducibilityGrade.NONE, List.of("no producing run known")))
        .setProducingRunId(null)
        .setRecipe(null)
        .build();
  }

  /** The output of a fully described run: PASS, grade FULL, its recipe. */
  static Verdict output(
      final String digest,
      final String name,
      final ExecutionEvent start,
      final ExecutionEvent complete,
      final Instant at) {
    return base(digest, name, at)
        .setReproducibility(grade(ReproducibilityGrade.FULL, List.of()))
        .setProducingRunId(start.getRun().getRunId())
        .setRecipe(RunMerge.merge(List.of(start, complete)).getRecipe())
        .build();
  }

  private static Verdict.Builder base(final String digest, final String name, final Instant at) {
    return Verdict.newBuilder()
        .setArtifact(digest)
        .setName(name)
        .setStatus(VerdictStatus.PASS)
        .setReasons(List.of())
        .setReproducedBy(List.of())
        .setPolicyVersion(Policy.defaults().version().value())
        .setSequence(1L)
        .setEvaluatedAt(at)
        .setDerived(false);
  }

  private static Reproducibility grade(final ReproducibilityGrade grade, final List<String> gaps) {
    return Reproducibility.newBuilder().setGrade(grade).setGaps(gaps).build();
  }
}
