package dev.lineagegate.lineagestream.rules;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.schema.grade.Gaps;
import java.util.ArrayList;
import java.util.List;

/**
 * The reproducibility grade of DESIGN.md §4.6 and the gaps behind it: NONE without a producing run,
 * or with one that recorded nothing about how it made its outputs (no code version, config digest,
 * environment digest, seed or input: an image imported without generation metadata, §6.6); PARTIAL
 * when any of code version, config digest, environment digest, seed or an input digest is missing;
 * APPROXIMATE when all are captured but the recipe was seen to be non-deterministic or the code was
 * dirty; FULL otherwise. The gaps are worded by {@link Gaps}, which the import command shares.
 *
 * <p>The rest of each reason's story: its severity comes from the policy and the status from the
 * worst severity ({@link VerdictRules#evaluate}); a verdict that gains it raises VERDICT_WORSENED
 * ({@link Alerts#verdictWorsened}) with the suggested action {@link Alerts#action} gives; its
 * message and evidence are written here, and shown as they are by the API, the CLI and the web
 * view. Tests: {@code ReproducibilityGradesTest} (the rule alone), {@code RuleBehaviourTest}
 * (through the topology).
 */
public final class ReproducibilityGrades {

  public static final String NO_RUN = "no producing run known";

  private ReproducibilityGrades() {}

  public static Reproducibility none() {
    return new Reproducibility(ReproducibilityGrade.NONE, List.of(NO_RUN));
  }

  public static Reproducibility of(final RunFacts run, final boolean nondeterministic) {
    final ExecutionEvent event = run.getMerged();
    final List<String> missing = Gaps.missing(event);
    if (Gaps.nothingRecorded(event)) {
      final List<String> gaps = new ArrayList<>();
      gaps.add(Gaps.NOTHING_RECORDED);
      gaps.addAll(missing);
      return new Reproducibility(ReproducibilityGrade.NONE, gaps);
    }
    if (!missing.isEmpty()) {
      return new Reproducibility(ReproducibilityGrade.PARTIAL, missing);
    }
    final List<String> approximate = new ArrayList<>();
    if (nondeterministic) {
      approximate.add("non-determinism observed for recipe " + run.getRecipe());
    }
    if (Boolean.TRUE.equals(event.getCode().getDirty())) {
      approximate.add("code was dirty (uncommitted changes)");
    }
    return approximate.isEmpty()
        ? new Reproducibility(ReproducibilityGrade.FULL, List.of())
        : new Reproducibility(ReproducibilityGrade.APPROXIMATE, approximate);
  }

  /**
   * Whether a run's recipe says "same declared inputs": everything captured (FULL or APPROXIMATE).
   */
  public static boolean complete(final RunFacts run) {
    final ReproducibilityGrade grade = of(run, false).getGrade();
    return grade == ReproducibilityGrade.FULL || grade == ReproducibilityGrade.APPROXIMATE;
  }
}
