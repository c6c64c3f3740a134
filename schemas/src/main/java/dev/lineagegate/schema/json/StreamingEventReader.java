package dev.lineagegate.schema.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lineagegate.avro.CheckResult;
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
import dev.lineagegate.schema.json.StreamingFields.NotFast;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of {@link ExecutionEventJson}: maps a request body (one event or an array of them)
 * straight from Jackson's tokens, without building a tree, which was a third of ingest's per-event
 * CPU. It only ever answers for input that the tree reader maps without an error, with records
 * equal to the tree reader's; on the first sign of anything else (invalid JSON, a missing field, a
 * wrong type, a value it does not reproduce) it answers null and the caller reads the tree, which
 * names every error with its pointer. Invalid events are rare, so they pay for the second parse. A
 * key repeated in one object is such an error (the tree reader refuses it, {@link
 * JsonDocuments.Keys#UNIQUE}).
 */
public final class StreamingEventReader {

  /** The events of one body, and whether the body was an array (error pointers depend on it). */
  public record Events(List<ExecutionEvent> events, boolean array) {}

  private final JsonFactory factory;

  /** Parsers from {@code factory}, to share the tree reader's limits and features. */
  public StreamingEventReader(final JsonFactory factory) {
    this.factory = factory;
  }

  /**
   * The events of {@code body}, or null when the tree reader must decide: not exactly one valid
   * event or a non-empty array of at most {@code maxEvents} valid events.
   */
  public Events read(final byte[] body, final int maxEvents) {
    final FieldNames names = new FieldNames(); // a repeated key gives up: the tree names it
    try (JsonParser p = factory.createParser(body)) {
      final JsonToken first = p.nextToken();
      final Events events;
      if (first == JsonToken.START_OBJECT) {
        events = new Events(List.of(event(p, names)), false);
      } else if (first == JsonToken.START_ARRAY) {
        final List<ExecutionEvent> list = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT && list.size() < maxEvents) {
          list.add(event(p, names));
        }
        if (p.currentToken() != JsonToken.END_ARRAY || list.isEmpty()) {
          return null;
        }
        events = new Events(list, true);
      } else {
        return null;
      }
      // Whatever follows the value is the tree's business (it may ignore it or refuse it).
      return p.nextToken() == null ? events : null;
    } catch (NotFast | IOException e) {
      return null;
    }
  }

  private static ExecutionEvent event(final JsonParser p, final FieldNames names)
      throws IOException {
    String eventId = null;
    EventType eventType = null;
    Instant eventTime = null;
    RunInfo run = null;
    CodeInfo code = null;
    ConfigInfo config = null;
    Long seed = null;
    EnvironmentInfo environment = null;
    List<InputArtifact> inputs = new ArrayList<>();
    List<OutputArtifact> outputs = new ArrayList<>();
    CostInfo cost = null;
    List<CheckResult> checks = new ArrayList<>();
    ErrorInfo error = null;
    String producer = null;
    final int keys = names.open();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      names.add(keys, name);
      p.nextToken();
      switch (name) {
        case "eventId" -> eventId = StreamingFields.requiredText(p);
        case "eventType" ->
            eventType = StreamingFields.symbol(EventType.class, StreamingFields.requiredText(p));
        case "eventTime" -> eventTime = StreamingFields.instant(p);
        case "run" -> run = StreamingRecords.run(p, names);
        case "code" -> code = StreamingRecords.code(p, names);
        case "config" -> config = StreamingRecords.config(p, names);
        case "seed" -> seed = StreamingFields.wholeNumber(p);
        case "environment" -> environment = StreamingRecords.environment(p, names);
        case "inputs" -> inputs = StreamingRecords.inputs(p, names);
        case "outputs" -> outputs = StreamingRecords.outputs(p, names);
        case "cost" -> cost = StreamingRecords.cost(p, names);
        case "checks" -> checks = StreamingRecords.checks(p, names);
        case "error" -> error = StreamingRecords.error(p, names);
        case "producer" -> producer = StreamingFields.text(p);
        default -> StreamingFields.skip(p, names);
      }
    }
    names.close(keys);
    if (eventId == null || eventType == null || eventTime == null || run == null) {
      throw NotFast.INSTANCE;
    }
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
}
