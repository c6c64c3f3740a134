package dev.lineagegate.gate.service;

import dev.lineagegate.config.Durations;
import dev.lineagegate.gate.service.GateRefusal.Kind;
import dev.lineagegate.schema.json.FieldError;
import java.time.Duration;
import java.util.List;

/** The refusals the gate decides, in its own words; the HTTP layer gives them their status. */
public final class GateErrors {

  private GateErrors() {}

  public static GateRefusal invalid(final List<FieldError> errors) {
    return new GateRefusal(Kind.INVALID, errors.size() + " invalid field(s)", errors, null);
  }

  public static GateRefusal invalid(final String pointer, final String message) {
    return invalid(List.of(new FieldError(pointer, message)));
  }

  /** A refusal of its own kind (the detail lists the known targets) naming the field, as all do. */
  public static GateRefusal unknownTarget(final String target, final Iterable<String> known) {
    final String detail =
        "the policy has no target \"" + target + "\"; known targets: " + String.join(", ", known);
    return new GateRefusal(
        Kind.UNKNOWN_TARGET, detail, List.of(new FieldError("/target", detail)), null);
  }

  public static GateRefusal conflict(final String detail) {
    return new GateRefusal(Kind.CONFLICT, detail, List.of(), null);
  }

  /**
   * A promotion of an artifact the gate has no verdict for (yet): the same request will succeed
   * once the verdict is there, and nothing was recorded that would stand in its way.
   */
  public static GateRefusal unknownArtifact(
      final String digest, final Duration waited, final Duration retryAfter) {
    return new GateRefusal(
        Kind.UNKNOWN_ARTIFACT,
        "no verdict for "
            + digest
            + " after "
            + Durations.show(waited)
            + ": lineage-stream has not evaluated it (yet); nothing was recorded, retry with"
            + " the same requestId",
        List.of(),
        retryAfter);
  }

  public static GateRefusal tooManyWaivers(final String digest, final int held) {
    return new GateRefusal(
        Kind.TOO_MANY_WAIVERS,
        digest
            + " already holds "
            + held
            + " waivers, the most an artifact keeps; one frees its place when it expires",
        List.of(),
        null);
  }

  public static GateRefusal unauthorized(final String detail) {
    return new GateRefusal(Kind.UNAUTHORIZED, detail, List.of(), null);
  }

  public static GateRefusal forbidden(final String detail) {
    return new GateRefusal(Kind.FORBIDDEN, detail, List.of(), null);
  }

  public static GateRefusal unavailable(final String detail, final Duration retryAfter) {
    return new GateRefusal(Kind.NOT_READY, detail, List.of(), retryAfter);
  }
}
