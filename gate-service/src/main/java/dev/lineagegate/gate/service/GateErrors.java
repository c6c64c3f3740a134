package dev.lineagegate.gate.service;

import dev.lineagegate.config.Durations;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.service.http.Problem;
import dev.lineagegate.service.http.ProblemException;
import java.time.Duration;
import java.util.List;

/** The problems the gate's service decides; the HTTP layer only writes them. */
public final class GateErrors {

  private GateErrors() {}

  public static ProblemException invalid(final List<FieldError> errors) {
    return new ProblemException(Problem.invalid(errors.size() + " invalid field(s)", errors));
  }

  public static ProblemException invalid(final String pointer, final String message) {
    return invalid(List.of(new FieldError(pointer, message)));
  }

  /** A 400 of its own type (the problem lists the known targets) naming the field, as all do. */
  public static ProblemException unknownTarget(final String target, final Iterable<String> known) {
    final String detail =
        "the policy has no target \"" + target + "\"; known targets: " + String.join(", ", known);
    return new ProblemException(
        new Problem(
            400,
            Problem.TYPES + "unknown-target",
            "Unknown target",
            detail,
            List.of(new FieldError("/target", detail)),
            null,
            null));
  }

  public static ProblemException conflict(final String detail) {
    return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
  }

  /**
   * A promotion of an artifact the gate has no verdict for (yet): 409, because the same request
   * will succeed once the verdict is there, and nothing was recorded that would stand in its way.
   */
  public static ProblemException unknownArtifact(
      final String digest, final Duration waited, final Duration retryAfter) {
    return new ProblemException(
        new Problem(
            409,
            Problem.TYPES + "unknown-artifact",
            "Unknown artifact",
            "no verdict for "
                + digest
                + " after "
                + Durations.show(waited)
                + ": lineage-stream has not evaluated it (yet); nothing was recorded, retry with"
                + " the same requestId",
            List.of(),
            retryAfter,
            null));
  }

  public static ProblemException tooManyWaivers(final String digest, final int held) {
    return new ProblemException(
        Problem.of(
            409,
            "too-many-waivers",
            "Too many waivers",
            digest
                + " already holds "
                + held
                + " waivers, the most an artifact keeps; one frees its place when it expires"));
  }

  public static ProblemException unauthorized(final String detail) {
    return new ProblemException(Problem.unauthorized(detail));
  }

  public static ProblemException forbidden(final String detail) {
    return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
  }

  public static ProblemException unavailable(final String detail, final Duration retryAfter) {
    return new ProblemException(
        Problem.unavailable("not-ready", "Gate not ready", detail, retryAfter));
  }
}
