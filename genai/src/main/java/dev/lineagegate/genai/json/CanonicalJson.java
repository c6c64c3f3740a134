package dev.lineagegate.genai.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lineagegate.schema.id.Digest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The canonical text of a JSON value, whose SHA-256 is an imported run's config digest (for
 * ComfyUI, of the prompt graph): object keys sorted by their UTF-16 code units (as RFC 8785 sorts
 * them), no whitespace, strings escaped as Jackson writes them, numbers in plain decimal without
 * trailing zeros ({@code 8.0} and {@code 8} are both {@code 8}, {@code 1e-5} is {@code 0.00001}).
 * So the same graph saved by two ComfyUI versions, with keys in another order or floats written
 * {@code 8.0}, has the same digest.
 */
public final class CanonicalJson {

  private CanonicalJson() {}

  public static Digest digest(final JsonNode value) {
    return Digest.sha256(write(value));
  }

  public static String write(final JsonNode value) {
    final StringBuilder out = new StringBuilder();
    append(value, out);
    return out.toString();
  }

  private static void append(final JsonNode value, final StringBuilder out) {
    if (value.isObject()) {
      final List<String> keys = new ArrayList<>();
      value.fieldNames().forEachRemaining(keys::add);
      keys.sort(null);
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        out.append(i == 0 ? "" : ",").append(string(keys.get(i))).append(':');
        append(value.get(keys.get(i)), out);
      }
      out.append('}');
    } else if (value.isArray()) {
      out.append('[');
      final Iterator<JsonNode> items = value.elements();
      for (boolean first = true; items.hasNext(); first = false) {
        out.append(first ? "" : ",");
        append(items.next(), out);
      }
      out.append(']');
    } else if (value.isNumber()) {
      out.append(number(value));
    } else if (value.isTextual()) {
      out.append(string(value.textValue()));
    } else {
      out.append(value.toString()); // true, false, null
    }
  }

  public static String number(final JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    final BigDecimal decimal = value.decimalValue().stripTrailingZeros();
    return decimal.signum() == 0 ? "0" : decimal.toPlainString();
  }

  private static String string(final String text) {
    try {
      return MetadataJson.MAPPER.writeValueAsString(TextNode.valueOf(text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON string", e);
    }
  }
}
