package dev.lineagegate.stack.fuzz;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.testkit.EventMutations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Edits of a JSON document at the byte level, where a tree cannot go: bytes that are not UTF-8
 * inside a string, a key written twice, a raw control byte, nesting 10,000 deep, a body cut short
 * or padded past a limit. Each edit puts a marker into the tree, serializes it, and replaces the
 * marker's bytes, so the rest of the document stays exactly what the tree says.
 */
final class BodyEdits {

  /** Not UTF-8 (RFC 3629), by name: what Jackson alone would repair or misread. */
  static final Map<String, byte[]> INVALID_UTF8 =
      Map.ofEntries(
          Map.entry("overlong-slash", bytes(0xC0, 0xAF)),
          Map.entry("overlong-nul", bytes(0xC0, 0x80)),
          Map.entry("overlong-3", bytes(0xE0, 0x80, 0xAF)),
          Map.entry("beyond-10ffff", bytes(0xF4, 0x90, 0x80, 0x80)),
          Map.entry("lone-continuation", bytes(0x80)),
          Map.entry("continuations", bytes(0xBF, 0xBF)),
          Map.entry("truncated-2", bytes(0xC3)),
          Map.entry("truncated-3", bytes(0xE2, 0x82)),
          Map.entry("truncated-4", bytes(0xF0, 0x9F, 0x98)),
          Map.entry("surrogate-high", bytes(0xED, 0xA0, 0x80)),
          Map.entry("surrogate-low", bytes(0xED, 0xBF, 0xBF)),
          Map.entry("ff", bytes(0xFF)),
          Map.entry("fe", bytes(0xFE)),
          Map.entry("f8-5byte", bytes(0xF8, 0x88, 0x80, 0x80, 0x80)));

  static final List<String> INVALID_UTF8_NAMES = INVALID_UTF8.keySet().stream().sorted().toList();

  private static final String MARK = "fuzzmarkq7x";
  private static final String KEY_MARK = "fuzzkeyq7x";

  private BodyEdits() {}

  /** {@code doc} with {@code raw} written into the string at {@code at}, at a random place. */
  static byte[] intoString(
      final ObjectMapper mapper,
      final ObjectNode doc,
      final JsonPointer at,
      final byte[] raw,
      final Random random) {
    final String old = doc.at(at).isTextual() ? doc.at(at).asText() : "x";
    final int cut = random.nextInt(old.length() + 1);
    final ObjectNode marked = EventMutations.changed(doc, at, doc.textNode(MARK));
    final byte[] before = json(mapper, doc.textNode(old.substring(0, cut)));
    final byte[] after = json(mapper, doc.textNode(old.substring(cut)));
    // The JSON text of both halves without their quotes, around the raw bytes.
    final byte[] value =
        concat(
            Arrays.copyOfRange(before, 0, before.length - 1),
            raw,
            Arrays.copyOfRange(after, 1, after.length));
    return replace(write(mapper, marked), json(mapper, doc.textNode(MARK)), value);
  }

  /** {@code doc} with the value at {@code at} replaced by {@code text} written as it is. */
  static byte[] rawValue(
      final ObjectMapper mapper, final ObjectNode doc, final JsonPointer at, final byte[] text) {
    final ObjectNode marked = EventMutations.changed(doc, at, doc.textNode(MARK));
    return replace(write(mapper, marked), json(mapper, doc.textNode(MARK)), text);
  }

  /**
   * {@code doc} where the object at {@code at} repeats one of its keys (or gets {@code "k"} twice
   * when empty), the second time with {@code second} as its value.
   */
  static byte[] repeatedKey(
      final ObjectMapper mapper,
      final ObjectNode doc,
      final JsonPointer at,
      final JsonNode second,
      final Random random) {
    final ObjectNode copy = doc.deepCopy();
    final ObjectNode object = (ObjectNode) copy.at(at);
    final List<String> names = iterable(object);
    final String name = names.isEmpty() ? "k" : names.get(random.nextInt(names.size()));
    if (names.isEmpty()) {
      object.set(name, second);
    }
    object.putNull(KEY_MARK);
    final byte[] pair =
        concat(
            json(mapper, doc.textNode(name)),
            ":".getBytes(StandardCharsets.UTF_8),
            json(mapper, second));
    return replace(
        write(mapper, copy), (quote(KEY_MARK) + ":null").getBytes(StandardCharsets.UTF_8), pair);
  }

  /** {@code levels} nested arrays or objects around a number. */
  static byte[] nested(final int levels, final boolean objects) {
    final String open = objects ? "{\"a\":" : "[";
    final String close = objects ? "}" : "]";
    return (open.repeat(levels) + "1" + close.repeat(levels)).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code body} cut at a random byte strictly inside it. */
  static byte[] truncated(final byte[] body, final Random random) {
    return Arrays.copyOf(body, 1 + random.nextInt(Math.max(1, body.length - 1)));
  }

  /** {@code body} followed by white space up to {@code size} bytes: still one JSON document. */
  static byte[] padded(final byte[] body, final int size) {
    final byte[] out = Arrays.copyOf(body, Math.max(size, body.length));
    Arrays.fill(out, body.length, out.length, (byte) ' ');
    return out;
  }

  static byte[] write(final ObjectMapper mapper, final JsonNode node) {
    return json(mapper, node);
  }

  private static byte[] json(final ObjectMapper mapper, final JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String quote(final String text) {
    return "\"" + text + "\"";
  }

  private static List<String> iterable(final ObjectNode object) {
    final List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** {@code body} with the first occurrence of {@code marker} replaced by {@code value}. */
  static byte[] replace(final byte[] body, final byte[] marker, final byte[] value) {
    final int at = indexOf(body, marker);
    if (at < 0) {
      throw new IllegalStateException("marker not found");
    }
    return concat(
        Arrays.copyOfRange(body, 0, at),
        value,
        Arrays.copyOfRange(body, at + marker.length, body.length));
  }

  private static int indexOf(final byte[] body, final byte[] marker) {
    outer:
    for (int i = 0; i <= body.length - marker.length; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (body[i + j] != marker[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static byte[] concat(final byte[]... parts) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (final byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] bytes(final int... values) {
    final byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
