package dev.lineagegate.stack.fuzz;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.stack.fuzz.BodyMutations.Mutated;
import dev.lineagegate.stack.fuzz.FuzzCase.Expect;
import dev.lineagegate.testkit.EventMutations;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Strings and bodies at and past the limits: a name just over its 1,024 characters, a string up to
 * the body limit, a body of exactly the limit (white space after the document: still valid) and one
 * byte over it, which is 413 whatever it holds.
 */
final class Oversize {

  /** String lengths in UTF-16 units: past the name limits, the event limit, the body limit. */
  static final List<Integer> LENGTHS =
      List.of(513, 1_025, 2_049, 4_097, 32_769, 262_145, 700_000, 1_040_000, 1_100_000);

  /** Names longer than this are refused on every path (native and mapped OpenLineage names). */
  static final int NAME_LIMIT = 1_024;

  private final ObjectMapper mapper;
  private final int maxBody;

  Oversize(final ObjectMapper mapper, final int maxBody) {
    this.mapper = mapper;
    this.maxBody = maxBody;
  }

  /** A string field made {@code LENGTHS} long. */
  Mutated huge(final Shape shape, final Random random) {
    final boolean name = !shape.names().isEmpty() && random.nextBoolean();
    final List<JsonPointer> strings = name ? shape.names() : shape.strings();
    if (strings.isEmpty()) {
      return padded(shape, random);
    }
    final JsonPointer at = BodyMutations.pick(strings, random);
    final int length = BodyMutations.pick(LENGTHS, random);
    final String text = Values.huge(length, random);
    final byte[] body =
        BodyEdits.write(
            mapper, EventMutations.changed(shape.doc(), at, shape.doc().textNode(text)));
    final int textBytes = text.getBytes(StandardCharsets.UTF_8).length;
    final Expect expect;
    if (body.length > maxBody) {
      expect = Expect.early(413);
    } else if ((name && length > NAME_LIMIT) || textBytes > shape.maxStringBytes()) {
      expect = Expect.REFUSED;
    } else {
      expect = Expect.ANY;
    }
    return new Mutated("huge:" + length + (name ? ":name" : ""), body, expect);
  }

  /** The document padded to exactly the body limit (as valid as before), or past it (413). */
  Mutated padded(final Shape shape, final Random random) {
    final byte[] body = BodyEdits.write(mapper, shape.doc());
    if (random.nextBoolean()) {
      return new Mutated("pad:limit", BodyEdits.padded(body, maxBody), shape.expect());
    }
    final int over = 1 + (random.nextBoolean() ? 0 : random.nextInt(200_000));
    return new Mutated("pad:over", BodyEdits.padded(body, maxBody + over), Expect.early(413));
  }
}
