package dev.lineagegate.lineagestream.rules;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.graph.RunFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * The reproducibility grade of DESIGN.md §4.6 and the gaps behind it: NONE without a producing run;
 * PARTIAL when any of code version, config digest, environment digest, seed or an input digest is
 * missing; APPROXIMATE when all are captured but the recipe was seen to be non-deterministic or the
 * code was dirty; FULL otherwise.
 */
public final class Grades {

  public static final String NO_RUN = "no producing run known";

  private Grades() {}

  public static Reproducibility none() {
    return new Reproducibility(ReproducibilityGrade.NONE, List.of(NO_RUN));
  }

  public static Reproducibility of(final RunFacts run, final boolean nondeterministic) {
    final ExecutionEvent event = run.getMerged();
    final List<String> missing = new ArrayList<>();
    if (event.getCode() == null
        || event.getCode().getVersion() == null
        || event.getCode().getVersion().isBlank()) {
      missing.add("code version not captured");
    }
    if (event.getConfig() == null || event.getConfig().getDigest() == null) {
      missing.add("config digest not captured");
    }
    if (event.getEnvironment() == null || event.getEnvironment().getDigest() == null) {
      missing.add("environment digest not captured");
    }
    if (event.getSeed() == null) {
      missing.add("seed not captured");
    }
    for (final InputArtifact input : event.getInputs()) {
      if (input.getDigest() == null) {
        missing.add("input " + input.getName() + " has no digest");
      }
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
}
