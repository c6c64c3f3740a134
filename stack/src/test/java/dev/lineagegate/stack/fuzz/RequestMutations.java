package dev.lineagegate.stack.fuzz;

import dev.lineagegate.stack.fuzz.BodyMutations.Mutated;
import dev.lineagegate.stack.fuzz.FuzzCase.Expect;
import dev.lineagegate.stack.fuzz.FuzzCase.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * One POST of a JSON document, changed either in its body ({@link BodyMutations}) or as a request:
 * Content-Type, an empty or non-JSON body, a body at or over the limit, chunked framing (valid or
 * broken), a Content-Length over the limit.
 */
final class RequestMutations {

  /** A request and the answer it must get. */
  record Mutation(String kind, Request request, Expect expect) {}

  /** Content types that are not JSON: 415 before the body is read. */
  static final List<String> NOT_JSON_TYPES =
      List.of(
          "text/plain",
          "application/xml",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/jsonx",
          "json",
          "application/octet-stream",
          "text/json");

  /** JSON by another name: read like application/json. */
  static final List<String> JSON_TYPES =
      List.of(
          "application/json; charset=utf-8",
          "APPLICATION/JSON",
          "application/json;charset=ISO-8859-1");

  /** A structured syntax suffix: JSON to ingest, not to the gate (which wants application/json). */
  static final String PLUS_JSON = "application/cloudevents+json";

  /** Bodies that are not one JSON document (of the right kind). */
  static final List<String> NOT_JSON =
      List.of(
          "x",
          "null",
          "true",
          "1",
          "\"event\"",
          "{",
          "[",
          "{}",
          "[1]",
          "[{}]",
          "[]",
          "{\"a\":",
          "{\"a\" 1}",
          "{'a': 1}",
          "{\"a\":1,}",
          "[1,]",
          "NaN",
          "\ufeff{}",
          "{\"a\":1}{\"b\":2}",
          "<event/>",
          "--\r\n",
          "{\"a\":01}",
          "{\"a\":\"\\x41\"}",
          "{\"a\":\"\\u12\"}");

  private final BodyMutations bodies;
  private final Oversize oversize;
  private final boolean plusJson;

  RequestMutations(final BodyMutations bodies, final Oversize oversize, final boolean plusJson) {
    this.bodies = bodies;
    this.oversize = oversize;
    this.plusJson = plusJson;
  }

  Mutation mutate(final String path, final Shape shape, final Random random) {
    final int roll = random.nextInt(100);
    if (roll < 80) {
      return json(path, bodies.mutate(shape, random));
    }
    if (roll < 83) {
      return json(path, oversize.padded(shape, random));
    }
    final byte[] valid = bodies.write(shape.doc());
    if (roll < 87) {
      final String type = BodyMutations.pick(NOT_JSON_TYPES, random);
      return new Mutation(
          "content-type:" + type, Request.post(path, type, valid), Expect.status(415));
    }
    if (roll < 88) {
      final String type = BodyMutations.pick(JSON_TYPES, random);
      return new Mutation("content-type:" + type, Request.post(path, type, valid), shape.expect());
    }
    if (roll < 89) {
      return new Mutation(
          "content-type:" + PLUS_JSON,
          Request.post(path, PLUS_JSON, valid),
          plusJson ? shape.expect() : Expect.status(415));
    }
    if (roll < 90) {
      return new Mutation("content-type:none", Request.post(path, null, valid), Expect.status(415));
    }
    if (roll < 92) {
      return new Mutation(
          "empty", Request.post(path, "application/json", new byte[0]), Expect.status(400));
    }
    if (roll < 96) {
      final String text = BodyMutations.pick(NOT_JSON, random);
      return new Mutation("not-json", Request.json(path, text), Expect.status(400));
    }
    if (roll < 98) {
      return chunked(path, shape, valid, random);
    }
    // Announced larger than the limit and sent in part: refused on the header alone, at once.
    // (Nothing sent at all, Jetty would wait for the body before the route runs, as it should.)
    final Request announced =
        Request.post(path, "application/json", BodyEdits.padded(valid, 100_000))
            .withHeader("Content-Length", Integer.toString(2_000_000))
            .asRaw();
    return new Mutation("length:announced-over", announced, Expect.early(413));
  }

  private Mutation json(final String path, final Mutated mutated) {
    return new Mutation(
        mutated.kind(), Request.post(path, "application/json", mutated.body()), mutated.expect());
  }

  /**
   * Chunked framing over a raw socket: the body in random pieces; or cut by a chunk size that is
   * not one (the body is incomplete: 400); or followed by one after its last byte, which Jetty may
   * notice only after the route read a complete body, so any answer but a 5xx will do.
   */
  private Mutation chunked(
      final String path, final Shape shape, final byte[] body, final Random random) {
    final String text = new String(body, StandardCharsets.ISO_8859_1);
    final int kind = random.nextInt(3);
    final int cut = kind == 1 ? random.nextInt(text.length()) : text.length();
    final StringBuilder framed = new StringBuilder();
    int at = 0;
    while (at < cut) {
      final int size = Math.min(cut - at, 1 + random.nextInt(4096));
      framed.append(Integer.toHexString(size)).append("\r\n");
      framed.append(text, at, at + size).append("\r\n");
      at += size;
    }
    framed.append(kind == 0 ? "" : "zz\r\n").append("0\r\n\r\n");
    final Request request =
        Request.post(
                path, "application/json", framed.toString().getBytes(StandardCharsets.ISO_8859_1))
            .withHeader("Transfer-Encoding", "chunked")
            .asRaw();
    return switch (kind) {
      case 0 -> new Mutation("chunked:valid", request, shape.expect());
      case 1 -> new Mutation("chunked:cut", request, Expect.status(400));
      default -> new Mutation("chunked:trailing", request, Expect.ANY);
    };
  }
}
