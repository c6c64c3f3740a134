package dev.lineagegate.gate.http;

import dev.lineagegate.gate.service.GateRefusal;
import dev.lineagegate.service.http.Problem;
import dev.lineagegate.service.http.ProblemMapper;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure of the gate becomes a status code and an RFC 9457 problem body: the
 * refusals its service decides ({@link GateRefusal}), and the 413 and 415 of its request bodies.
 */
public final class GateProblems extends ProblemMapper {

  private static final Logger LOG = LoggerFactory.getLogger(GateProblems.class);

  private final long maxBodyBytes;

  GateProblems(final long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The problem that answers {@code refused}. */
  public static Problem problem(final GateRefusal refused) {
    final String detail = refused.detail();
    return switch (refused.kind()) {
      case INVALID -> Problem.invalid(detail, refused.errors());
      case UNKNOWN_TARGET ->
          Problem.invalid("unknown-target", "Unknown target", detail, refused.errors());
      // 409, not 404: the same request succeeds once the verdict is there.
      case UNKNOWN_ARTIFACT ->
          new Problem(
              409,
              Problem.TYPES + "unknown-artifact",
              "Unknown artifact",
              detail,
              List.of(),
              refused.retryAfter(),
              null);
      case CONFLICT -> Problem.of(409, "conflict", "Conflict", detail);
      case TOO_MANY_WAIVERS -> Problem.of(409, "too-many-waivers", "Too many waivers", detail);
      case UNAUTHORIZED -> Problem.unauthorized(detail);
      case FORBIDDEN -> Problem.of(403, "forbidden", "Forbidden", detail);
      case NOT_READY ->
          Problem.unavailable("not-ready", "Gate not ready", detail, refused.retryAfter());
    };
  }

  /** 415: a body that is not JSON. */
  static Problem unsupportedMediaType() {
    return Problem.of(
        415, "unsupported-media-type", "Unsupported media type", "send " + GateResource.JSON);
  }

  @Override
  protected Problem known(final Exception e, final String path) {
    if (e instanceof GateRefusal refused) {
      final Problem problem = problem(refused);
      if (problem.status() >= 500) {
        LOG.info("answering {} on {}: {}", problem.status(), path, refused.getMessage());
      }
      return problem;
    }
    return null;
  }

  @Override
  protected Problem tooLarge() {
    return bodyOver(maxBodyBytes);
  }
}
