package dev.lineagegate.stack.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.stack.fuzz.FuzzCase.Expect;
import dev.lineagegate.stack.fuzz.FuzzCase.Request;
import dev.lineagegate.stack.fuzz.FuzzCase.Route;
import dev.lineagegate.stack.fuzz.GateCases.Tokens;
import dev.lineagegate.stack.fuzz.RequestMutations.Mutation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code POST /v1/waivers}: a missing, malformed, unknown or under-privileged bearer token is 401
 * or 403 whatever the body (authentication comes first); with the waiver token, the body is changed
 * as events are. Each waiver is for an artifact of its own, so the 16 an artifact may hold are
 * never the reason for an answer. Its expiry is one day from now: the only value of a case that
 * depends on the clock, since the gate refuses expiries in the past or beyond 30 days.
 */
final class Waivers {

  static final String PATH = "/v1/waivers";

  private final ObjectMapper mapper;
  private final long seed;
  private final Tokens tokens;
  private final RequestMutations requests;

  Waivers(
      final ObjectMapper mapper,
      final long seed,
      final Tokens tokens,
      final RequestMutations requests) {
    this.mapper = mapper;
    this.seed = seed;
    this.tokens = tokens;
    this.requests = requests;
  }

  FuzzCase build(final long number, final Random random) {
    final ObjectNode body = mapper.createObjectNode();
    body.put("artifact", Values.digest(seed, number, "waived"));
    body.put("target", BodyMutations.pick(List.of("prod", "staging", "dev"), random));
    body.put(
        "reason",
        BodyMutations.pick(List.of("UNKNOWN_ARTIFACT", "STALE_INPUT", "MISSING_OWNER"), random));
    body.put(
        "expiresAt",
        Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
    body.put("justification", "fuzz case " + number);
    final Shape shape =
        new Shape(
            body,
            Expect.ACCEPTED,
            List.of(),
            NativeCases.pointers(body, "/expiresAt"),
            NativeCases.pointers(
                body, "/artifact", "/target", "/reason", "/expiresAt", "/justification"),
            NativeCases.pointers(body, "/artifact"),
            false,
            false,
            Integer.MAX_VALUE);
    final Mutation mutation = requests.mutate(PATH, shape, random);
    final int roll = random.nextInt(10);
    if (tokens.waiver() != null && roll < 6) {
      final Request request =
          mutation.request().withHeader("Authorization", "Bearer " + tokens.waiver());
      return waiver(number, "waiver:" + mutation.kind(), request, mutation.expect());
    }
    if (tokens.reader() != null && roll < 7) {
      final Request request =
          mutation.request().withHeader("Authorization", "Bearer " + tokens.reader());
      return waiver(number, "waiver:reader", request, Expect.status(403));
    }
    final String header = BodyMutations.pick(badAuthorizations(), random);
    final Request request =
        header == null
            ? mutation.request()
            : mutation.request().withHeader("Authorization", header);
    // Past 8 KiB of headers Jetty answers 431 before any route: refused all the same.
    final Expect expect =
        header != null && header.length() > 8_000 ? Expect.early(431) : Expect.status(401);
    return waiver(number, "waiver:unauthenticated", request, expect);
  }

  /** Authorization headers that do not authenticate; null stands for none. */
  private List<String> badAuthorizations() {
    final String valid = tokens.waiver() == null ? "fuzz-token" : tokens.waiver();
    return Arrays.asList(
        null,
        "",
        "Bearer",
        "Bearer ",
        "Bearer wrong",
        "Basic " + valid,
        "Bearer " + valid + "x",
        "Bearer x" + valid,
        "Bearer " + valid.toUpperCase(Locale.ROOT) + "!",
        "Token " + valid,
        "Bearer " + "t".repeat(4_000),
        "Bearer " + "t".repeat(9_000));
  }

  private static FuzzCase waiver(
      final long number, final String kind, final Request request, final Expect expect) {
    return new FuzzCase(number, Route.WAIVERS, kind, request, expect, List.of(), false);
  }
}
