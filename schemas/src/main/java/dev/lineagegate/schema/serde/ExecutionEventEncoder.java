package dev.lineagegate.schema.serde;

import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.Encoder;

/**
 * Writes an {@link ExecutionEvent} field by field in Avro binary, the same bytes as {@code
 * SpecificDatumWriter} (which resolves every union and converts every logical type by lookup, a
 * third of ingest's per-event CPU after parsing). Written for one version of the schema: {@link
 * #MATCHES} is false as soon as the schema changes, and the serializer then uses the generic writer
 * until this class is brought up to date (its test fails meanwhile). A null where the schema wants
 * a value throws {@link NullPointerException}; the serializer then lets the generic writer word the
 * error.
 */
final class ExecutionEventEncoder {

  /**
   * The fingerprint of the full schema text this encoder writes: not of the parsing canonical form,
   * which leaves out logical types (timestamp-millis vs -micros changes the bytes).
   */
  static final long FINGERPRINT = 0x38d1504bf88ec785L;

  static final boolean MATCHES =
      SchemaNormalization.fingerprint64(
              ExecutionEvent.getClassSchema().toString().getBytes(StandardCharsets.UTF_8))
          == FINGERPRINT;

  private ExecutionEventEncoder() {}

  static void write(final ExecutionEvent event, final Encoder out) throws IOException {
    out.writeString(event.getEventId());
    out.writeEnum(event.getEventType().ordinal());
    out.writeLong(event.getEventTime().toEpochMilli());
    run(event.getRun(), out);
    final CodeInfo code = event.getCode();
    if (present(code, out)) {
      optional(code.getRepository(), out);
      optional(code.getVersion(), out);
      if (present(code.getDirty(), out)) {
        out.writeBoolean(code.getDirty());
      }
    }
    final ConfigInfo config = event.getConfig();
    if (present(config, out)) {
      optional(config.getDigest(), out);
      map(config.getParameters(), out);
    }
    if (present(event.getSeed(), out)) {
      out.writeLong(event.getSeed());
    }
    environment(event.getEnvironment(), out);
    inputs(event.getInputs(), out);
    outputs(event.getOutputs(), out);
    cost(event.getCost(), out);
    checks(event.getChecks(), out);
    final ErrorInfo error = event.getError();
    if (present(error, out)) {
      out.writeString(error.getMessage());
      optional(error.getType(), out);
      optional(error.getStackTrace(), out);
    }
    optional(event.getProducer(), out);
  }

  private static void run(final RunInfo run, final Encoder out) throws IOException {
    out.writeString(run.getRunId());
    optional(run.getPipeline(), out);
    out.writeString(run.getStep());
    optional(run.getOwner(), out);
    if (present(run.getAttempt(), out)) {
      out.writeInt(run.getAttempt());
    }
    if (present(run.getMode(), out)) {
      out.writeEnum(run.getMode().ordinal());
    }
  }

  private static void environment(final EnvironmentInfo environment, final Encoder out)
      throws IOException {
    if (present(environment, out)) {
      optional(environment.getDigest(), out);
      optional(environment.getImage(), out);
      optional(environment.getLockfile(), out);
      map(environment.getTools(), out);
      map(environment.getHardware(), out);
      map(environment.getVariables(), out);
    }
  }

  private static void inputs(final List<InputArtifact> inputs, final Encoder out)
      throws IOException {
    out.writeArrayStart();
    out.setItemCount(inputs.size());
    for (final InputArtifact input : inputs) {
      out.startItem();
      optional(input.getName(), out);
      optional(input.getDigest(), out);
      final Instant producedAt = input.getProducedAt();
      if (present(producedAt, out)) {
        out.writeLong(producedAt.toEpochMilli());
      }
    }
    out.writeArrayEnd();
  }

  private static void outputs(final List<OutputArtifact> outputs, final Encoder out)
      throws IOException {
    out.writeArrayStart();
    out.setItemCount(outputs.size());
    for (final OutputArtifact output : outputs) {
      out.startItem();
      optional(output.getName(), out);
      optional(output.getDigest(), out);
      if (present(output.getSizeBytes(), out)) {
        out.writeLong(output.getSizeBytes());
      }
    }
    out.writeArrayEnd();
  }

  private static void cost(final CostInfo cost, final Encoder out) throws IOException {
    if (present(cost, out)) {
      if (present(cost.getDurationMs(), out)) {
        out.writeLong(cost.getDurationMs());
      }
      if (present(cost.getCpuSeconds(), out)) {
        out.writeDouble(cost.getCpuSeconds());
      }
      if (present(cost.getGpuSeconds(), out)) {
        out.writeDouble(cost.getGpuSeconds());
      }
      if (present(cost.getTokens(), out)) {
        out.writeLong(cost.getTokens());
      }
    }
  }

  private static void checks(final List<CheckResult> checks, final Encoder out) throws IOException {
    out.writeArrayStart();
    out.setItemCount(checks.size());
    for (final CheckResult check : checks) {
      out.startItem();
      out.writeString(check.getName());
      out.writeBoolean(check.getPassed());
      out.writeEnum(check.getSeverity().ordinal());
      optional(check.getObserved(), out);
    }
    out.writeArrayEnd();
  }

  private static void map(final Map<String, String> map, final Encoder out) throws IOException {
    out.writeMapStart();
    out.setItemCount(map.size());
    for (final Map.Entry<String, String> entry : map.entrySet()) {
      out.startItem();
      out.writeString(entry.getKey());
      out.writeString(entry.getValue());
    }
    out.writeMapEnd();
  }

  /** A {@code ["null", "string"]} union. */
  private static void optional(final String text, final Encoder out) throws IOException {
    if (present(text, out)) {
      out.writeString(text);
    }
  }

  /** Writes the branch of a {@code ["null", T]} union; true when the value follows. */
  private static boolean present(final Object value, final Encoder out) throws IOException {
    out.writeIndex(value == null ? 0 : 1);
    return value != null;
  }
}
