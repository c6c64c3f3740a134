package dev.lineagegate.gate.http;

import dev.lineagegate.attest.SigningKey;
import dev.lineagegate.gate.service.GateService;
import dev.lineagegate.gate.service.GateStores;
import dev.lineagegate.gate.service.Tokens;
import dev.lineagegate.service.guard.StreamsHealth;
import dev.lineagegate.service.http.HttpEdge;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The HTTP face of the gate (DESIGN.md §6.4): the resource, health and metrics; failures become
 * problem bodies in {@link GateProblems}.
 */
public final class GateServer implements AutoCloseable {

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
              HttpEdge.configure(javalin, meters);
              javalin.http.maxRequestSize = MAX_BODY_BYTES;
            });
    new GateResource(service, stores, new Forwarder(retryAfter), tokens, key).routes(app);
    app.get(
        "/healthz",
        ctx -> {
          final StreamsHealth.Report report = stores.report(); // once: code and body agree
          HttpEdge.health(ctx, report.up(), report.state(), report.reason());
        });
    HttpEdge.metrics(app, meters);
    new GateProblems(MAX_BODY_BYTES).install(app);
    app.start(host, port);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
