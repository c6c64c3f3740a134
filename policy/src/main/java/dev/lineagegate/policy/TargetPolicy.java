package dev.lineagegate.policy;

import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.VerdictStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one promotion target refuses: the verdict statuses in {@code block}, and the reason codes in
 * {@code reasons} whatever their severity (e.g. {@code dev: { block: [], reasons: [MALFORMED] }}).
 * A status not listed is allowed, so {@code dev: { block: [] }} lets everything through.
 */
public record TargetPolicy(String name, Set<VerdictStatus> block, Set<ReasonCode> reasons) {

  public TargetPolicy {
    Objects.requireNonNull(name, "name");
    final EnumSet<VerdictStatus> copy = EnumSet.noneOf(VerdictStatus.class);
    copy.addAll(Objects.requireNonNull(block, "block"));
    block = Collections.unmodifiableSet(copy);
    final EnumSet<ReasonCode> codes = EnumSet.noneOf(ReasonCode.class);
    codes.addAll(Objects.requireNonNull(reasons, "reasons"));
    reasons = Collections.unmodifiableSet(codes);
  }

  public TargetPolicy(final String name, final Set<VerdictStatus> block) {
    this(name, block, Set.of());
  }

  /** True when an artifact whose verdict has {@code status} may not be promoted to this target. */
  public boolean blocks(final VerdictStatus status) {
    return block.contains(Objects.requireNonNull(status, "status"));
  }

  /** True when a reason with {@code code} blocks this target whatever its severity. */
  public boolean blocksReason(final ReasonCode code) {
    return reasons.contains(Objects.requireNonNull(code, "code"));
  }
}
