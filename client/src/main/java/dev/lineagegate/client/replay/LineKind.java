package dev.lineagegate.client.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What one line of a replayed file is, decided by the shape of its top-level object, so that one
 * file may mix native and OpenLineage events (a Marquez export next to a pipeline's own events):
 *
 * <ol>
 *   <li>{@code eventId} at the top: a native event (OpenLineage events have none);
 *   <li>else {@code job} or {@code dataset}: an OpenLineage event (run, job or dataset event);
 *   <li>else {@code run.step}: a native event lacking its eventId (ingest will say so);
 *   <li>else {@code run.runId}, {@code schemaURL} or {@code producer}: an OpenLineage event lacking
 *       its job (ingest will say so);
 *   <li>else not an event of either kind.
 * </ol>
 *
 * A line that is not one JSON value is {@link Kind#NOT_JSON}. Read with Jackson's token stream,
 * skipping every value but the few keys above: no tree, and the whole line is still tokenized, so
 * malformed JSON anywhere in it is found here rather than costing a request.
 */
public final class LineKind {

  /** The kinds of line. */
  public enum Kind {
    NATIVE,
    OPENLINEAGE,
    BLANK,
    NOT_JSON,
    NOT_AN_EVENT
  }

  /**
   * @param kind what the line is
   * @param eventId a native event's eventId ("" when absent or not a string)
   * @param problem why a line is NOT_JSON or NOT_AN_EVENT
   */
  public record Shape(Kind kind, String eventId, String problem) {}

  private static final JsonFactory JSON = new JsonFactory();

  private LineKind() {}

  public static Shape of(final byte[] line) {
    try (JsonParser parser = JSON.createParser(line)) {
      final JsonToken first = parser.nextToken();
      if (first == null) {
        return new Shape(Kind.BLANK, "", null);
      }
      if (first != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return end(parser, notAnEvent("is a JSON " + describe(first) + ", not an object"));
      }
      return end(parser, object(parser));
    } catch (JsonProcessingException e) {
      return new Shape(Kind.NOT_JSON, "", e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Shape object(final JsonParser parser) throws IOException {
    String eventId = null;
    boolean job = false;
    boolean step = false;
    boolean openLineageKey = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      final String name = parser.currentName();
      final JsonToken value = parser.nextToken();
      switch (name) {
        case "eventId" -> eventId = value == JsonToken.VALUE_STRING ? parser.getText() : "";
        case "job", "dataset" -> job = true;
        case "schemaURL", "producer" -> openLineageKey = true;
        case "run" -> {
          if (value == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              final String key = parser.currentName();
              parser.nextToken();
              step |= "step".equals(key);
              openLineageKey |= "runId".equals(key);
              parser.skipChildren();
            }
          }
        }
        default -> {
          // Any other key: its value is tokenized (validated) but not kept.
        }
      }
      parser.skipChildren();
    }
    if (eventId != null) {
      return new Shape(Kind.NATIVE, eventId, null);
    }
    if (job) {
      return new Shape(Kind.OPENLINEAGE, "", null);
    }
    if (step) {
      return new Shape(Kind.NATIVE, "", null);
    }
    if (openLineageKey) {
      return new Shape(Kind.OPENLINEAGE, "", null);
    }
    return notAnEvent(
        "is neither a native event (eventId, run.step) nor an OpenLineage event (run.runId, job,"
            + " eventTime)");
  }

  /** The line must hold one value only: {@code {…} x} or {@code {…}{…}} is not JSON. */
  private static Shape end(final JsonParser parser, final Shape shape) throws IOException {
    final JsonToken extra = parser.nextToken();
    if (extra != null) {
      return new Shape(
          Kind.NOT_JSON, "", "more than one JSON value on the line (" + describe(extra) + ")");
    }
    return shape;
  }

  private static Shape notAnEvent(final String why) {
    return new Shape(Kind.NOT_AN_EVENT, "", why);
  }

  private static String describe(final JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "array";
      case START_OBJECT -> "object";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }
}
