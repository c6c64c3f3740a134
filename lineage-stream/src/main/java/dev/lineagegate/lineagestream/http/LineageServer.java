package dev.lineagegate.lineagestream.http;

import dev.lineagegate.lineagestream.query.LocalStores;
import dev.lineagegate.lineagestream.query.QueryService;
import dev.lineagegate.lineagestream.query.RoutedStores;
import dev.lineagegate.lineagestream.query.StreamsRef;
import dev.lineagegate.lineagestream.web.WebResource;
import dev.lineagegate.service.guard.StreamsHealth;
import dev.lineagegate.service.http.HttpEdge;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.UriCompliance;

/**
 * The HTTP face of lineage-stream (DESIGN.md §6.3): public queries, the internal endpoints other
 * instances route to, health and metrics; failures become problem bodies in {@link
 * LineageProblems}.
 */
public final class LineageServer implements AutoCloseable {

  private static final Pattern CUT_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  private final Javalin app;

  public LineageServer(
      final String host,
      final int port,
      final Duration retryAfter,
      final QueryService service,
      final LocalStores local,
      final RoutedStores routed,
      final StreamsRef streams,
      final PrometheusMeterRegistry meters) {
    this(host, port, retryAfter, service, local, routed, streams, meters, null, null);
  }

  /**
   * With {@code GET /v1/alerts} and the web view (docs/WEB.md) when {@code alerts} and {@code web}
   * are given (either may be null).
   */
  public LineageServer(
      final String host,
      final int port,
      final Duration retryAfter,
      final QueryService service,
      final LocalStores local,
      final RoutedStores routed,
      final StreamsRef streams,
      final PrometheusMeterRegistry meters,
      final AlertsResource alerts,
      final WebResource web) {
    final LineageProblems problems = new LineageProblems(retryAfter);
    this.app =
        Javalin.create(
            javalin -> {
              HttpEdge.configure(javalin, meters);
              // Names are path segments and hold '/', sent as %2F: Jetty refuses that by default.
              javalin.jetty.modifyHttpConfiguration(
                  http -> http.setUriCompliance(UriCompliance.LEGACY));
              if (web != null) {
                WebResource.configure(javalin);
              }
            });
    // Jetty's lenient URI rules (above) let a path end in a cut escape ("/v1/lineage/a%4?x"), on
    // which Javalin's decoding of the path parameters throws: refused first, as Jetty refuses it
    // elsewhere in the path.
    app.before(
        ctx -> {
          if (CUT_ESCAPE.matcher(ctx.req().getRequestURI()).find()) {
            throw new BadRequestResponse(
                "a % in the path is not followed by two hexadecimal digits");
          }
        });
    new QueryResource(service).routes(app);
    new InternalResource(local, routed).routes(app);
    if (alerts != null) {
      alerts.routes(app);
    }
    if (web != null) {
      web.routes(app);
    }
    app.get(
        "/healthz",
        ctx -> {
          final StreamsHealth.Report report = streams.report(); // once: code and body agree
          HttpEdge.health(ctx, report.up(), report.state(), report.reason());
        });
    HttpEdge.metrics(app, meters);
    problems.install(app);
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
