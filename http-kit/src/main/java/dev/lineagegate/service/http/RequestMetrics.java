package dev.lineagegate.service.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * {@code http.server.requests} by method, route (the template, never the raw path: digests would
 * make one series per artifact) and status; install with {@code config.requestLogger.http}.
 */
public final class RequestMetrics {

  private RequestMetrics() {}

  public static void record(final MeterRegistry meters, final Context ctx, final float ms) {
    Timer.builder("http.server.requests")
        .description("HTTP requests by route and status")
        .publishPercentileHistogram()
        .tag("method", ctx.method().name())
        .tag("route", route(ctx))
        .tag("status", Integer.toString(ctx.statusCode()))
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
}
