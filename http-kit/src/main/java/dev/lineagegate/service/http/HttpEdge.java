package dev.lineagegate.service.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What every service's HTTP server has: no banner, every request timed ({@link RequestMetrics}),
 * Jetty's refusals as problems ({@link ProblemErrorHandler}), {@code GET /metrics} and the body of
 * {@code GET /healthz}. Failures go through the service's {@link ProblemMapper}.
 */
public final class HttpEdge {

  public static final String JSON = "application/json";
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private HttpEdge() {}

  /** The server-wide part: call from {@code Javalin.create}. */
  public static void configure(final JavalinConfig javalin, final MeterRegistry meters) {
    javalin.showJavalinBanner = false;
    javalin.requestLogger.http((ctx, ms) -> RequestMetrics.record(meters, ctx, ms));
    ProblemErrorHandler.install(javalin);
  }

  /** {@code GET /metrics}: the Prometheus text of {@code meters}. */
  public static void metrics(final Javalin app, final PrometheusMeterRegistry meters) {
    app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(meters.scrape()));
  }

  /**
   * The health answer: 200 {@code {"status":"UP"}} or 503 {@code DOWN}, with the {@code state} and
   * the {@code reason} when given (null leaves them out). Read {@code up} once: the status code and
   * the body must agree.
   */
  public static void health(
      final Context ctx, final boolean up, final String state, final String reason) {
    final ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", up ? "UP" : "DOWN");
    if (state != null) {
      body.put("state", state);
    }
    if (reason != null) {
      body.put("reason", reason);
    }
    ctx.status(up ? 200 : 503).contentType(JSON).result(body.toString());
  }
}
