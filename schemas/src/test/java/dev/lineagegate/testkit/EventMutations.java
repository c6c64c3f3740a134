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
import java.util.Random;

/**
 * Broken and odd variants of events, one change each: every field (at every depth) removed, set to
 * null, or replaced by a value of each JSON type, including the edge cases of the typed reads
 * (blank text, times without zone, not RFC 3339 or out of range, a whole number out of range, a
 * fraction). {@link #of} lists them all (the readers' tests); {@link #random} picks one from a
 * seeded {@link Random} (the fuzzer), for any JSON document, not only native events.
 */
public final class EventMutations {

  /**
   * Times at the edges of RFC 3339, of {@link java.time.Instant} and of Avro's long millis: both
   * readers must agree on them, and none may reach the serializer unchecked.
   */
  public static final List<String> EDGE_TIMES =
      List.of(
          "2026-11-22T10:00:00",
          "2026-11-22T10:00:00.123456+01:00",
          "2026-11-22t10:00:00.5z",
          "2026-11-22T10:00:00.Z",
          "2026-11-22T10:00Z",
          "2026-11-22T23:59:60Z",
          "-292275056-01-01T00:00:00Z",
          "+10000-01-01T00:00:00Z",
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999Z");

  private EventMutations() {}

  public static List<ObjectNode> of(
      final ObjectMapper mapper, final ExecutionEventJson json, final List<ExecutionEvent> events) {
    final List<JsonNode> replacements = replacements(mapper);
    final List<ObjectNode> variants = new ArrayList<>();
    for (final ExecutionEvent event : events) {
      final ObjectNode original = json.write(event);
      for (final JsonPointer at : pointers(original)) {
        variants.add(changed(original, at, null));
        variants.add(changed(original, at, mapper.nullNode()));
        for (final JsonNode replacement : replacements) {
          variants.add(changed(original, at, replacement));
        }
      }
    }
    return variants;
  }

  /**
   * One variant of {@code original} chosen by {@code random}: a value at any depth removed, set to
   * null, or replaced by one of {@link #replacements}; {@code original} is left as it is.
   */
  public static ObjectNode random(
      final ObjectMapper mapper, final ObjectNode original, final Random random) {
    final List<JsonPointer> pointers = pointers(original);
    if (pointers.isEmpty()) {
      return original.deepCopy();
    }
    final JsonPointer at = pointers.get(random.nextInt(pointers.size()));
    final List<JsonNode> replacements = replacements(mapper);
    final int choice = random.nextInt(replacements.size() + 2);
    if (choice == 0) {
      return changed(original, at, null);
    }
    return changed(
        original, at, choice == 1 ? mapper.nullNode() : replacements.get(choice - 2).deepCopy());
  }

  /** Values of every JSON type, with the edge cases of the typed reads. */
  public static List<JsonNode> replacements(final ObjectMapper mapper) {
    final List<JsonNode> values = new ArrayList<>();
    values.add(mapper.getNodeFactory().numberNode(7));
    values.add(mapper.getNodeFactory().numberNode(3_000_000_000L));
    values.add(mapper.getNodeFactory().numberNode(new BigInteger("123456789012345678901234")));
    values.add(mapper.getNodeFactory().numberNode(4.2));
    values.add(mapper.getNodeFactory().textNode(""));
    values.add(mapper.getNodeFactory().textNode(" "));
    values.add(mapper.getNodeFactory().textNode("WARNING"));
    for (final String time : EDGE_TIMES) {
      values.add(mapper.getNodeFactory().textNode(time));
    }
    values.add(mapper.getNodeFactory().booleanNode(true));
    values.add(mapper.createObjectNode());
    values.add(mapper.createObjectNode().put("k", "v"));
    values.add(mapper.createArrayNode());
    values.add(mapper.createArrayNode().add(1));
    values.add(mapper.valueToTree(List.of(Map.of())));
    return values;
  }

  /** Every value's pointer in {@code node}, depth first. */
  public static List<JsonPointer> pointers(final JsonNode node) {
    return pointers(node, JsonPointer.empty());
  }

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
  public static ObjectNode changed(
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
