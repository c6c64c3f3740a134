package dev.lineagegate.gate.http;

import dev.lineagegate.gate.service.GateErrors;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request for a digest this instance does not own to the instance that does, and relays its
 * answer as is (status, content type, Retry-After, body). The owner never forwards again: a request
 * already forwarded and still not owned there is a 503 to retry, so two instances with different
 * views of a rebalance cannot bounce it between them.
 */
final class Forwarder {

  private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

  static final String FORWARDED = "X-Lineage-Gate-Forwarded";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final Duration retryAfter;

  Forwarder(final Duration retryAfter) {
    this.retryAfter = retryAfter;
  }

  void forward(final Context ctx, final HostInfo owner) {
    if (ctx.header(FORWARDED) != null) {
      throw GateErrors.unavailable(
          "this instance does not own the artifact now (rebalancing); retry", retryAfter);
    }
    final String query = ctx.queryString();
    final URI uri =
        URI.create(
            "http://"
                + owner.host()
                + ":"
                + owner.port()
                + ctx.req().getRequestURI()
                + (query == null ? "" : "?" + query));
    final HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header(FORWARDED, "1")
            .method(
                ctx.method().name(),
                "GET".equals(ctx.method().name())
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(ctx.bodyAsBytes()));
    copy(ctx, request, "Content-Type");
    copy(ctx, request, "Authorization");
    final HttpResponse<byte[]> answer;
    try {
      answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      // The owner's address and the exception are for the operator's log, not for clients.
      LOG.warn("forwarding {} {} to {} failed: {}", ctx.method(), ctx.path(), owner, e.toString());
      throw GateErrors.unavailable(
          "the instance that owns this artifact cannot be reached; retry", retryAfter);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GateErrors.unavailable("interrupted while forwarding; retry", retryAfter);
    }
    ctx.status(answer.statusCode());
    answer.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
    answer.headers().firstValue("Retry-After").ifPresent(v -> ctx.header("Retry-After", v));
    answer
        .headers()
        .firstValue("WWW-Authenticate")
        .ifPresent(v -> ctx.header("WWW-Authenticate", v));
    ctx.result(answer.body());
  }

  private static void copy(
      final Context ctx, final HttpRequest.Builder request, final String header) {
    final String value = ctx.header(header);
    if (value != null) {
      request.header(header, value);
    }
  }
}
