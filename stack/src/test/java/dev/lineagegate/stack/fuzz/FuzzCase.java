package dev.lineagegate.stack.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request of the fuzzer, built from the seed and its number alone, so that it can be replayed
 * by itself: where it goes, the mutation that made it ({@code kind}, e.g. {@code utf8:overlong}),
 * what must come back, and the output digests it carries (native events, for the verdict check).
 */
record FuzzCase(
    long number,
    Route route,
    Service service,
    String kind,
    Request request,
    Expect expect,
    List<String> digests,
    boolean bridged) {

  /** A case for its route's own service. */
  FuzzCase(
      final long number,
      final Route route,
      final String kind,
      final Request request,
      final Expect expect,
      final List<String> digests,
      final boolean bridged) {
    this(number, route, route.service, kind, request, expect, digests, bridged);
  }

  /** The endpoints under test, as counted in the summary. */
  enum Route {
    EVENTS(Service.INGEST, "POST /v1/events"),
    OPENLINEAGE(Service.INGEST, "POST /api/v1/lineage"),
    VERDICT(Service.LINEAGE, "GET /v1/artifacts/{digest}/verdict"),
    GRAPH(Service.LINEAGE, "GET /v1/lineage/{digest}"),
    VERSIONS(Service.LINEAGE, "GET /v1/names/{name}/versions"),
    GATE(Service.GATE, "GET /v1/gate/{digest}"),
    PROMOTIONS(Service.GATE, "POST /v1/promotions"),
    WAIVERS(Service.GATE, "POST /v1/waivers"),
    DECISIONS(Service.GATE, "GET /v1/decisions"),
    KEYS(Service.GATE, "GET /v1/keys"),
    OTHER(Service.INGEST, "other paths and methods");

    final Service service;
    final String label;

    Route(final Service service, final String label) {
      this.service = service;
      this.label = label;
    }
  }

  enum Service {
    INGEST,
    LINEAGE,
    GATE
  }

  /**
   * What the answer must be. {@code REFUSED}: any 4xx (the input is malformed by the documented
   * rules), or exactly {@code status} when that is known; {@code ACCEPTED}: a 2xx; {@code ANY}: the
   * fuzzer does not know (a random change may keep an event valid), only the general checks apply.
   * {@code early}: refused on the request line or headers alone (414, 431, a Content-Length over
   * the limit), before the body is read; the server then closes while the client may still be
   * writing, and the reset can take the answer with it (RFC 9112 §9.6), so no answer but a prompt
   * close is accepted too.
   */
  record Expect(Outcome outcome, int status, boolean early) {

    static final Expect ANY = new Expect(Outcome.ANY, 0, false);
    static final Expect REFUSED = new Expect(Outcome.REFUSED, 0, false);
    static final Expect ACCEPTED = new Expect(Outcome.ACCEPTED, 0, false);

    /** Refused before the body is read: any 4xx, or a reset. */
    static final Expect EARLY = new Expect(Outcome.REFUSED, 0, true);

    static Expect status(final int status) {
      return new Expect(status >= 400 ? Outcome.REFUSED : Outcome.ACCEPTED, status, false);
    }

    /** {@code status}, decided before the body is read: or a reset. */
    static Expect early(final int status) {
      return new Expect(Outcome.REFUSED, status, true);
    }

    /** Null when {@code answered} fits, else why not. */
    String mismatch(final int answered) {
      if (status != 0 && answered != status) {
        return "expected " + status + ", got " + answered;
      }
      return switch (outcome) {
        case REFUSED ->
            answered >= 400 && answered < 500 ? null : "expected a 4xx, got " + answered;
        case ACCEPTED ->
            answered >= 200 && answered < 300 ? null : "expected a 2xx, got " + answered;
        case ANY -> null;
      };
    }
  }

  enum Outcome {
    ANY,
    REFUSED,
    ACCEPTED
  }

  /**
   * An HTTP request as bytes. {@code target} is the path and query exactly as written on the
   * request line; {@code raw} requests go over a plain socket ({@code RawHttp}) because an HTTP
   * client would refuse or repair them (a NUL in the path, a bad chunked body), with {@code lines}
   * written as they are after the headers (a second Host, a second Content-Length).
   */
  record Request(
      String method,
      String target,
      Map<String, String> headers,
      byte[] body,
      boolean raw,
      List<String> lines) {

    Request(
        final String method,
        final String target,
        final Map<String, String> headers,
        final byte[] body,
        final boolean raw) {
      this(method, target, headers, body, raw, List.of());
    }

    static Request get(final String target) {
      return new Request("GET", target, Map.of(), new byte[0], false);
    }

    static Request post(final String target, final String contentType, final byte[] body) {
      final Map<String, String> headers = new LinkedHashMap<>();
      if (contentType != null) {
        headers.put("Content-Type", contentType);
      }
      return new Request("POST", target, headers, body, false);
    }

    static Request json(final String target, final String body) {
      return post(target, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    Request withHeader(final String name, final String value) {
      final Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Request(method, target, more, body, raw, lines);
    }

    Request asRaw() {
      return new Request(method, target, headers, body, true, lines);
    }
  }
}
