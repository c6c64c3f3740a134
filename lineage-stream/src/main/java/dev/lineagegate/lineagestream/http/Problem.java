package dev.lineagegate.lineagestream.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * An RFC 9457 problem: what every non-2xx answer of lineage-stream carries. The same shape as
 * ingest's ({@code dev.lineagegate.ingest.http.Problem}) without its field errors, which queries do
 * not have; {@code retryAfter} becomes the Retry-After header of a 503.
 */
record Problem(int status, String type, String title, String detail, Duration retryAfter) {

  static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPES = "https://lineage-gate.dev/problems/";

  static Problem of(final int status, final String slug, final String title, final String detail) {
    return new Problem(status, TYPES + slug, title, detail, null);
  }

  static Problem unavailable(final String detail, final Duration retryAfter) {
    return new Problem(503, TYPES + "not-ready", "State not queryable", detail, retryAfter);
  }

  ObjectNode json(final String instance) {
    final ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("type", type);
    json.put("title", title);
    json.put("status", status);
    json.put("detail", detail);
    json.put("instance", instance);
    return json;
  }
}
