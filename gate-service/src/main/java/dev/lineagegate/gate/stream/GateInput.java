package dev.lineagegate.gate.stream;

import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.Verdict;

/**
 * What the artifact task reads: a verdict or a decision of the same artifact (both topics are keyed
 * by digest and co-partitioned, so one task sees both, in the order of each partition). Never
 * serialised: it only lives between the sources and the processor.
 */
public sealed interface GateInput {

  static GateInput of(final Verdict verdict) {
    return verdict == null ? null : new VerdictIn(verdict);
  }

  static GateInput of(final GateDecision decision) {
    return decision == null ? null : new DecisionIn(decision);
  }

  record VerdictIn(Verdict verdict) implements GateInput {}

  record DecisionIn(GateDecision decision) implements GateInput {}
}
