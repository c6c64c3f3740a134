package dev.lineagegate.ingest.http;

import dev.lineagegate.schema.json.FieldError;
import java.time.Duration;
import java.util.List;

/**
 * An RFC 9457 problem: what every non-2xx answer of ingest carries. {@code errors} lists invalid
 * fields (JSON pointer + sentence); {@code retryAfter} becomes the Retry-After header of a 503.
 */
public record Problem(
    int status,
    String type,
    String title,
    String detail,
    List<FieldError> errors,
    Duration retryAfter) {

  private static final String TYPES = "https://lineage-gate.dev/problems/";

  public Problem {
    errors = List.copyOf(errors);
  }

  static Problem of(final int status, final String slug, final String title, final String detail) {
    return new Problem(status, TYPES + slug, title, detail, List.of(), null);
  }

  static Problem invalid(final String detail, final List<FieldError> errors) {
    return new Problem(400, TYPES + "invalid-event", "Invalid event", detail, errors, null);
  }

  static Problem unavailable(final String detail, final Duration retryAfter) {
    return new Problem(
        503, TYPES + "kafka-unavailable", "Kafka unavailable", detail, List.of(), retryAfter);
  }
}
