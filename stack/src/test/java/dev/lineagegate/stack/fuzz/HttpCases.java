package dev.lineagegate.stack.fuzz;

import dev.lineagegate.stack.fuzz.FuzzCase.Expect;
import dev.lineagegate.stack.fuzz.FuzzCase.Request;
import dev.lineagegate.stack.fuzz.FuzzCase.Route;
import dev.lineagegate.stack.fuzz.FuzzCase.Service;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Requests wrong at the HTTP level, on any of the three services: unknown paths and methods, a
 * broken request line, two Host or Content-Length headers, an unknown transfer coding, 20 KB of
 * headers, the internal endpoints of lineage-stream with bad keys. Jetty refuses most before any
 * route; the answer must still be a problem, never a 5xx.
 */
final class HttpCases {

  /** A request line and headers (without Host, added for the service) and what must come back. */
  private record Raw(
      String kind, String method, String target, List<String> headers, Expect expect) {}

  private static final List<Raw> RAW =
      List.of(
          new Raw("method:PUT", "PUT", "/v1/events", List.of("Content-Length: 0"), Expect.REFUSED),
          new Raw("method:DELETE", "DELETE", "/v1/promotions", List.of(), Expect.REFUSED),
          new Raw(
              "method:PATCH", "PATCH", "/v1/waivers", List.of("Content-Length: 0"), Expect.REFUSED),
          new Raw("method:TRACE", "TRACE", "/", List.of(), Expect.REFUSED),
          new Raw("method:OPTIONS", "OPTIONS", "*", List.of(), Expect.ANY),
          new Raw("method:unknown", "FUZZ", "/v1/keys", List.of(), Expect.REFUSED),
          new Raw("get:post-route", "GET", "/v1/events", List.of(), Expect.REFUSED),
          new Raw("get:root", "GET", "/", List.of(), Expect.REFUSED),
          new Raw("get:unknown", "GET", "/v2/anything?x=1", List.of(), Expect.REFUSED),
          new Raw("absolute-form", "GET", "http://fuzz.invalid/v1/keys", List.of(), Expect.REFUSED),
          new Raw("two-hosts", "GET", "/v1/keys", List.of("Host: other"), Expect.status(400)),
          new Raw(
              "two-lengths",
              "POST",
              "/v1/events",
              List.of("Content-Length: 2", "Content-Length: 3", "Content-Type: application/json"),
              Expect.status(400)),
          new Raw(
              "bad-length",
              "POST",
              "/v1/events",
              List.of("Content-Length: abc"),
              Expect.status(400)),
          new Raw(
              "gzip-coding",
              "POST",
              "/v1/events",
              List.of("Transfer-Encoding: gzip"),
              Expect.status(400)),
          new Raw(
              "big-header",
              "GET",
              "/v1/keys",
              List.of("X-Fuzz: " + "h".repeat(20_000)),
              Expect.early(431)),
          new Raw("nul-header", "GET", "/v1/keys", List.of("X-Fuzz: a\u0000b"), Expect.ANY),
          new Raw("internal:node", "GET", "/internal/v1/nodes/%00", List.of(), Expect.REFUSED),
          new Raw(
              "internal:node-bad", "GET", "/internal/v1/nodes/not-a-digest", List.of(), Expect.ANY),
          new Raw("internal:edges", "GET", "/internal/v1/edges/..%2F..", List.of(), Expect.ANY),
          new Raw("internal:names", "GET", "/internal/v1/names/%ff%fe", List.of(), Expect.ANY));

  private HttpCases() {}

  static FuzzCase build(final long number, final Random random) {
    final Service service = BodyMutations.pick(List.of(Service.values()), random);
    final Raw raw = BodyMutations.pick(RAW, random);
    final Request request =
        new Request(raw.method(), raw.target(), Map.of(), new byte[0], true, raw.headers());
    return new FuzzCase(
        number,
        Route.OTHER,
        service,
        service.name().toLowerCase(Locale.ROOT) + ":" + raw.kind(),
        request,
        raw.expect(),
        List.of(),
        false);
  }
}
