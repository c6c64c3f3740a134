package dev.lineagegate.stack.fuzz;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.stack.fuzz.FuzzCase.Expect;
import dev.lineagegate.testkit.EventMutations;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * One change to one document's body, chosen by a seeded {@link Random}, with what the answer must
 * be: the documented input rules (docs/INGEST.md) tell which changes refuse the document whatever
 * else it holds (a control character in a name, a time past Avro's range ...); a random change of
 * any field ({@link EventMutations#random}) may keep it valid, so only the general checks apply.
 */
final class BodyMutations {

  /** A body and the answer it must get; {@code kind} names the change, e.g. {@code utf8:ff}. */
  record Mutated(String kind, byte[] body, Expect expect) {}

  /** Times no reader may accept (RFC 3339 strictly, four-digit years, no leap second). */
  static final List<String> BAD_TIMES =
      List.of(
          "-292275056-01-01T00:00:00Z",
          "+292278994-08-17T07:12:55.807Z",
          "+10000-01-01T00:00:00Z",
          "2026-11-22T10:00:00.Z",
          "2026-11-22T23:59:60Z",
          "2026-11-22T10:00Z",
          "2026-11-22 10:00:00Z",
          "2026-11-22T10:00:00+0100",
          "2026-11-22T24:00:00Z",
          "2026-02-30T10:00:00Z",
          "20261122T100000Z",
          "+002026-11-22T10:00:00Z",
          "2026-11-22T10:00:00+24:00",
          "1764000000",
          "",
          "now");

  /** Times without an offset or with a zone id: refused natively, read as UTC by OpenLineage. */
  static final List<String> ZONELESS_TIMES =
      List.of("2026-11-22T10:00:00", "2026-11-22T10:00:00.123", "0000-01-01T00:00:00");

  /** Times inside every range: whether they pass depends on the field (an eventTime ahead). */
  static final List<String> EDGE_TIMES =
      List.of(
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999Z",
          "2026-11-22t10:00:00.5z",
          "2026-11-22T10:00:00.123456789+01:00",
          "1970-01-01T00:00:00Z");

  /** Control characters (Character.isISOControl): refused in every name. */
  static final List<Character> CONTROLS =
      List.of(
          '\u0000', '\u0001', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f', '\u0085', '\u009f');

  private final ObjectMapper mapper;
  private final Oversize oversize;

  BodyMutations(final ObjectMapper mapper, final Oversize oversize) {
    this.mapper = mapper;
    this.oversize = oversize;
  }

  Mutated mutate(final Shape shape, final Random random) {
    final int roll = random.nextInt(100);
    if (roll < 10) {
      return new Mutated("valid", write(shape.doc()), shape.expect());
    }
    if (roll < 40) {
      return any("tree", EventMutations.random(mapper, shape.doc(), random));
    }
    if (roll < 46 && !shape.required().isEmpty()) {
      final JsonPointer at = pick(shape.required(), random);
      return refused("missing:" + at, EventMutations.changed(shape.doc(), at, null));
    }
    if (roll < 51 && !shape.required().isEmpty()) {
      final JsonPointer at = pick(shape.required(), random);
      return refused("type:" + at, EventMutations.changed(shape.doc(), at, otherType(shape, at)));
    }
    if (roll < 57 && !shape.digests().isEmpty()) {
      final JsonPointer at = pick(shape.digests(), random);
      return refused(
          "digest:" + at, EventMutations.changed(shape.doc(), at, text(Values.badDigest(random))));
    }
    if (roll < 65 && !shape.times().isEmpty()) {
      return time(shape, random);
    }
    if (roll < 71 && !shape.names().isEmpty()) {
      final JsonPointer at = pick(shape.names(), random);
      final String old = shape.doc().at(at).asText();
      final int cut = random.nextInt(old.length() + 1);
      final char control = pick(CONTROLS, random);
      return refused(
          "control:U+%04X".formatted((int) control),
          EventMutations.changed(
              shape.doc(), at, text(old.substring(0, cut) + control + old.substring(cut))));
    }
    if (roll < 73 && !shape.names().isEmpty()) {
      final byte[] lone = "\"a\\ud800b\"".getBytes(StandardCharsets.US_ASCII);
      return new Mutated(
          "surrogate",
          BodyEdits.rawValue(mapper, shape.doc(), pick(shape.names(), random), lone),
          Expect.REFUSED);
    }
    if (roll < 81) {
      return utf8(shape, random);
    }
    if (roll < 83 && !shape.strings().isEmpty()) {
      final byte control = (byte) random.nextInt(0x20);
      return new Mutated(
          "raw-control:%02X".formatted(control),
          BodyEdits.intoString(
              mapper, shape.doc(), pick(shape.strings(), random), new byte[] {control}, random),
          Expect.REFUSED);
    }
    if (roll < 87) {
      final JsonPointer at = pick(shape.objects(), random);
      final JsonNode second = random.nextBoolean() ? text("x") : mapper.nullNode();
      final byte[] body = BodyEdits.repeatedKey(mapper, shape.doc(), at, second, random);
      return new Mutated("repeated-key", body, shape.uniqueKeys() ? Expect.REFUSED : Expect.ANY);
    }
    if (roll < 89) {
      return deep(shape, random);
    }
    if (roll < 96) {
      return oversize.huge(shape, random);
    }
    return new Mutated(
        "truncated", BodyEdits.truncated(write(shape.doc()), random), Expect.REFUSED);
  }

  private Mutated time(final Shape shape, final Random random) {
    final JsonPointer at = pick(shape.times(), random);
    final int which = random.nextInt(3);
    if (which == 0) {
      return refused(
          "time:bad", EventMutations.changed(shape.doc(), at, text(pick(BAD_TIMES, random))));
    }
    if (which == 1) {
      final ObjectNode zoneless =
          EventMutations.changed(shape.doc(), at, text(pick(ZONELESS_TIMES, random)));
      return shape.utcWithoutOffset()
          ? any("time:zoneless", zoneless)
          : refused("time:zoneless", zoneless);
    }
    return any(
        "time:edge", EventMutations.changed(shape.doc(), at, text(pick(EDGE_TIMES, random))));
  }

  private Mutated utf8(final Shape shape, final Random random) {
    final String name = pick(BodyEdits.INVALID_UTF8_NAMES, random);
    final byte[] bad = BodyEdits.INVALID_UTF8.get(name);
    final List<JsonPointer> strings =
        random.nextBoolean() && !shape.names().isEmpty() ? shape.names() : shape.strings();
    if (strings.isEmpty() || random.nextInt(10) == 0) {
      // In a key rather than a value: the error points at the object.
      final ObjectNode copy = shape.doc().deepCopy();
      final JsonPointer at = pick(shape.objects(), random);
      ((ObjectNode) copy.at(at)).putNull("fuzzkeyq7x");
      final byte[] key = BodyEdits.concat(bytes("\"k"), bad, bytes("\""));
      return new Mutated(
          "utf8-key:" + name,
          BodyEdits.replace(write(copy), bytes("\"fuzzkeyq7x\""), key),
          Expect.REFUSED);
    }
    return new Mutated(
        "utf8:" + name,
        BodyEdits.intoString(mapper, shape.doc(), pick(strings, random), bad, random),
        Expect.REFUSED);
  }

  private Mutated deep(final Shape shape, final Random random) {
    final boolean objects = random.nextBoolean();
    final int levels = random.nextInt(3) == 0 ? 900 : 10_000;
    final String kind = "deep:" + levels + (objects ? ":objects" : ":arrays");
    if (random.nextInt(4) == 0) {
      return new Mutated(kind + ":body", BodyEdits.nested(levels, objects), Expect.REFUSED);
    }
    // Inside the document, under a key nobody reads: only the depth can refuse it.
    final ObjectNode copy = shape.doc().deepCopy();
    copy.put("fuzzExtra", "");
    final byte[] body =
        BodyEdits.rawValue(
            mapper, copy, JsonPointer.compile("/fuzzExtra"), BodyEdits.nested(levels, objects));
    return new Mutated(kind, body, levels > 1_000 ? Expect.REFUSED : Expect.ANY);
  }

  private JsonNode otherType(final Shape shape, final JsonPointer at) {
    final JsonNode old = shape.doc().at(at);
    if (old.isTextual()) {
      return mapper.getNodeFactory().numberNode(7);
    }
    if (old.isObject()) {
      return mapper.createArrayNode().add("x");
    }
    return text("x");
  }

  private Mutated refused(final String kind, final ObjectNode doc) {
    return new Mutated(kind, write(doc), Expect.REFUSED);
  }

  private Mutated any(final String kind, final ObjectNode doc) {
    return new Mutated(kind, write(doc), Expect.ANY);
  }

  private JsonNode text(final String text) {
    return mapper.getNodeFactory().textNode(text);
  }

  byte[] write(final JsonNode doc) {
    return BodyEdits.write(mapper, doc);
  }

  private static byte[] bytes(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static <T> T pick(final List<T> list, final Random random) {
    return list.get(random.nextInt(list.size()));
  }
}
