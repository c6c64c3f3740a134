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
import java.util.List;

/**
 * One walk over every field of an event: the per-event limits of {@link EventLimits}, the name rule
 * ({@link EventContract#nameViolation}), times, text that UTF-8 cannot hold, and the size estimate.
 * The estimate is the UTF-8 length of every string plus {@link FieldChecks#FIELD} bytes per field,
 * array item and map entry, plus one more for the wire header. Avro's binary encoding spends at
 * most 11 bytes on a field besides its string's bytes (a union index and a 10-byte varint), and the
 * Confluent wire header is 5, so the estimate is never below the record on the topic.
 */
final class LimitCheck {

  private final FieldChecks f;

  LimitCheck(final List<FieldError> errors, final String base) {
    this.f = new FieldChecks(errors, base);
  }

  long size() {
    return f.size();
  }

  /** Checks {@code event}, adding its errors and its size estimate. */
  LimitCheck check(final ExecutionEvent event) {
    f.text("/eventId", event.getEventId(), 0); // RunId's rule covers ids (EventContract)
    f.fields(1); // eventType
    f.time("/eventTime", event.getEventTime());
    run(event.getRun());
    code(event.getCode());
    config(event.getConfig());
    f.fields(1); // seed
    environment(event.getEnvironment());
    inputs(event.getInputs());
    outputs(event.getOutputs());
    f.fields(1 + (event.getCost() == null ? 0 : 4));
    checks(event.getChecks());
    error(event.getError());
    f.text("/producer", event.getProducer(), EventLimits.URI);
    final long size = f.size();
    if (size > EventLimits.EVENT_BYTES) {
      f.add(
          "",
          "is about "
              + size
              + " bytes once encoded, more than the "
              + EventLimits.EVENT_BYTES
              + " allowed (UTF-8 bytes of every string plus "
              + FieldChecks.FIELD
              + " per field, item and map entry)");
    }
    return this;
  }

  private void run(final RunInfo run) {
    f.fields(1);
    f.text("/run/runId", run.getRunId(), 0);
    f.name("/run", -1, "/pipeline", run.getPipeline(), EventLimits.RUN_NAME);
    f.name("/run", -1, "/step", run.getStep(), EventLimits.RUN_NAME);
    f.name("/run", -1, "/owner", run.getOwner(), EventLimits.RUN_NAME);
    f.fields(1); // attempt
  }

  private void code(final CodeInfo code) {
    f.fields(1);
    if (code != null) {
      f.text("/code/repository", code.getRepository(), EventLimits.URI);
      f.text("/code/version", code.getVersion(), EventLimits.CODE_VERSION);
      f.fields(1); // dirty
    }
  }

  private void config(final ConfigInfo config) {
    f.fields(1);
    if (config != null) {
      f.text("/config/digest", config.getDigest(), 0); // a digest, or refused for its form
      f.map("/config/parameters", config.getParameters());
    }
  }

  private void environment(final EnvironmentInfo environment) {
    f.fields(1);
    if (environment != null) {
      f.text("/environment/digest", environment.getDigest(), 0);
      f.text("/environment/image", environment.getImage(), EventLimits.URI);
      f.text("/environment/lockfile", environment.getLockfile(), 0);
      f.map("/environment/tools", environment.getTools());
      f.map("/environment/hardware", environment.getHardware());
      f.map("/environment/variables", environment.getVariables());
    }
  }

  private void inputs(final List<InputArtifact> inputs) {
    f.count("/inputs", inputs.size(), EventLimits.INPUTS, "inputs");
    for (int i = 0; i < inputs.size(); i++) {
      final InputArtifact input = inputs.get(i);
      f.fields(1);
      f.name("/inputs", i, "/name", input.getName(), EventLimits.ARTIFACT_NAME);
      f.text("/inputs", i, "/digest", input.getDigest(), 0);
      f.time("/inputs", i, "/producedAt", input.getProducedAt());
    }
  }

  private void outputs(final List<OutputArtifact> outputs) {
    f.count("/outputs", outputs.size(), EventLimits.OUTPUTS, "outputs");
    for (int i = 0; i < outputs.size(); i++) {
      final OutputArtifact output = outputs.get(i);
      f.fields(1);
      f.name("/outputs", i, "/name", output.getName(), EventLimits.ARTIFACT_NAME);
      f.text("/outputs", i, "/digest", output.getDigest(), 0);
      f.fields(1); // sizeBytes
    }
  }

  private void checks(final List<CheckResult> checks) {
    f.count("/checks", checks.size(), EventLimits.CHECKS, "checks");
    for (int i = 0; i < checks.size(); i++) {
      final CheckResult check = checks.get(i);
      f.fields(3); // the item, passed, severity
      f.text("/checks", i, "/name", check.getName(), EventLimits.CHECK_NAME);
      f.text("/checks", i, "/observed", check.getObserved(), EventLimits.CHECK_OBSERVED);
    }
  }

  private void error(final ErrorInfo error) {
    f.fields(1);
    if (error != null) {
      f.text("/error/message", error.getMessage(), EventLimits.ERROR_MESSAGE);
      f.text("/error/type", error.getType(), EventLimits.ERROR_TYPE);
      f.text("/error/stackTrace", error.getStackTrace(), EventLimits.STACK_TRACE);
    }
  }
}
