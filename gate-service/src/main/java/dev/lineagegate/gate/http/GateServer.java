package dev.lineagegate.gate.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lineagegate.attest.SigningKey;
import dev.lineagegate.gate.service.GateService;
import dev.lineagegate.gate.service.GateStores;
import dev.lineagegate.gate.service.Tokens;
import dev.lineagegate.service.Problem;
import dev.lineagegate.service.ProblemException;
import dev.lineagegate.service.RequestMetrics;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
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
              javalin.requestLogger.http((ctx, ms) -> RequestMetrics.record(meters, ctx, ms));
            });
    new GateResource(service, stores, new Forwarder(retryAfter), tokens, key).routes(app);
    app.get(
        "/healthz",
        ctx -> {
          final String state = stores.state(); // once: the status code and the body must agree
          final boolean up = "RUNNING".equals(state);
          ctx.status(up ? 200 : 503)
              .contentType(GateResource.JSON)
              .result(
                  JsonNodeFactory.instance
                      .objectNode()
                      .put("status", up ? "UP" : "DOWN")
                      .put("state", state)
                      .toString());
        });
    app.get(
        "/metrics",
        ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape()));
    app.exception(Exception.class, (e, ctx) -> toProblem(e, ctx.path()).write(ctx));
    app.error(
        404,
        ctx -> {
          if (!Problem.CONTENT_TYPE.equals(ctx.res().getContentType())) {
            Problem.of(404, "not-found", "Not found", "no route " + ctx.path()).write(ctx);
          }
        });
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
    if (e instanceof HttpResponseException http) {
      return Problem.of(
          http.getStatus(), "http-" + http.getStatus(), http.getMessage(), http.getMessage());
    }
    LOG.error("unexpected failure on {}", path, e);
    return Problem.of(500, "internal", "Internal error", "an unexpected error was logged");
  }

  @Override
  public void close() {
    app.stop();
  }
}
