package dev.lineagegate.policy;

import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.schema.id.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The policy file of DESIGN.md §7 as an immutable value: severity overrides, freshness limits,
 * budgets, promotion targets and the stalled-run timeout. lineage-stream and gate-service share it
 * so that both read one file the same way, and every verdict and decision can name the {@link
 * #version()} it was made under.
 */
public final class Policy {

  /** Default of {@code stalledRunAfter} (§7). */
  public static final Duration DEFAULT_STALLED_RUN_AFTER = Duration.ofHours(2);

  /** Default of {@code targets} (§7), in file order. */
  public static final Map<String, TargetPolicy> DEFAULT_TARGETS = defaultTargets();

  private static final Policy DEFAULTS =
      new Policy(
          Digest.sha256(new byte[0]),
          Map.of(),
          List.of(),
          List.of(),
          DEFAULT_TARGETS,
          DEFAULT_STALLED_RUN_AFTER);

  private final Digest version;
  private final Map<ReasonCode, VerdictStatus> severities;
  private final List<FreshnessRule> freshness;
  private final List<BudgetRule> budgets;
  private final Map<String, TargetPolicy> targets;
  private final Duration stalledRunAfter;

  Policy(
      final Digest version,
      final Map<ReasonCode, VerdictStatus> severities,
      final List<FreshnessRule> freshness,
      final List<BudgetRule> budgets,
      final Map<String, TargetPolicy> targets,
      final Duration stalledRunAfter) {
    this.version = Objects.requireNonNull(version, "version");
    final Map<ReasonCode, VerdictStatus> overrides = new EnumMap<>(ReasonCode.class);
    overrides.putAll(severities);
    this.severities = Collections.unmodifiableMap(overrides);
    this.freshness = List.copyOf(freshness);
    this.budgets = List.copyOf(budgets);
    this.targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    this.stalledRunAfter = Objects.requireNonNull(stalledRunAfter, "stalledRunAfter");
  }

  /**
   * Parses a policy file; {@code source} names it in error messages. Empty bytes give the defaults.
   *
   * @throws PolicyException with the source, the line and the reason when the file is not a valid
   *     policy
   */
  public static Policy parse(final byte[] yaml, final String source) {
    return PolicyReader.read(Objects.requireNonNull(yaml, "yaml"), source);
  }

  /** Reads and parses {@code file}; the path as given is the source of error messages. */
  public static Policy load(final Path file) {
    final byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the policy file " + file, e);
    }
    return parse(bytes, file.toString());
  }

  /**
   * The policy in effect without a file. Its version is the SHA-256 of the empty byte array ({@code
   * sha256:e3b0c442…b855}), the same as parsing an empty file, since both mean the same.
   */
  public static Policy defaults() {
    return DEFAULTS;
  }

  /** The SHA-256 of the exact bytes of the file: what verdicts and decisions record (§4, §6.4). */
  public Digest version() {
    return version;
  }

  /**
   * The severity a reason takes under this policy: the file's override if any, else {@code
   * defaultSeverity} (the rule's default of §4). Empty when the policy maps the code to PASS: the
   * reason is dropped from the verdict altogether.
   */
  public Optional<Severity> severity(final ReasonCode code, final Severity defaultSeverity) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(defaultSeverity, "defaultSeverity");
    final VerdictStatus override = severities.get(code);
    if (override == null) {
      return Optional.of(defaultSeverity);
    }
    return override == VerdictStatus.PASS
        ? Optional.empty()
        : Optional.of(Severity.valueOf(override.name()));
  }

  /** The freshness limit of the first rule whose glob matches {@code inputName}; empty if none. */
  public Optional<Duration> maxAge(final String inputName) {
    return freshness.stream()
        .filter(rule -> rule.match().matches(inputName))
        .map(FreshnessRule::maxAge)
        .findFirst();
  }

  /** The budget of the first rule whose glob matches {@code step}; empty if none. */
  public Optional<Budget> budget(final String step) {
    return budgets.stream()
        .filter(rule -> rule.step().matches(step))
        .map(BudgetRule::budget)
        .findFirst();
  }

  /**
   * What {@code name} blocks.
   *
   * @throws UnknownTargetException when the policy does not list the target
   */
  public TargetPolicy target(final String name) {
    final TargetPolicy target = name == null ? null : targets.get(name);
    if (target == null) {
      throw new UnknownTargetException(name, targets.keySet());
    }
    return target;
  }

  /** The names of the targets, in file order. */
  public Set<String> targets() {
    return targets.keySet();
  }

  /** How long a run may stay started without finishing before RUN_STALLED (§4.7). */
  public Duration stalledRunAfter() {
    return stalledRunAfter;
  }

  /** The severity overrides as written (PASS included). */
  public Map<ReasonCode, VerdictStatus> severities() {
    return severities;
  }

  /** The freshness rules in file order. */
  public List<FreshnessRule> freshness() {
    return freshness;
  }

  /** The budget rules in file order. */
  public List<BudgetRule> budgets() {
    return budgets;
  }

  private static Map<String, TargetPolicy> defaultTargets() {
    final Map<String, TargetPolicy> targets = new LinkedHashMap<>();
    targets.put("prod", new TargetPolicy("prod", Set.of(VerdictStatus.BLOCK, VerdictStatus.WARN)));
    targets.put("staging", new TargetPolicy("staging", Set.of(VerdictStatus.BLOCK)));
    targets.put("dev", new TargetPolicy("dev", Set.of()));
    return Collections.unmodifiableMap(targets);
  }

  @Override
  public String toString() {
    return "Policy[" + version + ", targets=" + targets.keySet() + "]";
  }
}
