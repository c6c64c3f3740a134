package dev.lineagegate.gate;

/**
 * How much the gate keeps per key, so that no store record grows with the number of requests: a
 * record that outgrows what the broker takes would stop its task for good (issue #12). Each list
 * keeps its newest entries and logs what it drops; {@code GateBoundsTest} checks the bytes stated
 * on each store in {@link GateTopology}.
 *
 * <p>Strings are bounded in UTF-16 characters, at most 3 UTF-8 bytes each: targets and request ids
 * by the HTTP service ({@value #MAX_ID} characters), justifications by it too ({@value
 * #MAX_JUSTIFICATION}), principals by {@code gate.tokens} ({@value #MAX_ID}). A verdict (V bytes)
 * and a name are as large as lineage-stream lets them be: it bounds them.
 *
 * @param versionsPerName ALLOWed versions kept per name and target (rollback candidates)
 * @param targets promotions kept per artifact, and targets per name
 * @param waivers waivers an artifact holds (the HTTP service refuses more)
 * @param decisionsPerArtifact decisions kept in the decision log per artifact, and with them the
 *     promotion requests they answered (idempotency holds for those)
 */
public record GateBounds(int versionsPerName, int targets, int waivers, int decisionsPerArtifact) {

  public static final GateBounds DEFAULTS = new GateBounds(100, 16, 16, 1_000);

  /** Longest target, request id, requester or principal, in characters. */
  public static final int MAX_ID = 200;

  /** Longest waiver justification, in characters. */
  public static final int MAX_JUSTIFICATION = 2_000;

  public GateBounds {
    positive(versionsPerName, "versionsPerName");
    positive(targets, "targets");
    positive(waivers, "waivers");
    positive(decisionsPerArtifact, "decisionsPerArtifact");
  }

  private static void positive(final int value, final String what) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + value);
    }
  }
}
