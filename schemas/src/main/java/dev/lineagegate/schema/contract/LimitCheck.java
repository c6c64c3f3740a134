package dev.lineagegate.schema.contract;

import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.schema.json.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One walk over every field of an event: the per-event limits of {@link EventLimits}, the name rule
 * ({@link EventContract#nameViolation}), text that UTF-8 cannot hold, and the size estimate. The
 * estimate is the UTF-8 length of every string plus {@link #FIELD} bytes per field, array item and
 * map entry, plus one more for the wire header. Avro's binary encoding spends at most 11 bytes on a
 * field besides its string's bytes (a union index and a 10-byte varint), and the Confluent wire
 * header is 5, so the estimate is never below the record on the topic.
 */
final class LimitCheck {

  /** Bytes counted per field, array item and map entry. */
  static final int FIELD = 16;

  private final List<FieldError> errors;
  private final String base;
  private long size = FIELD; // the wire header

  LimitCheck(final List<FieldError> errors, final String base) {
    this.errors = errors;
    this.base = base;
  }

  long size() {
    return size;
  }

  /** Checks {@code event}, adding its errors and its size estimate. */
  LimitCheck check(final ExecutionEvent event) {
    text("/eventId", event.getEventId(), 0); // RunId's rule covers ids (EventContract)
    fields(1); // eventType
    time("/eventTime", event.getEventTime());
    run(event.getRun());
    code(event.getCode());
    config(event.getConfig());
    fields(1); // seed
    environment(event.getEnvironment());
    inputs(event.getInputs());
    outputs(event.getOutputs());
    fields(1 + (event.getCost() == null ? 0 : 4));
    checks(event.getChecks());
    error(event.getError());
    text("/producer", event.getProducer(), EventLimits.URI);
    if (size > EventLimits.EVENT_BYTES) {
      errors.add(
          new FieldError(
              base,
              "is about "
                  + size
                  + " bytes once encoded, more than the "
                  + EventLimits.EVENT_BYTES
                  + " allowed (UTF-8 bytes of every string plus "
                  + FIELD
                  + " per field, item and map entry)"));
    }
    return this;
  }

  private void run(final RunInfo run) {
    fields(1);
    text("/run/runId", run.getRunId(), 0);
    name("/run/pipeline", run.getPipeline(), EventLimits.RUN_NAME);
    name("/run/step", run.getStep(), EventLimits.RUN_NAME);
    name("/run/owner", run.getOwner(), EventLimits.RUN_NAME);
    fields(1); // attempt
  }

  private void code(final CodeInfo code) {
    fields(1);
    if (code != null) {
      text("/code/repository", code.getRepository(), EventLimits.URI);
      text("/code/version", code.getVersion(), EventLimits.CODE_VERSION);
      fields(1); // dirty
    }
  }

  private void config(final ConfigInfo config) {
    fields(1);
    if (config != null) {
      text("/config/digest", config.getDigest(), 0); // a digest, or refused for its form
      map("/config/parameters", config.getParameters());
    }
  }

  private void environment(final EnvironmentInfo environment) {
    fields(1);
    if (environment != null) {
      text("/environment/digest", environment.getDigest(), 0);
      text("/environment/image", environment.getImage(), EventLimits.URI);
      text("/environment/lockfile", environment.getLockfile(), 0);
      map("/environment/tools", environment.getTools());
      map("/environment/hardware", environment.getHardware());
      map("/environment/variables", environment.getVariables());
    }
  }

  private void inputs(final List<InputArtifact> inputs) {
    count("/inputs", inputs.size(), EventLimits.INPUTS, "inputs");
    for (int i = 0; i < inputs.size(); i++) {
      final InputArtifact input = inputs.get(i);
      final String item = "/inputs/" + i;
      fields(1);
      name(item + "/name", input.getName(), EventLimits.ARTIFACT_NAME);
      text(item + "/digest", input.getDigest(), 0);
      time(item + "/producedAt", input.getProducedAt());
    }
  }

  private void outputs(final List<OutputArtifact> outputs) {
    count("/outputs", outputs.size(), EventLimits.OUTPUTS, "outputs");
    for (int i = 0; i < outputs.size(); i++) {
      final OutputArtifact output = outputs.get(i);
      final String item = "/outputs/" + i;
      fields(1);
      name(item + "/name", output.getName(), EventLimits.ARTIFACT_NAME);
      text(item + "/digest", output.getDigest(), 0);
      fields(1); // sizeBytes
    }
  }

  private void checks(final List<CheckResult> checks) {
    count("/checks", checks.size(), EventLimits.CHECKS, "checks");
    for (int i = 0; i < checks.size(); i++) {
      final CheckResult check = checks.get(i);
      final String item = "/checks/" + i;
      fields(3); // the item, passed, severity
      text(item + "/name", check.getName(), EventLimits.CHECK_NAME);
      text(item + "/observed", check.getObserved(), EventLimits.CHECK_OBSERVED);
    }
  }

  private void error(final ErrorInfo error) {
    fields(1);
    if (error != null) {
      text("/error/message", error.getMessage(), EventLimits.ERROR_MESSAGE);
      text("/error/type", error.getType(), EventLimits.ERROR_TYPE);
      text("/error/stackTrace", error.getStackTrace(), EventLimits.STACK_TRACE);
    }
  }

  private void map(final String at, final Map<String, String> map) {
    count(at, map.size(), EventLimits.MAP_ENTRIES, "entries");
    for (final Map.Entry<String, String> entry : map.entrySet()) {
      fields(1);
      final String key = entry.getKey();
      size += Strings.utf8Length(key);
      final boolean named = key.length() <= EventLimits.MAP_KEY;
      if (!named) {
        add(
            at,
            "has a key of "
                + key.length()
                + " characters, longer than the "
                + EventLimits.MAP_KEY
                + " allowed (\""
                + Strings.clip(key)
                + "\")");
      }
      unicode(at, key, "has a key holding");
      // The entry's pointer names its key, unless the key is itself too long to repeat.
      text(
          named ? at + "/" + Strings.escapePointer(key) : at,
          entry.getValue(),
          EventLimits.MAP_VALUE);
    }
  }

  /** A name: the limit, and no control characters (EventContract's one rule for names). */
  private void name(final String at, final String value, final int max) {
    text(at, value, max);
    final String problem = EventContract.nameViolation(value);
    if (problem != null) {
      add(at, problem);
    }
  }

  /** A string field: counted, at most {@code max} characters (0: no limit here), Unicode text. */
  private void text(final String at, final String value, final int max) {
    fields(1);
    if (value == null) {
      return;
    }
    size += Strings.utf8Length(value);
    if (max > 0 && value.length() > max) {
      add(at, "is " + value.length() + " characters, longer than the " + max + " allowed");
    }
    unicode(at, value, "holds");
  }

  /** Refuses text with a lone surrogate: UTF-8 has no bytes for it, Avro would write "?". */
  private void unicode(final String at, final String value, final String verb) {
    final int unpaired = Strings.unpairedSurrogate(value);
    if (unpaired >= 0) {
      add(
          at,
          verb
              + " an unpaired UTF-16 surrogate (\\u"
              + Integer.toHexString(value.charAt(unpaired)).toUpperCase(Locale.ROOT)
              + " at index "
              + unpaired
              + "): it is not Unicode text, and UTF-8 cannot hold it");
    }
  }

  private void time(final String at, final Instant time) {
    fields(1);
    if (time != null
        && (time.isBefore(EventLimits.EARLIEST_TIME) || time.isAfter(EventLimits.LATEST_TIME))) {
      add(
          at,
          "is "
              + time
              + ", outside "
              + EventLimits.EARLIEST_TIME
              + " to "
              + EventLimits.LATEST_TIME);
    }
  }

  private void count(final String at, final int count, final int max, final String what) {
    fields(1);
    if (count > max) {
      add(at, "has " + count + " " + what + ", more than the " + max + " allowed");
    }
  }

  private void fields(final int count) {
    size += (long) FIELD * count;
  }

  private void add(final String at, final String message) {
    errors.add(new FieldError(base + at, message));
  }
}
