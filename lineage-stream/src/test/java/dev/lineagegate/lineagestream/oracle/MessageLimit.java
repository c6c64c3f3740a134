package dev.lineagegate.lineagestream.oracle;

import dev.lineagegate.lineagestream.TopologyConfig;

/**
 * The oracle's one addition (issue #14): a limit on the graph messages one input record may cause.
 * Without coalescing, some inputs (a cycle through names read without a digest, among others) make
 * the oracle send messages without end or in numbers that grow exponentially, where the topology
 * under test coalesces them and stops; the equivalence test cannot compare those and counts them
 * instead. {@link TopologyConfig#workBudget()} gives the limit, which the oracle has no other use
 * for.
 */
public final class MessageLimit {

  /** Thrown (an Error, so that no processing exception handler takes it) past the limit. */
  public static final class Exceeded extends Error {
    Exceeded(final long limit) {
      super(
          "the oracle handled more than " + limit + " graph messages for one input",
          null,
          false,
          false);
    }
  }

  private final long limit;
  private long count;

  MessageLimit(final long limit) {
    this.limit = limit;
  }

  /** A new input record. */
  void reset() {
    count = 0;
  }

  /** One more graph message for the current input. */
  void count() {
    if (++count > limit) {
      throw new Exceeded(limit);
    }
  }
}
