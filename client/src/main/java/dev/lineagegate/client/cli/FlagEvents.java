package dev.lineagegate.client.cli;

import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.client.Digests;
import dev.lineagegate.client.RunReporter;
import dev.lineagegate.client.RunSpec;
import dev.lineagegate.schema.id.Digest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The event of one {@code emit}: flags over {@code --from-json} defaults, field by field (maps
 * merge key by key; an input, output or check named by a flag replaces the default of that name),
 * built with the library's {@link RunSpec} and {@link RunReporter} like any other client's event.
 * Invalid values throw {@link IllegalArgumentException} naming the flag or the JSON pointer.
 */
final class FlagEvents {

  private FlagEvents() {}

  /** The event, and whether its runId was generated here (then the caller prints it). */
  record Built(ExecutionEvent event, boolean runIdGenerated) {}

  static Built build(
      final EventType type,
      final EmitOptions flags,
      final String errorMessage,
      final JsonDefaults defaults,
      final Clock clock) {
    if (type == EventType.START && flags.hasOutcome()) {
      throw new IllegalArgumentException(
          "--output, --output-digest, --duration-ms, --cpu-seconds, --gpu-seconds, --tokens and"
              + " --check describe how a run ended: give them to complete or fail, not start");
    }
    final ExecutionEvent json = defaults.event();
    final EnvironmentInfo env = defaults.environment();
    final RunSpec spec =
        RunSpec.forStep(flags.step)
            .pipeline(first(flags.pipeline, json.getRun().getPipeline()))
            .owner(first(flags.owner, json.getRun().getOwner()))
            .attempt(first(flags.attempt, json.getRun().getAttempt()))
            .code(
                first(flags.codeRepo, defaults.code().getRepository()),
                first(flags.codeVersion, defaults.code().getVersion()),
                first(flags.dirty, defaults.code().getDirty()))
            .config(
                digest(
                    flags.configDigest,
                    "--config-digest",
                    defaults.config().getDigest(),
                    "/config/digest"),
                merged(defaults.config().getParameters(), flags.params))
            .seed(first(flags.seed, json.getSeed()))
            .environment(
                digest(flags.envDigest, "--env-digest", env.getDigest(), "/environment/digest"),
                first(flags.image, env.getImage()),
                first(flags.lockfile, env.getLockfile()),
                merged(env.getTools(), flags.tools),
                merged(env.getHardware(), flags.hardware),
                merged(env.getVariables(), flags.variables))
            .producer(first(json.getProducer(), EmitCommand.PRODUCER));
    final String runId = first(flags.runId, defaults.runId());
    if (runId != null) {
      spec.runId(runId);
    }
    inputs(spec, flags, json.getInputs());
    final RunReporter reporter =
        RunReporter.of(spec)
            .clock(flags.eventTime == null ? clock : Clock.fixed(flags.eventTime, ZoneOffset.UTC));
    if (flags.eventId != null) {
      reporter.eventIds(() -> flags.eventId);
    }
    outcome(reporter, flags, defaults);
    return new Built(event(type, reporter, errorMessage, json.getError()), runId == null);
  }

  private static ExecutionEvent event(
      final EventType type,
      final RunReporter reporter,
      final String errorMessage,
      final ErrorInfo json) {
    return switch (type) {
      case START -> reporter.start();
      case COMPLETE -> reporter.complete();
      case FAIL ->
          json == null
              ? reporter.fail(errorMessage, null, null)
              : reporter.fail(
                  first(errorMessage, json.getMessage()), json.getType(), json.getStackTrace());
    };
  }

  /** Inputs of the file not named by a flag, then the flags'; {@code --produced-at} on any. */
  private static void inputs(
      final RunSpec spec, final EmitOptions flags, final List<InputArtifact> json) {
    final Map<String, Instant> producedAt = new LinkedHashMap<>();
    flags.producedAt.forEach((name, time) -> producedAt.put(name, time(name, time)));
    final Set<String> named = new HashSet<>();
    for (int i = 0; i < json.size(); i++) {
      final InputArtifact input = json.get(i);
      final String name = input.getName();
      if (name == null
          || !(flags.inputs.containsKey(name) || flags.inputDigests.containsKey(name))) {
        final Digest digest = digest(null, null, input.getDigest(), "/inputs/" + i + "/digest");
        spec.input(name, digest, first(producedAt.get(name), input.getProducedAt()));
        named.add(name);
      }
    }
    flags.inputs.forEach((name, path) -> spec.input(name, Digests.of(path), producedAt.get(name)));
    flags.inputDigests.forEach(
        (name, digest) ->
            spec.input(
                name, digest(digest, "--input-digest " + name, null, null), producedAt.get(name)));
    named.addAll(flags.inputs.keySet());
    named.addAll(flags.inputDigests.keySet());
    producedAt.keySet().stream()
        .filter(name -> !named.contains(name))
        .findFirst()
        .ifPresent(
            name -> {
              throw new IllegalArgumentException(
                  "--produced-at " + name + ": no input has this name");
            });
  }

  private static Instant time(final String name, final String text) {
    try {
      return EmitOptions.time(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--produced-at "
              + name
              + ": expected an ISO-8601 time with a zone, e.g."
              + " 2026-11-22T10:00:00Z, got \""
              + text
              + "\"",
          e);
    }
  }

  private static void outcome(
      final RunReporter reporter, final EmitOptions flags, final JsonDefaults defaults) {
    final List<OutputArtifact> outputs = defaults.event().getOutputs();
    for (int i = 0; i < outputs.size(); i++) {
      final OutputArtifact output = outputs.get(i);
      final String name = output.getName();
      if (!(flags.outputs.containsKey(name) || flags.outputDigests.containsKey(name))) {
        final Digest digest = digest(null, null, output.getDigest(), "/outputs/" + i + "/digest");
        reporter.output(name, digest, output.getSizeBytes());
      }
    }
    flags.outputs.forEach(reporter::output);
    flags.outputDigests.forEach(
        (name, digest) ->
            reporter.output(name, digest(digest, "--output-digest " + name, null, null), null));
    final CostInfo cost = defaults.cost();
    final Long durationMs = first(flags.durationMs, cost.getDurationMs());
    final Double cpuSeconds = first(flags.cpuSeconds, cost.getCpuSeconds());
    final Double gpuSeconds = first(flags.gpuSeconds, cost.getGpuSeconds());
    final Long tokens = first(flags.tokens, cost.getTokens());
    if (durationMs != null || cpuSeconds != null || gpuSeconds != null || tokens != null) {
      reporter.cost(durationMs, cpuSeconds, gpuSeconds, tokens);
    }
    final List<CheckFlag> checks = flags.checks.stream().map(CheckFlag::parse).toList();
    final Set<String> named = checks.stream().map(CheckFlag::name).collect(Collectors.toSet());
    for (final CheckResult check : defaults.event().getChecks()) {
      if (!named.contains(check.getName())) {
        reporter.check(
            check.getName(), check.getPassed(), check.getSeverity(), check.getObserved());
      }
    }
    checks.forEach(c -> reporter.check(c.name(), c.passed(), c.severity(), c.observed()));
  }

  /** The flag's digest if given, else the JSON's; invalid ones name where they came from. */
  private static Digest digest(
      final String flag, final String flagName, final String json, final String pointer) {
    final String text = first(flag, json);
    try {
      return text == null ? null : Digest.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          (flag != null ? flagName : "--from-json " + pointer) + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> merged(
      final Map<String, String> json, final Map<String, String> flags) {
    final Map<String, String> merged = new LinkedHashMap<>(json);
    merged.putAll(flags);
    return merged;
  }

  private static <T> T first(final T flag, final T json) {
    return flag != null ? flag : json;
  }
}
