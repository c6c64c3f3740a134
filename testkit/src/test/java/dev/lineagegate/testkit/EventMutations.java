package dev.lineagegate.testkit;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.json.ExecutionEventJson;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Broken and odd variants of events, one change each: every field (at every depth) removed, set to
 * null, or replaced by a value of each JSON type, including the edge cases of the typed reads
 * (blank text, times without zone, not RFC 3339 or out of range, a whole number out of range, a
 * fraction).
 */
public final class EventMutations {

  private EventMutations() {}

  public static List<ObjectNode> of(
      final ObjectMapper mapper, final ExecutionEventJson json, final List<ExecutionEvent> events) {
    final List<JsonNode> replacements = replacements(mapper);
    final List<ObjectNode> variants = new ArrayList<>();
    for (final ExecutionEvent event : events) {
      final ObjectNode original = json.write(event);
      for (final JsonPointer at : pointers(original, JsonPointer.empty())) {
        variants.add(changed(original, at, null));
        variants.add(changed(original, at, mapper.nullNode()));
        for (final JsonNode replacement : replacements) {
          variants.add(changed(original, at, replacement));
        }
      }
    }
    return variants;
  }

  private static List<JsonNode> replacements(final ObjectMapper mapper) {
    final List<JsonNode> values = new ArrayList<>();
    values.add(mapper.getNodeFactory().numberNode(7));
    values.add(mapper.getNodeFactory().numberNode(3_000_000_000L));
    values.add(mapper.getNodeFactory().numberNode(new BigInteger("123456789012345678901234")));
    values.add(mapper.getNodeFactory().numberNode(4.2));
    values.add(mapper.getNodeFactory().textNode(""));
    values.add(mapper.getNodeFactory().textNode(" "));
    values.add(mapper.getNodeFactory().textNode("WARNING"));
    values.add(mapper.getNodeFactory().textNode("2026-11-22T10:00:00"));
    values.add(mapper.getNodeFactory().textNode("2026-11-22T10:00:00.123456+01:00"));
    // Times at the edges of RFC 3339 and of Avro's long millis (both readers must agree)
    values.add(mapper.getNodeFactory().textNode("2026-11-22t10:00:00.5z"));
    values.add(mapper.getNodeFactory().textNode("2026-11-22T10:00:00.Z"));
    values.add(mapper.getNodeFactory().textNode("2026-11-22T10:00Z"));
    values.add(mapper.getNodeFactory().textNode("-292275056-01-01T00:00:00Z"));
    values.add(mapper.getNodeFactory().textNode("9999-12-31T23:59:59.999Z"));
    values.add(mapper.getNodeFactory().booleanNode(true));
    values.add(mapper.createObjectNode());
    values.add(mapper.createObjectNode().put("k", "v"));
    values.add(mapper.createArrayNode());
    values.add(mapper.createArrayNode().add(1));
    values.add(mapper.valueToTree(List.of(Map.of())));
    return values;
  }

  /** Every value's pointer below {@code node}, depth first. */
  private static List<JsonPointer> pointers(final JsonNode node, final JsonPointer at) {
    final List<JsonPointer> pointers = new ArrayList<>();
    if (node.isObject()) {
      node.fieldNames()
          .forEachRemaining(
              name -> {
                final JsonPointer child = at.appendProperty(name);
                pointers.add(child);
                pointers.addAll(pointers(node.get(name), child));
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        final JsonPointer child = at.appendIndex(i);
        pointers.add(child);
        pointers.addAll(pointers(node.get(i), child));
      }
    }
    return pointers;
  }

  /** A copy of {@code original} with the value at {@code at} replaced, or removed when null. */
  private static ObjectNode changed(
      final ObjectNode original, final JsonPointer at, final JsonNode value) {
    final ObjectNode copy = original.deepCopy();
    final JsonNode parent = copy.at(at.head());
    final String last = at.last().getMatchingProperty();
    if (parent instanceof ObjectNode object) {
      if (value == null) {
        object.remove(last);
      } else {
        object.set(last, value);
      }
    } else if (parent instanceof ArrayNode array) {
      final int index = at.last().getMatchingIndex();
      if (value == null) {
        array.remove(index);
      } else {
        array.set(index, value);
      }
    }
    return copy;
  }
}
