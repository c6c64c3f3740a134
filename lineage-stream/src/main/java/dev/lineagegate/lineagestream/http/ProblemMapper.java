package dev.lineagegate.lineagestream.http;

import dev.lineagegate.lineagestream.query.BadRequest;
import dev.lineagegate.lineagestream.query.NotFound;
import dev.lineagegate.lineagestream.query.Unavailable;
import dev.lineagegate.service.http.Refusal;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where a failure becomes a status code and a problem body. */
final class ProblemMapper {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

  private final Duration retryAfter;

  ProblemMapper(final Duration retryAfter) {
    this.retryAfter = retryAfter;
  }

  Problem toProblem(final Exception e, final String path) {
    if (e instanceof BadRequest bad) {
      return Problem.invalid(bad.getMessage(), bad.errors());
    }
    if (e instanceof NotFound notFound) {
      return Problem.of(404, "not-found", "Not found", notFound.getMessage());
    }
    if (e instanceof Unavailable unavailable) {
      LOG.info("answering 503 on {}: {}", path, unavailable.getMessage());
      return Problem.unavailable(
          unavailable.getMessage() + "; the state is moving between instances or restoring, retry",
          retryAfter);
    }
    if (e instanceof NotFoundResponse) {
      return Problem.of(404, "not-found", "Not found", "no route " + path);
    }
    if (e instanceof HttpResponseException http) {
      final Refusal refusal = Refusal.of(http.getStatus(), http.getMessage());
      return Problem.of(refusal.status(), refusal.slug(), refusal.title(), refusal.detail());
    }
    LOG.error("unexpected failure on {}", path, e);
    return Problem.of(500, "internal", "Internal error", "an unexpected error was logged");
  }

  static void write(final Context ctx, final Problem problem) {
    if (problem.retryAfter() != null) {
      ctx.header("Retry-After", Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
    }
    ctx.status(problem.status())
        .contentType(Problem.CONTENT_TYPE)
        .result(problem.json(ctx.path()).toString());
  }
}
