package dev.lineagegate.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.ingest.ImportService;
import dev.lineagegate.ingest.IngestConfig;
import dev.lineagegate.ingest.IngestService;
import dev.lineagegate.ingest.KafkaHealth;
import dev.lineagegate.service.http.ProblemErrorHandler;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP face of ingest (DESIGN.md §6.1): routes to resources, failures to problem bodies through
 * one mapper, and every request timed by route and status.
 */
public final class IngestServer implements AutoCloseable {

  private final Javalin app;

  public IngestServer(
      final IngestConfig config,
      final IngestService service,
      final OpenLineageResource openLineage,
      final ImportService imports,
      final KafkaHealth health,
      final PrometheusMeterRegistry meters) {
    final ObjectMapper mapper = new ObjectMapper();
    final ProblemMapper problems = new ProblemMapper(config.retryAfter(), config.maxBodyBytes());
    final JsonBodies bodies = new JsonBodies(mapper, problems, config.maxBodyBytes());
    this.app =
        Javalin.create(
            javalin -> {
              javalin.showJavalinBanner = false;
              // Our own limit is checked while reading; this one only stops Jetty buffering more.
              javalin.http.maxRequestSize =
                  Math.max(config.maxBodyBytes(), config.maxImageBytes()) + 1L;
              // Answers are a few hundred bytes to a few KB of receipts, sent on 127.0.0.1 or a
              // LAN: compressing them costs CPU on the request threads for nothing.
              javalin.http.disableCompression();
              javalin.requestLogger.http((ctx, ms) -> time(meters, ctx, ms));
              ProblemErrorHandler.install(javalin);
            });
    app.post(
        "/v1/events",
        ctx -> bodies.accepted(ctx, 202, service.ingest(bodies.bytes(ctx), bodies::tree)));
    app.post("/api/v1/lineage", ctx -> openLineage.handle(ctx, bodies));
    final ImportResource images = new ImportResource(imports, mapper, config.maxImageBytes());
    app.post("/v1/imports", images::handle);
    app.get(
        "/healthz",
        ctx -> {
          final boolean up = health.up(); // once: the status code and the body must agree
          bodies.write(
              ctx,
              up ? 200 : 503,
              JsonBodies.JSON,
              mapper.createObjectNode().put("status", up ? "UP" : "DOWN"));
        });
    app.get(
        "/metrics",
        ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape()));
    app.exception(
        Exception.class, (e, ctx) -> bodies.problem(ctx, problems.toProblem(e, ctx.path())));
    // Javalin keeps its own plain-text handler for HttpResponseException (no route, a body over
    // its limit ...), and the most specific class wins: Exception.class alone never sees them.
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> bodies.problem(ctx, problems.toProblem(e, ctx.path())));
    app.start(config.host(), config.port());
  }

  public int port() {
    return app.port();
  }

  private static void time(
      final PrometheusMeterRegistry meters, final Context ctx, final float ms) {
    Timer.builder("http.server.requests")
        .description("HTTP requests by route and status")
        .tag("method", ctx.method().name())
        .tag("route", route(ctx))
        .tag("status", Integer.toString(ctx.statusCode()))
        .publishPercentileHistogram()
        .register(meters)
        .record((long) (ms * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  private static String route(final Context ctx) {
    try {
      final String path = ctx.endpointHandlerPath();
      return path == null || path.isEmpty() ? "unmatched" : path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
