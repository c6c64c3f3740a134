package dev.lineagegate.gate.service;

import dev.lineagegate.schema.json.FieldError;
import java.time.Duration;
import java.util.List;

/**
 * A request the gate refuses, in the gate's words: what kind of refusal, why, the invalid fields
 * and when to retry. Made by {@link GateErrors}; the HTTP layer's {@code GateProblems} is where it
 * gets a status code and a problem body.
 */
public final class GateRefusal extends RuntimeException {

  /** What was refused. */
  public enum Kind {
    /** A field of the request is invalid (all of them are listed). */
    INVALID,
    /** The target is not one of the policy's (it is named among the invalid fields). */
    UNKNOWN_TARGET,
    /** The request contradicts one already recorded. */
    CONFLICT,
    /** No verdict for the artifact in time: the same request will succeed once there is one. */
    UNKNOWN_ARTIFACT,
    /** The artifact holds as many waivers as it keeps. */
    TOO_MANY_WAIVERS,
    /** No bearer token, or an unknown one. */
    UNAUTHORIZED,
    /** A known principal without the role the request needs. */
    FORBIDDEN,
    /** The gate cannot answer now (state restoring, moving, broker slow): retry. */
    NOT_READY
  }

  private final Kind kind;
  private final transient List<FieldError> errors;
  private final transient Duration retryAfter;

  GateRefusal(
      final Kind kind,
      final String detail,
      final List<FieldError> errors,
      final Duration retryAfter) {
    super(detail, null, false, false);
    this.kind = kind;
    this.errors = List.copyOf(errors);
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** The sentence a client reads. */
  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** When to try again, or null when retrying the same request will not help. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
