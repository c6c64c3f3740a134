package dev.lineagegate.schema.contract;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.schema.id.RunId;
import dev.lineagegate.schema.json.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contract rules of DESIGN.md §3.1 that a schema-valid event can still break: digests of the
 * form {@code sha256:<64 hex>}, no event time more than 5 minutes ahead, no two outputs of one name
 * with different digests, no output equal to one of the run's own inputs; and, per event, the name
 * rule ({@link #nameViolation}), times within {@link EventLimits#EARLIEST_TIME} and {@link
 * EventLimits#LATEST_TIME}, text that UTF-8 can hold, and the size limits of {@link EventLimits}.
 * Ingest refuses such events (native and OpenLineage alike, over HTTP and the bridge); the topology
 * sends those that reach the topic another way to the dead-letter topic. A plain function: no I/O,
 * the clock is a parameter.
 */
public final class EventContract {

  /** How far in the future an event time may be (clock skew between pipelines and us). */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  private EventContract() {}

  /** Every violation of one event, pointers under {@code base} (e.g. {@code /3}). */
  public static List<FieldError> violations(
      final ExecutionEvent event, final String base, final Instant now) {
    final List<FieldError> errors = runViolations(event, base, now);
    new LimitCheck(errors, base).check(event);
    return errors;
  }

  /**
   * The rules that also hold for the merged picture of a run (its events together): all but the
   * per-event limits, since a run may gather more inputs or checks than one event may carry.
   */
  public static List<FieldError> runViolations(
      final ExecutionEvent event, final String base, final Instant now) {
    final List<FieldError> errors = new ArrayList<>();
    identifier(errors, base, "/eventId", event.getEventId());
    identifier(errors, base, "/run/runId", event.getRun().getRunId());
    if (event.getEventTime().isAfter(now.plus(MAX_FUTURE_SKEW))) {
      errors.add(
          new FieldError(
              base + "/eventTime",
              "is more than 5 minutes in the future (" + event.getEventTime() + ")"));
    }
    if (event.getConfig() != null) {
      digest(errors, base, "/config/digest", event.getConfig().getDigest());
    }
    if (event.getEnvironment() != null) {
      digest(errors, base, "/environment/digest", event.getEnvironment().getDigest());
      digest(errors, base, "/environment/lockfile", event.getEnvironment().getLockfile());
    }
    final Set<String> inputDigests = inputs(errors, event.getInputs(), base);
    outputs(errors, event, inputDigests, base);
    return errors;
  }

  /**
   * What a name may contain, the one rule for artifact names (inputs[].name, outputs[].name) and
   * run.step, run.pipeline, run.owner, whatever path the event took: anything but control
   * characters (Character.isISOControl: U+0000 to U+001F, U+007F to U+009F). They have no meaning
   * in a name, break URLs and logs, and were stored but could not be queried.
   *
   * @return why {@code name} is refused, or null when it is acceptable (or absent)
   */
  public static String nameViolation(final String name) {
    final int at = name == null ? -1 : Strings.controlCharacter(name);
    return at < 0
        ? null
        : String.format(
            "contains a control character (U+%04X at index %d): names may not contain control"
                + " characters",
            (int) name.charAt(at), at);
  }

  /**
   * The size of {@code event} as the whole-event limit counts it ({@link EventLimits#EVENT_BYTES}):
   * the UTF-8 bytes of its strings plus 16 per field, array item and map entry. Never below the
   * Avro record in the Confluent wire format, so an event within the limit fits the topic.
   */
  public static long estimatedSize(final ExecutionEvent event) {
    return new LimitCheck(new ArrayList<>(), "").check(event).size();
  }

  private static Set<String> inputs(
      final List<FieldError> errors, final List<InputArtifact> inputs, final String base) {
    final Set<String> digests = new HashSet<>();
    for (int i = 0; i < inputs.size(); i++) {
      final InputArtifact input = inputs.get(i);
      final String item = "/inputs/" + i;
      named(errors, base, item, input.getName(), input.getDigest(), "an input");
      if (digest(errors, base, item + "/digest", input.getDigest())) {
        digests.add(input.getDigest());
      }
    }
    return digests;
  }

  private static void outputs(
      final List<FieldError> errors,
      final ExecutionEvent event,
      final Set<String> inputDigests,
      final String base) {
    // Outputs may be listed on any event (DESIGN.md §3): they count as produced when the run ends.
    final List<OutputArtifact> outputs = event.getOutputs();
    final Map<String, String> digestByName = new HashMap<>();
    for (int i = 0; i < outputs.size(); i++) {
      final OutputArtifact output = outputs.get(i);
      final String item = "/outputs/" + i;
      named(errors, base, item, output.getName(), output.getDigest(), "an output");
      if (!digest(errors, base, item + "/digest", output.getDigest())) {
        continue;
      }
      if (inputDigests.contains(output.getDigest())) {
        errors.add(
            new FieldError(
                base + item + "/digest",
                "equals one of the run's own input digests: a run cannot"
                    + " produce what it consumed"));
      }
      if (output.getName() != null) {
        final String earlier = digestByName.putIfAbsent(output.getName(), output.getDigest());
        if (earlier != null && !earlier.equals(output.getDigest())) {
          errors.add(
              new FieldError(
                  base + item + "/digest",
                  "output \"" + output.getName() + "\" is reported twice with different digests"));
        }
      }
    }
  }

  private static void named(
      final List<FieldError> errors,
      final String base,
      final String at,
      final String name,
      final String digest,
      final String what) {
    if ((name == null || name.isBlank()) && digest == null) {
      errors.add(new FieldError(base + at, what + " needs a name, a digest or both"));
    }
  }

  /** True when {@code value} is a well-formed digest; records an error when it is malformed. */
  private static boolean digest(
      final List<FieldError> errors, final String base, final String at, final String value) {
    if (value == null) {
      return false;
    }
    if (!Digest.isValid(value)) {
      errors.add(
          new FieldError(
              base + at, "must be sha256:<64 lowercase hex>, got \"" + Strings.clip(value) + "\""));
      return false;
    }
    return true;
  }

  private static void identifier(
      final List<FieldError> errors, final String base, final String at, final String value) {
    try {
      RunId.parse(value);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(base + at, e.getMessage().replace("runId ", "")));
    }
  }
}
