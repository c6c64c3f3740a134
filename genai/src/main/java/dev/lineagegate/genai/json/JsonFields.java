package dev.lineagegate.genai.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Reading generators' JSON metadata: scalars as parameter text, whatever their JSON type. */
public final class JsonFields {

  private JsonFields() {}

  /** The scalar at {@code field} as text (numbers canonical), or null when absent or not scalar. */
  public static String text(final JsonNode object, final String field) {
    final JsonNode value = object.get(field);
    if (value == null || value.isNull() || !value.isValueNode()) {
      return null;
    }
    return value.isNumber() ? CanonicalJson.number(value) : value.asText();
  }

  /** The first of {@code fields} holding a scalar, as text. */
  public static String first(final JsonNode object, final String... fields) {
    for (final String field : fields) {
      final String value = text(object, field);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  /** Every scalar field of {@code object} but {@code skipped}, into {@code into}, prefixed. */
  public static void scalars(
      final JsonNode object,
      final String prefix,
      final Set<String> skipped,
      final Map<String, String> into) {
    for (final Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      final Map.Entry<String, JsonNode> field = it.next();
      if (!skipped.contains(field.getKey())) {
        final String value = text(object, field.getKey());
        if (value != null) {
          into.put(prefix + field.getKey(), value);
        }
      }
    }
  }

  /** A seed as the event's long: 0 to 2^64-1, the upper half wrapping; null when not one. */
  public static Long seed(final String decimal) {
    if (decimal == null) {
      return null;
    }
    try {
      final BigInteger value = new BigInteger(decimal.strip());
      return value.signum() < 0 || value.bitLength() > 64 ? null : value.longValue();
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
