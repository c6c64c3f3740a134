package dev.lineagegate.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.avro.RunMode;
import dev.lineagegate.schema.AvroCompat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The native JSON form of an {@link ExecutionEvent} (DESIGN.md §3), field for field, shared by
 * ingest, the client, the CLI and the tests. Reading reports every structural problem (missing
 * required field, wrong JSON type, unknown enum symbol, a time that is not RFC 3339) with its JSON
 * pointer; the contract rules of §3.1 (digest form, future times, names, limits, ...) are checked
 * by ingest on top ({@code EventContract}).
 */
public final class ExecutionEventJson {

  static {
    AvroCompat.ensure();
  }

  private final ObjectMapper mapper;
  private final StreamingEventReader streaming;

  public ExecutionEventJson(final ObjectMapper mapper) {
    this.mapper = mapper;
    this.streaming = new StreamingEventReader(mapper.getFactory());
  }

  public ExecutionEventJson() {
    this(new ObjectMapper());
  }

  /** Parses one event from JSON text; a key repeated in one object is refused, as by ingest. */
  public ExecutionEvent read(final String json) {
    return read(
        JsonDocuments.readTree(
            mapper, json.getBytes(StandardCharsets.UTF_8), JsonDocuments.Keys.UNIQUE));
  }

  /**
   * The events of a request body (one event or an array), mapped from the token stream without a
   * tree; null when the body is not entirely valid, and then {@link #read(JsonNode)} on its tree
   * names every error. Equal records to {@link #read(JsonNode)} whenever it answers.
   */
  public StreamingEventReader.Events readStreaming(final byte[] body, final int maxEvents) {
    return streaming.read(body, maxEvents);
  }

  /**
   * Maps one event.
   *
   * @throws InvalidEventException listing every invalid field
   */
  public ExecutionEvent read(final JsonNode root) {
    return read(root, "");
  }

  /** Maps one event found at {@code base} (e.g. {@code /3} in a batch) for error pointers. */
  public ExecutionEvent read(final JsonNode root, final String base) {
    if (root == null || !root.isObject()) {
      throw new InvalidEventException(List.of(new FieldError(base, "an event must be an object")));
    }
    final JsonFields f = new JsonFields();
    final String eventId = f.requiredText(root, "eventId", base);
    final EventType eventType =
        symbol(f, EventType.class, f.requiredText(root, "eventType", base), base, "eventType");
    final Instant eventTime = f.instant(root, "eventTime", base);
    required(f, root, "eventTime", base);
    required(f, root, "run", base);
    final RunInfo run = run(f, f.object(root, "run", base), base + "/run");
    final CodeInfo code = code(f, f.object(root, "code", base), base + "/code");
    final ConfigInfo config = config(f, f.object(root, "config", base), base + "/config");
    final Long seed = f.wholeNumber(root, "seed", base);
    final EnvironmentInfo environment = environment(f, root, base);
    final List<InputArtifact> inputs = inputs(f, root, base);
    final List<OutputArtifact> outputs = outputs(f, root, base);
    final CostInfo cost = cost(f, f.object(root, "cost", base), base + "/cost");
    final List<CheckResult> checks = checks(f, root, base);
    final ErrorInfo error = error(f, f.object(root, "error", base), base + "/error");
    final String producer = f.text(root, "producer", base);
    if (!f.errors().isEmpty()) {
      throw new InvalidEventException(f.errors());
    }
    // All-args constructors, not builders: a builder deep-copies the default of every unset
    // field, two thirds of this mapping's cost on ingest's hot path.
    return new ExecutionEvent(
        eventId,
        eventType,
        eventTime,
        run,
        code,
        config,
        seed,
        environment,
        inputs,
        outputs,
        cost,
        checks,
        error,
        producer);
  }

  private static RunInfo run(final JsonFields f, final JsonNode node, final String at) {
    if (node == null) {
      return null;
    }
    final String runId = f.requiredText(node, "runId", at);
    final String step = f.requiredText(node, "step", at);
    final String pipeline = f.text(node, "pipeline", at);
    final String owner = f.text(node, "owner", at);
    final Integer attempt = f.smallWholeNumber(node, "attempt", at);
    final String modeText = f.text(node, "mode", at);
    final RunMode mode = modeText == null ? null : symbol(f, RunMode.class, modeText, at, "mode");
    // Required fields missing: the error is recorded, and Avro refuses to build without them.
    return runId == null || step == null
        ? null
        : new RunInfo(runId, pipeline, step, owner, attempt, mode);
  }

  private static CodeInfo code(final JsonFields f, final JsonNode node, final String at) {
    if (node == null) {
      return null;
    }
    return new CodeInfo(
        f.text(node, "repository", at), f.text(node, "version", at), f.bool(node, "dirty", at));
  }

  private static ConfigInfo config(final JsonFields f, final JsonNode node, final String at) {
    if (node == null) {
      return null;
    }
    return new ConfigInfo(f.text(node, "digest", at), f.stringMap(node, "parameters", at));
  }

  private static EnvironmentInfo environment(
      final JsonFields f, final JsonNode root, final String base) {
    final JsonNode node = f.object(root, "environment", base);
    final String at = base + "/environment";
    if (node == null) {
      return null;
    }
    return new EnvironmentInfo(
        f.text(node, "digest", at),
        f.text(node, "image", at),
        f.text(node, "lockfile", at),
        f.stringMap(node, "tools", at),
        f.stringMap(node, "hardware", at),
        f.stringMap(node, "variables", at));
  }

  private static List<InputArtifact> inputs(
      final JsonFields f, final JsonNode root, final String base) {
    final List<InputArtifact> inputs = new ArrayList<>();
    final List<JsonNode> items = f.array(root, "inputs", base);
    final String at = base + "/inputs";
    for (int i = 0; i < items.size(); i++) {
      final String item = at + "/" + i;
      if (objectItem(f, items.get(i), item)) {
        inputs.add(
            new InputArtifact(
                f.text(items.get(i), "name", item),
                f.text(items.get(i), "digest", item),
                f.instant(items.get(i), "producedAt", item)));
      }
    }
    return inputs;
  }

  private static List<OutputArtifact> outputs(
      final JsonFields f, final JsonNode root, final String base) {
    final List<OutputArtifact> outputs = new ArrayList<>();
    final List<JsonNode> items = f.array(root, "outputs", base);
    final String at = base + "/outputs";
    for (int i = 0; i < items.size(); i++) {
      final String item = at + "/" + i;
      if (objectItem(f, items.get(i), item)) {
        outputs.add(
            new OutputArtifact(
                f.text(items.get(i), "name", item),
                f.text(items.get(i), "digest", item),
                f.wholeNumber(items.get(i), "sizeBytes", item)));
      }
    }
    return outputs;
  }

  private static CostInfo cost(final JsonFields f, final JsonNode node, final String at) {
    if (node == null) {
      return null;
    }
    return new CostInfo(
        f.wholeNumber(node, "durationMs", at),
        f.number(node, "cpuSeconds", at),
        f.number(node, "gpuSeconds", at),
        f.wholeNumber(node, "tokens", at));
  }

  private static List<CheckResult> checks(
      final JsonFields f, final JsonNode root, final String base) {
    final List<CheckResult> checks = new ArrayList<>();
    final List<JsonNode> items = f.array(root, "checks", base);
    final String at = base + "/checks";
    for (int i = 0; i < items.size(); i++) {
      final String item = at + "/" + i;
      if (!objectItem(f, items.get(i), item)) {
        continue;
      }
      final JsonNode node = items.get(i);
      final String name = f.requiredText(node, "name", item);
      final Boolean passed = f.bool(node, "passed", item);
      required(f, node, "passed", item);
      final String severity = f.text(node, "severity", item);
      final CheckSeverity level =
          severity == null
              ? CheckSeverity.ERROR
              : symbol(f, CheckSeverity.class, severity, item, "severity");
      if (name != null && passed != null && level != null) {
        checks.add(new CheckResult(name, passed, level, f.text(node, "observed", item)));
      }
    }
    return checks;
  }

  private static ErrorInfo error(final JsonFields f, final JsonNode node, final String at) {
    if (node == null) {
      return null;
    }
    final String message = f.requiredText(node, "message", at);
    final String type = f.text(node, "type", at);
    final String stackTrace = f.text(node, "stackTrace", at);
    return message == null ? null : new ErrorInfo(message, type, stackTrace);
  }

  private static boolean objectItem(final JsonFields f, final JsonNode node, final String at) {
    if (!node.isObject()) {
      f.error(at, "must be an object");
      return false;
    }
    return true;
  }

  /** Records "is required" unless the field is present or already has an error. */
  private static void required(
      final JsonFields f, final JsonNode parent, final String field, final String at) {
    final JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      final String pointer = at + "/" + field;
      if (f.errors().stream().noneMatch(e -> e.pointer().equals(pointer))) {
        f.error(pointer, "is required");
      }
    }
  }

  private static <E extends Enum<E>> E symbol(
      final JsonFields f,
      final Class<E> type,
      final String text,
      final String at,
      final String field) {
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      final List<String> allowed = new ArrayList<>();
      for (final E constant : type.getEnumConstants()) {
        allowed.add(constant.name());
      }
      f.error(
          at + "/" + field,
          "must be one of " + String.join(", ", allowed) + ", got \"" + text + "\"");
      return null;
    }
  }

  /** The native JSON form; absent optional fields are left out. */
  public ObjectNode write(final ExecutionEvent event) {
    return ExecutionEventJsonWriter.write(mapper.createObjectNode(), event);
  }

  /** The native JSON text of {@code event}. */
  public String writeString(final ExecutionEvent event) {
    return write(event).toString();
  }
}
