package dev.lineagegate.schema.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.avro.RunMode;
import dev.lineagegate.schema.json.StreamingFields.NotFast;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The nested records of an event, read from tokens the way {@link ExecutionEventJson} reads them
 * from the tree. A repeated field keeps its last value, as in the tree; unknown fields are skipped.
 * Each method starts on the value's first token and returns null (or an empty list) for a JSON
 * null, which is what the tree reader does for an absent field.
 */
final class StreamingRecords {

  private StreamingRecords() {}

  static RunInfo run(final JsonParser p, final FieldNames names) throws IOException {
    if (!StreamingFields.object(p)) {
      return null;
    }
    String runId = null;
    String pipeline = null;
    String step = null;
    String owner = null;
    Integer attempt = null;
    RunMode mode = null;
    final int keys = names.open();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      names.add(keys, name);
      p.nextToken();
      switch (name) {
        case "runId" -> runId = StreamingFields.requiredText(p);
        case "pipeline" -> pipeline = StreamingFields.text(p);
        case "step" -> step = StreamingFields.requiredText(p);
        case "owner" -> owner = StreamingFields.text(p);
        case "attempt" -> attempt = StreamingFields.smallWholeNumber(p);
        case "mode" -> {
          final String text = StreamingFields.text(p);
          mode = text == null ? null : StreamingFields.symbol(RunMode.class, text);
        }
        default -> StreamingFields.skip(p, names);
      }
    }
    names.close(keys);
    if (runId == null || step == null) {
      throw NotFast.INSTANCE;
    }
    return new RunInfo(runId, pipeline, step, owner, attempt, mode);
  }

  static CodeInfo code(final JsonParser p, final FieldNames names) throws IOException {
    if (!StreamingFields.object(p)) {
      return null;
    }
    String repository = null;
    String version = null;
    Boolean dirty = null;
    final int keys = names.open();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      names.add(keys, name);
      p.nextToken();
      switch (name) {
        case "repository" -> repository = StreamingFields.text(p);
        case "version" -> version = StreamingFields.text(p);
        case "dirty" -> dirty = StreamingFields.bool(p);
        default -> StreamingFields.skip(p, names);
      }
    }
    names.close(keys);
    return new CodeInfo(repository, version, dirty);
  }

  static ConfigInfo config(final JsonParser p, final FieldNames names) throws IOException {
    if (!StreamingFields.object(p)) {
      return null;
    }
    String digest = null;
    Map<String, String> parameters = StreamingFields.emptyMap();
    final int keys = names.open();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      names.add(keys, name);
      p.nextToken();
      switch (name) {
        case "digest" -> digest = StreamingFields.text(p);
        case "parameters" -> parameters = StreamingFields.stringMap(p, names);
        default -> StreamingFields.skip(p, names);
      }
    }
    names.close(keys);
    return new ConfigInfo(digest, parameters);
  }

  static EnvironmentInfo environment(final JsonParser p, final FieldNames names)
      throws IOException {
    if (!StreamingFields.object(p)) {
      return null;
    }
    String digest = null;
    String image = null;
    String lockfile = null;
    Map<String, String> tools = StreamingFields.emptyMap();
    Map<String, String> hardware = StreamingFields.emptyMap();
    Map<String, String> variables = StreamingFields.emptyMap();
    final int keys = names.open();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      names.add(keys, name);
      p.nextToken();
      switch (name) {
        case "digest" -> digest = StreamingFields.text(p);
        case "image" -> image = StreamingFields.text(p);
        case "lockfile" -> lockfile = StreamingFields.text(p);
        case "tools" -> tools = StreamingFields.stringMap(p, names);
        case "hardware" -> hardware = StreamingFields.stringMap(p, names);
        case "variables" -> variables = StreamingFields.stringMap(p, names);
        default -> StreamingFields.skip(p, names);
      }
    }
    names.close(keys);
    return new EnvironmentInfo(digest, image, lockfile, tools, hardware, variables);
  }

  static List<InputArtifact> inputs(final JsonParser p, final FieldNames names) throws IOException {
    final List<InputArtifact> inputs = new ArrayList<>();
    for (boolean more = StreamingFields.array(p); more && nextItem(p); ) {
      String name = null;
      String digest = null;
      Instant producedAt = null;
      final int keys = names.open();
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        names.add(keys, field);
        p.nextToken();
        switch (field) {
          case "name" -> name = StreamingFields.text(p);
          case "digest" -> digest = StreamingFields.text(p);
          case "producedAt" -> producedAt = StreamingFields.instant(p);
          default -> StreamingFields.skip(p, names);
        }
      }
      names.close(keys);
      inputs.add(new InputArtifact(name, digest, producedAt));
    }
    return inputs;
  }

  static List<OutputArtifact> outputs(final JsonParser p, final FieldNames names)
      throws IOException {
    final List<OutputArtifact> outputs = new ArrayList<>();
    for (boolean more = StreamingFields.array(p); more && nextItem(p); ) {
      String name = null;
      String digest = null;
      Long sizeBytes = null;
      final int keys = names.open();
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        names.add(keys, field);
        p.nextToken();
        switch (field) {
          case "name" -> name = StreamingFields.text(p);
          case "digest" -> digest = StreamingFields.text(p);
          case "sizeBytes" -> sizeBytes = StreamingFields.wholeNumber(p);
          default -> StreamingFields.skip(p, names);
        }
      }
      names.close(keys);
      outputs.add(new OutputArtifact(name, digest, sizeBytes));
    }
    return outputs;
  }

  static CostInfo cost(final JsonParser p, final FieldNames names) throws IOException {
    if (!StreamingFields.object(p)) {
      return null;
    }
    Long durationMs = null;
    Double cpuSeconds = null;
    Double gpuSeconds = null;
    Long tokens = null;
    final int keys = names.open();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      names.add(keys, name);
      p.nextToken();
      switch (name) {
        case "durationMs" -> durationMs = StreamingFields.wholeNumber(p);
        case "cpuSeconds" -> cpuSeconds = StreamingFields.number(p);
        case "gpuSeconds" -> gpuSeconds = StreamingFields.number(p);
        case "tokens" -> tokens = StreamingFields.wholeNumber(p);
        default -> StreamingFields.skip(p, names);
      }
    }
    names.close(keys);
    return new CostInfo(durationMs, cpuSeconds, gpuSeconds, tokens);
  }

  static List<CheckResult> checks(final JsonParser p, final FieldNames names) throws IOException {
    final List<CheckResult> checks = new ArrayList<>();
    for (boolean more = StreamingFields.array(p); more && nextItem(p); ) {
      String name = null;
      Boolean passed = null;
      String severity = null;
      String observed = null;
      final int keys = names.open();
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        names.add(keys, field);
        p.nextToken();
        switch (field) {
          case "name" -> name = StreamingFields.requiredText(p);
          case "passed" -> passed = StreamingFields.bool(p);
          case "severity" -> severity = StreamingFields.text(p);
          case "observed" -> observed = StreamingFields.text(p);
          default -> StreamingFields.skip(p, names);
        }
      }
      names.close(keys);
      if (name == null || passed == null) {
        throw NotFast.INSTANCE;
      }
      final CheckSeverity level =
          severity == null
              ? CheckSeverity.ERROR
              : StreamingFields.symbol(CheckSeverity.class, severity);
      checks.add(new CheckResult(name, passed, level, observed));
    }
    return checks;
  }

  static ErrorInfo error(final JsonParser p, final FieldNames names) throws IOException {
    if (!StreamingFields.object(p)) {
      return null;
    }
    String message = null;
    String type = null;
    String stackTrace = null;
    final int keys = names.open();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      names.add(keys, name);
      p.nextToken();
      switch (name) {
        case "message" -> message = StreamingFields.requiredText(p);
        case "type" -> type = StreamingFields.text(p);
        case "stackTrace" -> stackTrace = StreamingFields.text(p);
        default -> StreamingFields.skip(p, names);
      }
    }
    names.close(keys);
    if (message == null) {
      throw NotFast.INSTANCE;
    }
    return new ErrorInfo(message, type, stackTrace);
  }

  /** Moves to the next item of an array: true on an object, false at the end. */
  private static boolean nextItem(final JsonParser p) throws IOException {
    final JsonToken token = p.nextToken();
    if (token == JsonToken.START_OBJECT) {
      return true;
    }
    if (token == JsonToken.END_ARRAY) {
      return false;
    }
    throw NotFast.INSTANCE; // "must be an object"
  }
}
