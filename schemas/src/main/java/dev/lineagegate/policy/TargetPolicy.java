package dev.lineagegate.policy;

import dev.lineagegate.avro.VerdictStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one promotion target refuses: the verdict statuses in {@code block}. A status not listed is
 * allowed, so {@code dev: { block: [] }} lets everything through.
 */
public record TargetPolicy(String name, Set<VerdictStatus> block) {

  public TargetPolicy {
    Objects.requireNonNull(name, "name");
    final EnumSet<VerdictStatus> copy = EnumSet.noneOf(VerdictStatus.class);
    copy.addAll(Objects.requireNonNull(block, "block"));
    block = Collections.unmodifiableSet(copy);
  }

  /** True when an artifact whose verdict has {@code status} may not be promoted to this target. */
  public boolean blocks(final VerdictStatus status) {
    return block.contains(Objects.requireNonNull(status, "status"));
  }
}
