package dev.lineagegate.lineagestream.http;

import dev.lineagegate.lineagestream.query.BadRequest;
import dev.lineagegate.lineagestream.query.NotFound;
import dev.lineagegate.lineagestream.query.Unavailable;
import dev.lineagegate.service.http.Problem;
import dev.lineagegate.service.http.ProblemMapper;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure of lineage-stream's queries becomes a status code and a problem
 * body: a 400 lists the wrong parameters in {@code errors} by pointer ({@code /digest}, {@code
 * /depth} ...), and a 503 has a Retry-After while the state moves between instances or restores.
 */
final class LineageProblems extends ProblemMapper {

  private static final Logger LOG = LoggerFactory.getLogger(LineageProblems.class);

  private final Duration retryAfter;

  LineageProblems(final Duration retryAfter) {
    this.retryAfter = retryAfter;
  }

  @Override
  protected Problem known(final Exception e, final String path) {
    if (e instanceof BadRequest bad) {
      return Problem.invalid(bad.getMessage(), bad.errors());
    }
    if (e instanceof NotFound notFound) {
      return Problem.of(404, "not-found", "Not found", notFound.getMessage());
    }
    if (e instanceof Unavailable unavailable) {
      LOG.info("answering 503 on {}: {}", path, unavailable.getMessage());
      return Problem.unavailable(
          "not-ready",
          "State not queryable",
          unavailable.getMessage() + "; the state is moving between instances or restoring, retry",
          retryAfter);
    }
    return null;
  }
}
