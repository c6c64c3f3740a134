package dev.lineagegate.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The cost limits of a step (DESIGN.md §4.5). Every limit is optional: an absent one is not
 * checked, which is different from a limit of 0 ({@code maxTokens: 0} means "no tokens at all"). A
 * cost equal to its limit is within budget.
 */
public record Budget(
    OptionalLong maxDurationMs,
    OptionalDouble maxCpuSeconds,
    OptionalDouble maxGpuSeconds,
    OptionalLong maxTokens) {

  public Budget {
    requireNonNegative("maxDurationMs", Objects.requireNonNull(maxDurationMs, "maxDurationMs"));
    requireNonNegative("maxCpuSeconds", Objects.requireNonNull(maxCpuSeconds, "maxCpuSeconds"));
    requireNonNegative("maxGpuSeconds", Objects.requireNonNull(maxGpuSeconds, "maxGpuSeconds"));
    requireNonNegative("maxTokens", Objects.requireNonNull(maxTokens, "maxTokens"));
  }

  /** A budget from nullable limits (null = not limited), as the policy reader collects them. */
  public static Budget of(
      final Long maxDurationMs,
      final Double maxCpuSeconds,
      final Double maxGpuSeconds,
      final Long maxTokens) {
    return new Budget(
        maxDurationMs == null ? OptionalLong.empty() : OptionalLong.of(maxDurationMs),
        maxCpuSeconds == null ? OptionalDouble.empty() : OptionalDouble.of(maxCpuSeconds),
        maxGpuSeconds == null ? OptionalDouble.empty() : OptionalDouble.of(maxGpuSeconds),
        maxTokens == null ? OptionalLong.empty() : OptionalLong.of(maxTokens));
  }

  /**
   * The limits that a run's cost exceeds, one sentence each ({@code "durationMs 4000000 >
   * 3600000"}), in the order duration, CPU, GPU, tokens; empty when within budget. A null cost is
   * unknown and exceeds nothing: a run that does not report its cost is not over budget.
   */
  public List<String> exceeded(
      final Long durationMs, final Double cpuSeconds, final Double gpuSeconds, final Long tokens) {
    final List<String> over = new ArrayList<>();
    if (durationMs != null && maxDurationMs.isPresent() && durationMs > maxDurationMs.getAsLong()) {
      over.add("durationMs " + durationMs + " > " + maxDurationMs.getAsLong());
    }
    if (cpuSeconds != null
        && maxCpuSeconds.isPresent()
        && cpuSeconds > maxCpuSeconds.getAsDouble()) {
      over.add("cpuSeconds " + plain(cpuSeconds) + " > " + plain(maxCpuSeconds.getAsDouble()));
    }
    if (gpuSeconds != null
        && maxGpuSeconds.isPresent()
        && gpuSeconds > maxGpuSeconds.getAsDouble()) {
      over.add("gpuSeconds " + plain(gpuSeconds) + " > " + plain(maxGpuSeconds.getAsDouble()));
    }
    if (tokens != null && maxTokens.isPresent() && tokens > maxTokens.getAsLong()) {
      over.add("tokens " + tokens + " > " + maxTokens.getAsLong());
    }
    return List.copyOf(over);
  }

  /** 7200 rather than 7200.0, so that a sentence shows the limit as the policy file wrote it. */
  private static String plain(final double value) {
    return Double.isFinite(value)
        ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
        : String.valueOf(value);
  }

  private static void requireNonNegative(final String field, final OptionalLong value) {
    if (value.isPresent() && value.getAsLong() < 0) {
      throw new IllegalArgumentException(field + " must not be negative: " + value.getAsLong());
    }
  }

  private static void requireNonNegative(final String field, final OptionalDouble value) {
    if (value.isPresent() && !(value.getAsDouble() >= 0 && Double.isFinite(value.getAsDouble()))) {
      throw new IllegalArgumentException(
          field + " must be a finite number not below 0: " + value.getAsDouble());
    }
  }
}
