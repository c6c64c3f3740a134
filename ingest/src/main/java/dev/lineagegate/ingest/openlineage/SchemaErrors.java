package dev.lineagegate.ingest.openlineage;

import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import dev.lineagegate.schema.json.FieldError;

/**
 * Turns the schema validator's messages into {@link FieldError}s: an RFC 6901 pointer to the field
 * at fault and a short predicate about it ("is required", "must be integer, not string"), worded
 * like the native endpoint's errors so that a client reads both the same way.
 */
final class SchemaErrors {

  private SchemaErrors() {}

  /**
   * The error for {@code message}, its pointer prefixed with {@code base} (where the validated node
   * sits in the event) and its text followed by {@code context} when not empty.
   */
  static FieldError toFieldError(
      final ValidationMessage message, final String base, final String context) {
    final String at = base + pointer(message.getInstanceLocation());
    final String type = message.getType();
    final String property = message.getProperty();
    final String pointer =
        property != null && ("required".equals(type) || isExtraProperty(type))
            ? at + "/" + escape(property)
            : at;
    final String text = describe(message);
    return new FieldError(pointer, context.isEmpty() ? text : text + " (" + context + ")");
  }

  /** The RFC 6901 pointer of a node path: names escaped ({@code ~0}, {@code ~1}), indexes bare. */
  static String pointer(final JsonNodePath path) {
    final StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
    }
    return pointer.toString();
  }

  /** One pointer segment, escaped as RFC 6901 requires. */
  static String escape(final String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static boolean isExtraProperty(final String type) {
    return "additionalProperties".equals(type) || "unevaluatedProperties".equals(type);
  }

  /** The keywords a client meets most, reworded; the validator's own sentence for the rest. */
  private static String describe(final ValidationMessage message) {
    final Object[] arguments = message.getArguments();
    return switch (message.getType()) {
      case "required" -> "is required";
      case "additionalProperties", "unevaluatedProperties" -> "is not allowed here";
      case "type" ->
          arguments != null && arguments.length >= 2
              ? "must be " + arguments[1] + ", not " + arguments[0]
              : message.getError();
      case "enum" ->
          arguments != null && arguments.length >= 1
              ? "must be one of " + arguments[0]
              : message.getError();
      case "pattern" ->
          arguments != null && arguments.length >= 1
              ? "must match " + arguments[0]
              : message.getError();
      default -> message.getError();
    };
  }
}
