package dev.lineagegate.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of JSON fields that record every problem with its JSON pointer instead of stopping at
 * the first, so that a client learns all its mistakes from one answer.
 */
final class JsonFields {

  private final List<FieldError> errors = new ArrayList<>();

  List<FieldError> errors() {
    return errors;
  }

  void error(final String pointer, final String message) {
    errors.add(new FieldError(pointer, message));
  }

  /** The object at {@code field}, or null (with an error if present but not an object). */
  JsonNode object(final JsonNode parent, final String field, final String at) {
    final JsonNode node = present(parent, field);
    if (node != null && !node.isObject()) {
      error(at + "/" + field, "must be an object");
      return null;
    }
    return node;
  }

  /** The elements of the array at {@code field}; empty when absent. */
  List<JsonNode> array(final JsonNode parent, final String field, final String at) {
    final JsonNode node = present(parent, field);
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      error(at + "/" + field, "must be an array");
      return List.of();
    }
    final List<JsonNode> items = new ArrayList<>();
    node.forEach(items::add);
    return items;
  }

  String requiredText(final JsonNode parent, final String field, final String at) {
    final String text = text(parent, field, at);
    if (text == null && errorsAt(at + "/" + field) == 0) {
      error(at + "/" + field, "is required");
    } else if (text != null && text.isBlank()) {
      error(at + "/" + field, "must not be blank");
    }
    return text;
  }

  String text(final JsonNode parent, final String field, final String at) {
    final JsonNode node = present(parent, field);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      error(at + "/" + field, "must be a string");
      return null;
    }
    return node.asText();
  }

  Long wholeNumber(final JsonNode parent, final String field, final String at) {
    final JsonNode node = present(parent, field);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      error(at + "/" + field, "must be a whole number");
      return null;
    }
    return node.asLong();
  }

  Integer smallWholeNumber(final JsonNode parent, final String field, final String at) {
    final Long value = wholeNumber(parent, field, at);
    if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
      error(at + "/" + field, "is out of range");
      return null;
    }
    return value == null ? null : value.intValue();
  }

  Double number(final JsonNode parent, final String field, final String at) {
    final JsonNode node = present(parent, field);
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      error(at + "/" + field, "must be a number");
      return null;
    }
    return node.asDouble();
  }

  Boolean bool(final JsonNode parent, final String field, final String at) {
    final JsonNode node = present(parent, field);
    if (node == null) {
      return null;
    }
    if (!node.isBoolean()) {
      error(at + "/" + field, "must be true or false");
      return null;
    }
    return node.asBoolean();
  }

  /** A strict RFC 3339 time ({@link IsoTimes}), truncated to milliseconds (the Avro precision). */
  Instant instant(final JsonNode parent, final String field, final String at) {
    final String text = text(parent, field, at);
    if (text == null) {
      return null;
    }
    final Instant instant = IsoTimes.parse(text);
    if (instant == null) {
      error(at + "/" + field, IsoTimes.EXPECTED);
    }
    return instant;
  }

  /** A flat map of strings; numbers and booleans are kept as their text, nested JSON as JSON. */
  Map<String, String> stringMap(final JsonNode parent, final String field, final String at) {
    final JsonNode node = object(parent, field, at);
    final Map<String, String> map = new LinkedHashMap<>();
    if (node != null) {
      node.properties()
          .forEach(
              entry ->
                  map.put(
                      entry.getKey(),
                      entry.getValue().isValueNode()
                          ? entry.getValue().asText()
                          : entry.getValue().toString()));
    }
    return map;
  }

  private long errorsAt(final String pointer) {
    return errors.stream().filter(e -> e.pointer().equals(pointer)).count();
  }

  private static JsonNode present(final JsonNode parent, final String field) {
    if (parent == null) {
      return null;
    }
    final JsonNode node = parent.get(field);
    return node == null || node.isNull() ? null : node;
  }
}
