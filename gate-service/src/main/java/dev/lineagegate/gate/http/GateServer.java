package dev.lineagegate.gate.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.attest.SigningKey;
import dev.lineagegate.gate.service.GateService;
import dev.lineagegate.gate.service.GateStores;
import dev.lineagegate.gate.service.Tokens;
import dev.lineagegate.service.guard.StreamsHealth;
import dev.lineagegate.service.http.Problem;
import dev.lineagegate.service.http.ProblemErrorHandler;
import dev.lineagegate.service.http.ProblemException;
import dev.lineagegate.service.http.Refusal;
import dev.lineagegate.service.http.RequestMetrics;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the gate (DESIGN.md §6.4): the resource, health and metrics. This is the one
 * place where a failure becomes a status code and an RFC 9457 problem body.
 */
public final class GateServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GateServer.class);

  /**
   * Javalin's default body limit, named so that the 413 can say it: requests are a few hundred
   * bytes.
   */
  static final long MAX_BODY_BYTES = 1_000_000L;

  private final Javalin app;

  public GateServer(
      final String host,
      final int port,
      final Duration retryAfter,
      final GateService service,
      final GateStores stores,
      final Tokens tokens,
      final SigningKey key,
      final PrometheusMeterRegistry meters) {
    this.app =
        Javalin.create(
            javalin -> {
              javalin.showJavalinBanner = false;
              javalin.http.maxRequestSize = MAX_BODY_BYTES;
              javalin.requestLogger.http((ctx, ms) -> RequestMetrics.record(meters, ctx, ms));
              ProblemErrorHandler.install(javalin);
            });
    new GateResource(service, stores, new Forwarder(retryAfter), tokens, key).routes(app);
    app.get(
        "/healthz",
        ctx -> {
          // Once: the status code and the body must agree.
          final StreamsHealth.Report report = stores.report();
          final ObjectNode body =
              JsonNodeFactory.instance
                  .objectNode()
                  .put("status", report.up() ? "UP" : "DOWN")
                  .put("state", report.state());
          if (report.reason() != null) {
            body.put("reason", report.reason());
          }
          ctx.status(report.up() ? 200 : 503)
              .contentType(GateResource.JSON)
              .result(body.toString());
        });
    app.get(
        "/metrics",
        ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape()));
    app.exception(Exception.class, (e, ctx) -> toProblem(e, ctx.path()).write(ctx));
    // Javalin keeps its own plain-text handler for HttpResponseException (no route, the 413 of
    // its body limit), and the most specific class wins: Exception.class never sees them.
    app.exception(HttpResponseException.class, (e, ctx) -> toProblem(e, ctx.path()).write(ctx));
    app.start(host, port);
  }

  public int port() {
    return app.port();
  }

  static Problem toProblem(final Exception e, final String path) {
    if (e instanceof ProblemException problem) {
      if (problem.problem().status() >= 500) {
        LOG.info("answering {} on {}: {}", problem.problem().status(), path, problem.getMessage());
      }
      return problem.problem();
    }
    if (e instanceof NotFoundResponse) {
      return Problem.of(404, "not-found", "Not found", "no route " + path);
    }
    if (e instanceof HttpResponseException http && http.getStatus() == 413) {
      return Problem.of(
          413,
          "too-large",
          "Payload too large",
          "the body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    if (e instanceof HttpResponseException http) {
      final Refusal refusal = Refusal.of(http.getStatus(), http.getMessage());
      return Problem.of(refusal.status(), refusal.slug(), refusal.title(), refusal.detail());
    }
    LOG.error("unexpected failure on {}", path, e);
    return Problem.of(500, "internal", "Internal error", "an unexpected error was logged");
  }

  @Override
  public void close() {
    app.stop();
  }
}
