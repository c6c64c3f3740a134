package dev.lineagegate.schema.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * JSON documents as ingest receives them (request bodies, bridged Kafka records), read the same way
 * everywhere: refused unless UTF-8 ({@link Utf8}), refused unless JSON, and, where the format says
 * so, refused when an object repeats a key, each with the pointer of what is wrong.
 */
public final class JsonDocuments {

  /** What to do with a key repeated in one object. */
  public enum Keys {
    /** Refuse (native events: a repeated key is a client bug, and which value wins is a guess). */
    UNIQUE,
    /**
     * Keep the last value, as Jackson and Marquez do (OpenLineage: its Spark integration sends a
     * repeated run facet, OpenLineage issue 4943).
     */
    LAST_WINS
  }

  private static final String DUPLICATE = "Duplicate field";

  /** A location as Jackson writes it into its messages: {@code [Source: …; line: 1, column: 6]}. */
  private static final Pattern SOURCE =
      Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");

  /**
   * Where Jackson names its own settings: {@code , from `StreamReadConstraints.get…()`}, {@code :
   * enable `JsonReadFeature.ALLOW_…` to allow}, and any other name in backticks.
   */
  private static final Pattern INTERNALS =
      Pattern.compile("(?:,? from |[;:]? ?(?:enable|use) )?`[^`]*`(?: to allow)?");

  /** What a client is told when a body could not be read to its end. */
  public static final String UNREADABLE =
      "the body could not be read to its end (cut short or badly framed)";

  /** For finding the string that holds bad bytes: a plain parser, shared (thread-safe). */
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonDocuments() {}

  /**
   * Refuses {@code bytes} unless well-formed UTF-8, naming the string that holds the bad bytes.
   *
   * @throws InvalidEventException with one error: the pointer of that string (or of the object
   *     whose key holds them), else {@code ""}; the detail gives the byte offset
   */
  public static void requireUtf8(final byte[] bytes) {
    final int offset = Utf8.firstInvalid(bytes);
    if (offset >= 0) {
      throw new InvalidEventException(List.of(Utf8Locator.locate(FACTORY, bytes, offset)));
    }
  }

  /**
   * The tree of {@code bytes} (UTF-8 already checked).
   *
   * @throws InvalidEventException when it is not JSON, or repeats a key and {@code keys} is UNIQUE
   */
  public static JsonNode readTree(final ObjectMapper mapper, final byte[] bytes, final Keys keys) {
    try {
      return keys == Keys.UNIQUE
          ? mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(bytes)
          : mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException(List.of(error(e)));
    } catch (IOException e) {
      throw new InvalidEventException(List.of(new FieldError("", UNREADABLE)));
    }
  }

  /**
   * Jackson's account of why {@code e} is not JSON, for a client: its sentence with the line and
   * column, without what Jackson says of itself (its source description, the names of its settings
   * and classes), which tells a client nothing and an attacker which parser runs.
   */
  public static String describe(final JsonProcessingException e) {
    final String original = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage();
    String message = SOURCE.matcher(original).replaceAll("line $1, column $2");
    message = INTERNALS.matcher(message).replaceAll("").strip();
    final JsonLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      message += " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
    return message;
  }

  private static FieldError error(final JsonProcessingException e) {
    final String message = e.getOriginalMessage();
    if (message != null
        && message.startsWith(DUPLICATE)
        && e.getProcessor() instanceof JsonParser parser) {
      return new FieldError(
          parser.getParsingContext().pathAsPointer().toString(),
          "is a repeated key: each key may appear once in an object");
    }
    return new FieldError("", "not valid JSON: " + describe(e));
  }
}
