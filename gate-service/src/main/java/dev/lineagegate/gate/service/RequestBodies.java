package dev.lineagegate.gate.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.gate.GateBounds;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.schema.json.FieldError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The request bodies of the gate, validated whole: every invalid field is listed at once. */
public final class RequestBodies {

  static final int MAX_ID = GateBounds.MAX_ID;
  static final int MAX_TEXT = GateBounds.MAX_JUSTIFICATION;

  private RequestBodies() {}

  /** {@code POST /v1/promotions}. */
  public record Promotion(String artifact, String target, String requestId, String requestedBy) {}

  /** {@code POST /v1/waivers}. */
  public record WaiverRequest(
      String artifact, String target, ReasonCode reason, Instant expiresAt, String justification) {}

  public static Promotion promotion(final JsonNode body) {
    final List<FieldError> errors = new ArrayList<>();
    object(body, errors);
    final String artifact = digest(body, "artifact", errors);
    final String target = text(body, "target", MAX_ID, true, errors);
    final String requestId = text(body, "requestId", MAX_ID, true, errors);
    final String requestedBy = text(body, "requestedBy", MAX_ID, false, errors);
    if (!errors.isEmpty()) {
      throw GateErrors.invalid(errors);
    }
    return new Promotion(artifact, target, requestId, requestedBy);
  }

  public static WaiverRequest waiver(final JsonNode body) {
    final List<FieldError> errors = new ArrayList<>();
    object(body, errors);
    final String artifact = digest(body, "artifact", errors);
    final String target = text(body, "target", MAX_ID, true, errors);
    final String reasonText = text(body, "reason", MAX_ID, true, errors);
    ReasonCode reason = null;
    if (reasonText != null) {
      try {
        reason = ReasonCode.valueOf(reasonText);
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "/reason", "not a reason code; one of " + Arrays.toString(ReasonCode.values())));
      }
    }
    final String expires = text(body, "expiresAt", MAX_ID, true, errors);
    Instant expiresAt = null;
    if (expires != null) {
      try {
        expiresAt = Instant.parse(expires);
      } catch (DateTimeParseException e) {
        errors.add(
            new FieldError("/expiresAt", "not an ISO-8601 instant such as 2026-12-01T12:00:00Z"));
      }
    }
    final String justification = text(body, "justification", MAX_TEXT, true, errors);
    if (!errors.isEmpty()) {
      throw GateErrors.invalid(errors);
    }
    return new WaiverRequest(artifact, target, reason, expiresAt, justification);
  }

  /** A path or query digest, validated the same way as a body's. */
  public static String digest(final String text, final String pointer) {
    if (text == null || !Digest.isValid(text)) {
      throw GateErrors.invalid(pointer, "not a digest: expected sha256:<64 lowercase hex>");
    }
    return text;
  }

  private static void object(final JsonNode body, final List<FieldError> errors) {
    if (body == null || !body.isObject()) {
      throw GateErrors.invalid("", "the body must be a JSON object");
    }
  }

  private static String digest(
      final JsonNode body, final String field, final List<FieldError> errors) {
    final String value = text(body, field, 100, true, errors);
    if (value != null && !Digest.isValid(value)) {
      errors.add(new FieldError("/" + field, "not a digest: expected sha256:<64 lowercase hex>"));
      return null;
    }
    return value;
  }

  private static String text(
      final JsonNode body,
      final String field,
      final int max,
      final boolean required,
      final List<FieldError> errors) {
    final JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        errors.add(new FieldError("/" + field, "is required"));
      }
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      errors.add(new FieldError("/" + field, "must be a non-empty string"));
      return null;
    }
    if (node.asText().length() > max) {
      errors.add(new FieldError("/" + field, "must be at most " + max + " characters"));
      return null;
    }
    return node.asText();
  }
}
