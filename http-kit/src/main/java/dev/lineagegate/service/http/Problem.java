package dev.lineagegate.service.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.schema.json.FieldError;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * An RFC 9457 problem: what every non-2xx answer carries. {@code errors} lists invalid fields (JSON
 * pointer + sentence); {@code retryAfter} becomes the Retry-After header of a 503 and {@code
 * challenge} the WWW-Authenticate header of a 401.
 */
public record Problem(
    int status,
    String type,
    String title,
    String detail,
    List<FieldError> errors,
    Duration retryAfter,
    String challenge) {

  public static final String CONTENT_TYPE = "application/problem+json";
  public static final String TYPES = "https://lineage-gate.dev/problems/";

  public Problem {
    errors = List.copyOf(errors);
  }

  public static Problem of(
      final int status, final String slug, final String title, final String detail) {
    return new Problem(status, TYPES + slug, title, detail, List.of(), null, null);
  }

  public static Problem invalid(final String detail, final List<FieldError> errors) {
    return invalid("invalid-request", "Invalid request", detail, errors);
  }

  /** A 400 that lists the invalid fields, under a type of its own ({@code invalid-event} ...). */
  public static Problem invalid(
      final String slug, final String title, final String detail, final List<FieldError> errors) {
    return new Problem(400, TYPES + slug, title, detail, errors, null, null);
  }

  public static Problem unavailable(
      final String slug, final String title, final String detail, final Duration retryAfter) {
    return new Problem(503, TYPES + slug, title, detail, List.of(), retryAfter, null);
  }

  public static Problem unauthorized(final String detail) {
    return new Problem(
        401, TYPES + "unauthorized", "Unauthorized", detail, List.of(), null, "Bearer");
  }

  public ObjectNode json(final String instance) {
    final ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("type", type);
    json.put("title", title);
    json.put("status", status);
    json.put("detail", detail);
    json.put("instance", instance);
    if (!errors.isEmpty()) {
      final ArrayNode list = json.putArray("errors");
      for (final FieldError error : errors) {
        list.addObject().put("pointer", error.pointer()).put("detail", error.message());
      }
    }
    return json;
  }

  /**
   * Writes this problem as the answer, with its headers. The body is UTF-8 bytes, as JSON must be:
   * the media type has no charset parameter, and a String result would be encoded as ISO-8859-1.
   */
  public void write(final Context ctx) {
    if (retryAfter != null) {
      ctx.header("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
    }
    if (challenge != null) {
      ctx.header("WWW-Authenticate", challenge);
    }
    ctx.status(status)
        .contentType(CONTENT_TYPE)
        .result(json(ctx.path()).toString().getBytes(StandardCharsets.UTF_8));
  }
}
