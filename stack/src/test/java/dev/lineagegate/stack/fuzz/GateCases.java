package dev.lineagegate.stack.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.stack.fuzz.FuzzCase.Expect;
import dev.lineagegate.stack.fuzz.FuzzCase.Request;
import dev.lineagegate.stack.fuzz.FuzzCase.Route;
import dev.lineagegate.stack.fuzz.RequestMutations.Mutation;
import dev.lineagegate.stack.fuzz.Segments.Kind;
import dev.lineagegate.stack.fuzz.Segments.Segment;
import java.util.List;
import java.util.Random;

/**
 * The gate's endpoints (docs/GATE.md): queries by digest and target, the decision log, the keys,
 * and promotions and waivers with bodies changed as events are ({@link RequestMutations}, at the
 * gate's 1,000,000-byte limit). Waivers are authenticated first: without a valid waiver token the
 * answer is 401 or 403 whatever the body.
 */
final class GateCases {

  static final int MAX_BODY = 1_000_000;

  /** {@code target} values on the wire, and whether the default policy knows them. */
  private static final List<String[]> TARGETS =
      List.of(
          new String[] {"prod", "ok"},
          new String[] {"staging", "ok"},
          new String[] {"dev", "ok"},
          new String[] {"moon", "bad"},
          new String[] {"", "bad"},
          new String[] {"%00", "bad"},
          new String[] {"prod%20", "bad"},
          new String[] {"..%2F..%2Fprod", "bad"},
          new String[] {"%C0%AF", "bad"},
          new String[] {"t".repeat(300), "bad"},
          new String[] {null, "bad"});

  private final ObjectMapper mapper;
  private final long seed;
  private final Known known;
  private final Tokens tokens;
  private final RequestMutations requests;
  private final Waivers waivers;

  GateCases(final ObjectMapper mapper, final long seed, final Known known, final Tokens tokens) {
    this.mapper = mapper;
    this.seed = seed;
    this.known = known;
    this.tokens = tokens;
    final Oversize oversize = new Oversize(mapper, MAX_BODY);
    this.requests = new RequestMutations(new BodyMutations(mapper, oversize), oversize, false);
    this.waivers = new Waivers(mapper, seed, tokens, requests);
  }

  FuzzCase build(final long number, final Random random) {
    final int roll = random.nextInt(20);
    if (roll < 6) {
      return query(number, random);
    }
    if (roll < 12) {
      return promotion(number, random);
    }
    if (roll < 17) {
      return waivers.build(number, random);
    }
    if (roll < 19) {
      final Segment digest = digest(number, random);
      final String target =
          "/v1/decisions" + (random.nextInt(8) == 0 ? "" : "?artifact=" + digest.wire());
      return get(
          number, Route.DECISIONS, "decisions:" + digest.kind(), target, decisions(target, digest));
    }
    final String target = "/v1/keys" + Segments.query(List.of(), random);
    return get(
        number,
        Route.KEYS,
        "keys",
        target,
        Segments.tooLong(target) ? Expect.EARLY : Expect.status(200));
  }

  /** The decision log: 200 for any valid digest, 400 without one, 414 or 431 when too long. */
  private static Expect decisions(final String target, final Segment digest) {
    if (Segments.tooLong(target)) {
      return Expect.EARLY;
    }
    if (!target.contains("=") || digest.kind() == Kind.BAD) {
      return Expect.REFUSED;
    }
    return digest.kind() == Kind.ODD ? Expect.ANY : Expect.status(200);
  }

  private FuzzCase query(final long number, final Random random) {
    final Segment digest = digest(number, random);
    final String[] target = BodyMutations.pick(TARGETS, random);
    final String wire =
        "/v1/gate/"
            + digest.wire()
            + Segments.query(List.<String[]>of(new String[] {"target", target[0]}), random);
    final Expect expect;
    if (Segments.tooLong(wire)) {
      expect = Expect.EARLY;
    } else if (digest.kind() == Kind.BAD) {
      expect = Expect.REFUSED;
    } else if (digest.kind() == Kind.ODD) {
      expect = Expect.ANY;
    } else {
      expect = "ok".equals(target[1]) ? Expect.status(200) : Expect.status(400);
    }
    return get(number, Route.GATE, "gate:" + digest.kind() + ":" + target[1], wire, expect);
  }

  /**
   * A promotion of the known artifact (decided and recorded: 201), changed; now and then one of an
   * artifact without verdict, which waits up to 2 s for it and is answered 409 unknown-artifact.
   */
  private FuzzCase promotion(final long number, final Random random) {
    final ObjectNode body = mapper.createObjectNode();
    final boolean unknown = random.nextInt(50) == 0;
    body.put("artifact", unknown ? Values.digest(seed, number, "promoted") : known.digest());
    body.put("target", BodyMutations.pick(List.of("prod", "staging", "dev"), random));
    body.put("requestId", Values.uuid(seed, number, "request"));
    body.put("requestedBy", "fuzz");
    if (unknown) {
      final Request request = Request.json("/v1/promotions", body.toString());
      return new FuzzCase(
          number,
          Route.PROMOTIONS,
          "promotion:unknown-artifact",
          request,
          Expect.status(409),
          List.of(),
          false);
    }
    final Shape shape =
        new Shape(
            body,
            Expect.ACCEPTED,
            List.of(),
            List.of(),
            NativeCases.pointers(body, "/artifact", "/target", "/requestId"),
            NativeCases.pointers(body, "/artifact"),
            false,
            false,
            Integer.MAX_VALUE);
    final Mutation mutation = requests.mutate("/v1/promotions", shape, random);
    return new FuzzCase(
        number,
        Route.PROMOTIONS,
        "promotion:" + mutation.kind(),
        mutation.request(),
        mutation.expect(),
        List.of(),
        false);
  }

  private Segment digest(final long number, final Random random) {
    return Segments.digest(known, Values.digest(seed, number, "gate"), random);
  }

  private static FuzzCase get(
      final long number,
      final Route route,
      final String kind,
      final String target,
      final Expect expect) {
    return new FuzzCase(number, route, kind, Request.get(target), expect, List.of(), false);
  }

  /** The bearer tokens configured on the gate, when the fuzzer was told them. */
  record Tokens(String waiver, String reader) {}
}
