package dev.lineagegate.stack.fuzz;

import dev.lineagegate.stack.fuzz.FuzzCase.Expect;
import dev.lineagegate.stack.fuzz.FuzzCase.Request;
import dev.lineagegate.stack.fuzz.FuzzCase.Route;
import dev.lineagegate.stack.fuzz.Segments.Kind;
import dev.lineagegate.stack.fuzz.Segments.Segment;
import java.util.List;
import java.util.Random;

/**
 * The queries of lineage-stream (DESIGN.md §6.3): verdicts, lineage graphs and name versions, with
 * every parameter valid or not, so that an answer can be predicted: 200 for the known artifact, 404
 * for a valid digest without verdict, 400 (or another 4xx) for anything malformed.
 */
final class QueryCases {

  /** {@code direction} values on the wire, and whether the service accepts them. */
  private static final List<String[]> DIRECTIONS =
      List.of(
          new String[] {"upstream", "ok"},
          new String[] {"downstream", "ok"},
          new String[] {"both", "ok"},
          new String[] {"UPSTREAM", "ok"},
          new String[] {"", "bad"},
          new String[] {"sideways", "bad"},
          new String[] {"%00", "bad"},
          new String[] {"up%C0%AFstream", "bad"},
          new String[] {"u".repeat(3_000), "bad"});

  private static final List<String[]> DEPTHS =
      List.of(
          new String[] {"1", "ok"},
          new String[] {"20", "ok"},
          new String[] {"%2B5", "ok"},
          new String[] {"0", "bad"},
          new String[] {"21", "bad"},
          new String[] {"-1", "bad"},
          new String[] {"", "bad"},
          new String[] {"abc", "bad"},
          new String[] {"1e3", "bad"},
          new String[] {"3.5", "bad"},
          new String[] {"99999999999999999999", "bad"},
          new String[] {"%00", "bad"});

  private static final List<String[]> FORMATS =
      List.of(
          new String[] {"json", "ok"},
          new String[] {"dot", "ok"},
          new String[] {"DOT", "bad"},
          new String[] {"xml", "bad"},
          new String[] {"", "bad"},
          new String[] {"%00", "bad"});

  private final long seed;
  private final Known known;

  QueryCases(final long seed, final Known known) {
    this.seed = seed;
    this.known = known;
  }

  FuzzCase build(final long number, final Random random) {
    final int roll = random.nextInt(10);
    if (roll < 4) {
      final Segment digest = digest(number, random);
      final String target = "/v1/artifacts/" + digest.wire() + "/verdict";
      return query(
          number, Route.VERDICT, "verdict:" + digest.kind(), target, expect(digest, true, target));
    }
    if (roll < 8) {
      return graph(number, random);
    }
    return versions(number, random);
  }

  private FuzzCase graph(final long number, final Random random) {
    final Segment digest = digest(number, random);
    final String[] direction = optional(DIRECTIONS, random);
    final String[] depth = optional(DEPTHS, random);
    final String[] format = optional(FORMATS, random);
    final String target =
        "/v1/lineage/"
            + digest.wire()
            + Segments.query(
                List.of(
                    new String[] {"direction", direction[0]},
                    new String[] {"depth", depth[0]},
                    new String[] {"format", format[0]}),
                random);
    final boolean valid =
        !"bad".equals(direction[1]) && !"bad".equals(depth[1]) && !"bad".equals(format[1]);
    return query(
        number, Route.GRAPH, "graph:" + digest.kind(), target, expect(digest, valid, target));
  }

  private FuzzCase versions(final long number, final Random random) {
    final int roll = random.nextInt(4);
    final String target;
    final Expect expect;
    if (roll == 0) {
      target = "/v1/names/" + Segments.encode(known.name()) + "/versions";
      expect = Expect.status(200);
    } else if (roll == 1) {
      target = "/v1/names/" + Segments.encode("fuzz/" + seed + "/" + number) + "/versions";
      expect = Expect.status(404);
    } else {
      // Anything at all as a name: broken paths are 400 and long ones 414, but " " or "+" are
      // names an accepted event may have given an output (a 100,000-case run did): any answer.
      target = "/v1/names/" + BodyMutations.pick(Segments.BAD, random) + "/versions";
      expect = Expect.ANY;
    }
    return query(
        number,
        Route.VERSIONS,
        "versions",
        target,
        Segments.tooLong(target) ? Expect.EARLY : expect);
  }

  private Segment digest(final long number, final Random random) {
    return Segments.digest(known, Values.digest(seed, number, "query"), random);
  }

  /** 200 for the known digest, 404 for an unknown one, a 4xx for bad input; ODD only checked. */
  private static Expect expect(final Segment digest, final boolean valid, final String target) {
    if (Segments.tooLong(target)) {
      return Expect.EARLY;
    }
    if (digest.kind() == Kind.BAD) {
      return Expect.REFUSED;
    }
    if (digest.kind() == Kind.ODD) {
      return Expect.ANY;
    }
    if (!valid) {
      return Expect.status(400);
    }
    return Expect.status(digest.kind() == Kind.KNOWN ? 200 : 404);
  }

  /** A value from {@code values}, or none (the parameter left out) a quarter of the time. */
  private static String[] optional(final List<String[]> values, final Random random) {
    return random.nextInt(4) == 0 ? new String[] {null, "ok"} : BodyMutations.pick(values, random);
  }

  private static FuzzCase query(
      final long number,
      final Route route,
      final String kind,
      final String target,
      final Expect expect) {
    return new FuzzCase(number, route, kind, Request.get(target), expect, List.of(), false);
  }
}
