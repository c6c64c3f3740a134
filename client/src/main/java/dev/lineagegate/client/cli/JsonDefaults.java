package dev.lineagegate.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.json.ExecutionEventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The defaults of {@code --from-json}: a partial native event (§3), read with the project's JSON
 * mapping so that its mistakes are reported with JSON pointers. An event's own fields (eventId,
 * eventType, eventTime) are ignored: one file serves START, COMPLETE and FAIL, and a shared eventId
 * would make ingest drop all but the first as duplicates. Absent parts read as empty.
 */
final class JsonDefaults {

  private static final String PLACEHOLDER = "-";

  private final ExecutionEvent event;
  private final boolean hasRunId;

  private JsonDefaults(final ExecutionEvent event, final boolean hasRunId) {
    this.event = event;
    this.hasRunId = hasRunId;
  }

  /** No file: every default is absent. */
  static JsonDefaults none() {
    return of(new ObjectMapper().createObjectNode());
  }

  /**
   * @throws UncheckedIOException the file cannot be read or is not JSON
   * @throws dev.lineagegate.schema.json.InvalidEventException listing every invalid field
   */
  static JsonDefaults read(final Path file) {
    try {
      return of(new ObjectMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("--from-json " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonDefaults of(final JsonNode root) {
    boolean hasRunId = false;
    if (root instanceof ObjectNode object) {
      // The reader requires an event's own fields; fill them in, they are not used.
      object
          .put("eventId", PLACEHOLDER)
          .put("eventType", "START")
          .put("eventTime", "1970-01-01T00:00:00Z");
      final JsonNode run = object.has("run") ? object.get("run") : object.putObject("run");
      if (run instanceof ObjectNode fields) {
        hasRunId = fields.hasNonNull("runId");
        if (!fields.hasNonNull("runId")) {
          fields.put("runId", PLACEHOLDER);
        }
        if (!fields.hasNonNull("step")) {
          fields.put("step", PLACEHOLDER);
        }
      }
    }
    return new JsonDefaults(new ExecutionEventJson().read(root), hasRunId);
  }

  ExecutionEvent event() {
    return event;
  }

  String runId() {
    return hasRunId ? event.getRun().getRunId() : null;
  }

  CodeInfo code() {
    return event.getCode() == null ? CodeInfo.newBuilder().build() : event.getCode();
  }

  ConfigInfo config() {
    return event.getConfig() == null ? ConfigInfo.newBuilder().build() : event.getConfig();
  }

  EnvironmentInfo environment() {
    return event.getEnvironment() == null
        ? EnvironmentInfo.newBuilder().build()
        : event.getEnvironment();
  }

  CostInfo cost() {
    return event.getCost() == null ? CostInfo.newBuilder().build() : event.getCost();
  }
}
