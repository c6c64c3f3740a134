package dev.lineagegate.policy;

import java.util.Set;

/**
 * A promotion target the policy does not list. The gate refuses it (DESIGN.md §7) instead of
 * guessing a default, since a typo in a target name must never become a permissive promotion.
 */
public final class UnknownTargetException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String target;

  public UnknownTargetException(final String target, final Set<String> known) {
    super(
        "unknown target "
            + (target == null ? "null" : "\"" + target + "\"")
            + "; the policy knows "
            + (known.isEmpty() ? "no targets" : String.join(", ", known)));
    this.target = target;
  }

  /** The target that was asked for. */
  public String target() {
    return target;
  }
}
