package dev.lineagegate.lineagestream.alerts;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.lineagestream.query.BadRequest;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.schema.json.FieldError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code GET /v1/alerts} asks for: every parameter optional; {@code since} an ISO-8601 instant
 * (raisedAt at or after it), {@code severity} BLOCK or WARN, {@code owner} exact, {@code artifact}
 * a digest, {@code limit} 1 to the tail's capacity (default 100). All checked at once.
 */
public record AlertQuery(
    Instant since, Severity severity, String owner, String artifact, int limit) {

  public static final int DEFAULT_LIMIT = 100;

  public static AlertQuery all(final int limit) {
    return new AlertQuery(null, null, null, null, limit);
  }

  public static AlertQuery parse(
      final String since,
      final String severity,
      final String owner,
      final String artifact,
      final String limit,
      final int maxLimit) {
    final List<FieldError> errors = new ArrayList<>();
    Instant from = null;
    if (since != null && !since.isEmpty()) {
      try {
        from = Instant.parse(since);
      } catch (DateTimeParseException e) {
        errors.add(
            new FieldError("/since", "since must be an ISO-8601 instant, got \"" + since + "\""));
      }
    }
    Severity level = null;
    if (severity != null && !severity.isEmpty()) {
      try {
        level = Severity.valueOf(severity.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "/severity", "severity must be BLOCK or WARN, got \"" + severity + "\""));
      }
    }
    if (artifact != null && !artifact.isEmpty() && !Digest.isValid(artifact)) {
      errors.add(
          new FieldError(
              "/artifact",
              "not a digest: \"" + artifact + "\" (expected sha256:<64 lowercase hex>)"));
    }
    int count = Math.min(DEFAULT_LIMIT, maxLimit);
    if (limit != null) {
      try {
        count = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        count = -1;
      }
      if (count < 1 || count > maxLimit) {
        errors.add(
            new FieldError(
                "/limit",
                "limit must be a whole number from 1 to " + maxLimit + ", got \"" + limit + "\""));
      }
    }
    if (!errors.isEmpty()) {
      throw new BadRequest(errors.get(0).pointer(), errors.get(0).message())
          .and(errors.subList(1, errors.size()));
    }
    return new AlertQuery(
        from,
        level,
        owner == null || owner.isEmpty() ? null : owner,
        artifact == null || artifact.isEmpty() ? null : artifact,
        count);
  }

  boolean matches(final Alert alert) {
    return (since == null || !alert.getRaisedAt().isBefore(since))
        && (severity == null || alert.getSeverity() == severity)
        && (owner == null || owner.equals(alert.getOwner()))
        && (artifact == null || artifact.equals(alert.getArtifact()));
  }
}
