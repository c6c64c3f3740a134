package dev.lineagegate.stack.fuzz;

import dev.lineagegate.stack.fuzz.FuzzCase.Request;
import dev.lineagegate.stack.fuzz.FuzzCase.Service;
import dev.lineagegate.testkit.RawHttp;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a case and times its answer. Most go through the JDK's HttpClient (keep-alive: 100,000
 * cases do not exhaust the loopback's ephemeral ports); what it refuses to send (a NUL in the path,
 * a second Host, a Content-Length of our own) goes over a plain socket ({@link RawHttp}). Either
 * way a request has {@link #TIMEOUT} to be answered: past it, it is a hang.
 */
final class Sender {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** How a failure to answer in time starts. */
  static final String HANG = "no answer within";

  /** An answer, or why there was none ({@code failure}); {@code nanos} from send to last byte. */
  record Answer(int status, String contentType, String body, long nanos, String failure) {}

  private final Map<Service, URI> bases;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  Sender(final Map<Service, URI> bases) {
    this.bases = Map.copyOf(bases);
  }

  Answer send(final Service service, final Request request) {
    final URI base = bases.get(service);
    final long start = System.nanoTime();
    try {
      final HttpRequest built = request.raw() ? null : build(base, request);
      if (built == null) {
        return raw(base, request, start);
      }
      final HttpResponse<byte[]> response =
          client.send(built, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          new String(response.body(), StandardCharsets.UTF_8),
          System.nanoTime() - start,
          null);
    } catch (HttpTimeoutException e) {
      return failed(start, HANG + " " + TIMEOUT.toSeconds() + " s");
    } catch (IOException e) {
      return failed(start, "no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(start, "interrupted");
    }
  }

  /** The request for HttpClient, or null when it cannot carry it as it is. */
  private static HttpRequest build(final URI base, final Request request) {
    try {
      final HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create(base + request.target()))
              .timeout(TIMEOUT)
              .method(
                  request.method(),
                  request.body().length == 0 && !"POST".equals(request.method())
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(request.body()));
      request.headers().forEach(builder::header);
      return builder.build();
    } catch (IllegalArgumentException e) {
      return null; // a target java.net.URI refuses, or a header HttpClient restricts
    }
  }

  private static Answer raw(final URI base, final Request request, final long start)
      throws IOException {
    final StringBuilder head =
        new StringBuilder(request.method())
            .append(' ')
            .append(request.target())
            .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
            .append(base.getPort());
    request
        .headers()
        .forEach((name, value) -> head.append("\r\n").append(name).append(": ").append(value));
    request.lines().forEach(line -> head.append("\r\n").append(line));
    final String lower = head.toString().toLowerCase(Locale.ROOT);
    if (!lower.contains("\r\ncontent-length:") && !lower.contains("\r\ntransfer-encoding:")) {
      head.append("\r\nContent-Length: ").append(request.body().length);
    }
    head.append("\r\nConnection: close");
    try {
      final RawHttp.Answer answer = RawHttp.send(base.getPort(), head.toString(), request.body());
      final String type = answer.header("Content-Type");
      return new Answer(
          answer.status(),
          type == null ? "" : type,
          answer.body(),
          System.nanoTime() - start,
          null);
    } catch (SocketTimeoutException e) {
      return failed(start, HANG + " " + TIMEOUT.toSeconds() + " s");
    }
  }

  private static Answer failed(final long start, final String why) {
    return new Answer(0, "", "", System.nanoTime() - start, why);
  }
}
