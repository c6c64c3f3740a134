package dev.lineagegate.service.http;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a failure becomes a status code and an RFC 9457 problem body: each service has one, which
 * says what its own exceptions mean ({@link #known}) and, if it has one, the 413 of its body limit
 * ({@link #tooLarge}). The rest is the same on every service: a problem a resource decided ({@link
 * ProblemException}), Javalin's own refusals (no route, its body limit ...) as the Jetty-level
 * handler words them ({@link Refusal}), and a logged 500 for anything else.
 */
public abstract class ProblemMapper {

  private final Logger log = LoggerFactory.getLogger(getClass());

  /** The problem for one of this service's own failures, or null when {@code e} is not one. */
  protected abstract Problem known(Exception e, String path);

  /** The 413 of this service's own body limit, or null to word it as every other refusal. */
  protected Problem tooLarge() {
    return null;
  }

  /** The 413 of a body limit of {@code maxBodyBytes}, as each service with one words it. */
  protected static Problem bodyOver(final long maxBodyBytes) {
    return Problem.of(
        413,
        "too-large",
        "Payload too large",
        "the body is larger than " + maxBodyBytes + " bytes");
  }

  public final Problem toProblem(final Exception e, final String path) {
    if (e instanceof ProblemException decided) {
      return decided.problem();
    }
    final Problem known = known(e, path);
    if (known != null) {
      return known;
    }
    if (e instanceof NotFoundResponse) {
      return Problem.of(404, "not-found", "Not found", "no route " + path);
    }
    if (e instanceof HttpResponseException http) {
      final Problem tooLarge = http.getStatus() == 413 ? tooLarge() : null;
      return tooLarge != null
          ? tooLarge
          : Refusal.of(http.getStatus(), http.getMessage()).problem();
    }
    log.error("unexpected failure on {}", path, e);
    return Problem.of(500, "internal", "Internal error", "an unexpected error was logged");
  }

  /** Answers every failure of {@code app} with its problem. */
  public final void install(final Javalin app) {
    app.exception(Exception.class, (e, ctx) -> toProblem(e, ctx.path()).write(ctx));
    // Javalin keeps its own plain-text handler for HttpResponseException (no route, a body over
    // its limit ...), and the most specific class wins: Exception.class alone never sees them.
    app.exception(HttpResponseException.class, (e, ctx) -> toProblem(e, ctx.path()).write(ctx));
  }
}
