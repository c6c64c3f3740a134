package dev.lineagegate.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.ingest.ImportService;
import dev.lineagegate.ingest.IngestConfig;
import dev.lineagegate.ingest.IngestService;
import dev.lineagegate.ingest.KafkaHealth;
import dev.lineagegate.service.http.HttpEdge;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The HTTP face of ingest (DESIGN.md §6.1): a resource per route, health and metrics; failures
 * become problem bodies in {@link IngestProblems}, and every request is timed by route and status
 * ({@link HttpEdge}).
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
    final IngestProblems problems = new IngestProblems(config.retryAfter(), config.maxBodyBytes());
    final JsonBodies bodies = new JsonBodies(mapper, problems, config.maxBodyBytes());
    this.app =
        Javalin.create(
            javalin -> {
              HttpEdge.configure(javalin, meters);
              // Our own limit is checked while reading; this one only stops Jetty buffering more.
              javalin.http.maxRequestSize =
                  Math.max(config.maxBodyBytes(), config.maxImageBytes()) + 1L;
              // Answers are a few hundred bytes to a few KB of receipts, sent on 127.0.0.1 or a
              // LAN: compressing them costs CPU on the request threads for nothing.
              javalin.http.disableCompression();
            });
    new EventsResource(service, bodies).routes(app);
    openLineage.routes(app, bodies);
    new ImportResource(imports, mapper, config.maxImageBytes()).routes(app);
    app.get("/healthz", ctx -> HttpEdge.health(ctx, health.up(), null, null));
    HttpEdge.metrics(app, meters);
    problems.install(app);
    app.start(config.host(), config.port());
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
