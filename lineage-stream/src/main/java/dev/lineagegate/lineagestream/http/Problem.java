package dev.lineagegate.lineagestream.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.schema.json.FieldError;
import java.time.Duration;
import java.util.List;

/**
 * An RFC 9457 problem: what every non-2xx answer of lineage-stream carries. The same shape as
 * ingest's ({@code dev.lineagegate.ingest.http.Problem}): a 400 lists the wrong parameters in
 * {@code errors} by pointer ({@code /digest}, {@code /depth} ...); {@code retryAfter} becomes the
 * Retry-After header of a 503.
 */
record Problem(
    int status,
    String type,
    String title,
    String detail,
    List<FieldError> errors,
    Duration retryAfter) {

  static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPES = "https://lineage-gate.dev/problems/";

  Problem {
    errors = List.copyOf(errors);
  }

  static Problem of(final int status, final String slug, final String title, final String detail) {
    return new Problem(status, TYPES + slug, title, detail, List.of(), null);
  }

  static Problem invalid(final String detail, final List<FieldError> errors) {
    return new Problem(400, TYPES + "invalid-request", "Invalid request", detail, errors, null);
  }

  static Problem unavailable(final String detail, final Duration retryAfter) {
    return new Problem(
        503, TYPES + "not-ready", "State not queryable", detail, List.of(), retryAfter);
  }

  ObjectNode json(final String instance) {
    final ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("type", type);
    json.put("title", title);
    json.put("status", status);
    json.put("detail", detail);
    json.put("instance", instance);
    if (!errors.isEmpty()) {
      final ArrayNode list = json.putArray("errors");
      errors.forEach(e -> list.addObject().put("pointer", e.pointer()).put("detail", e.message()));
    }
    return json;
  }
}
