package dev.lineagegate.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST to ingest with bounded retries. A connection failure, a timeout or a 5xx is retried with
 * exponential backoff (a 503's {@code Retry-After} replaces the backoff, both capped by the max
 * backoff); every attempt sends the very same bytes, so the same eventIds, which makes a retry of a
 * request that was in fact written harmless. A 4xx is final.
 */
final class IngestHttp {

  /** Waits between attempts; tests record the waits instead of sleeping. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(IngestHttp.class);

  private final IngestConfig config;
  private final Sleeper sleeper;
  private final Clock clock;
  private final IngestAnswers answers;
  private final HttpClient http;

  IngestHttp(
      final IngestConfig config,
      final Sleeper sleeper,
      final Clock clock,
      final IngestAnswers answers) {
    this.config = config;
    this.sleeper = sleeper;
    this.clock = clock;
    this.answers = answers;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.requestTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * POSTs {@code json} to {@code path} until ingest answers 2xx (its body is returned) or 4xx
   * ({@link EventRejectedException}), or the attempts run out ({@link IngestUnavailableException}).
   */
  String post(final String path, final String json) {
    return post(path, json.getBytes(StandardCharsets.UTF_8));
  }

  /** {@link #post(String, String)} of bytes already encoded, sent as they are (UTF-8 JSON). */
  String post(final String path, final byte[] json) {
    final URI uri = config.resolve(path);
    final HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, application/problem+json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build();
    Duration backoff = config.initialBackoff();
    for (int attempt = 1; ; attempt++) {
      final Attempt result = attempt(request, attempt);
      if (result.body() != null) {
        return result.body();
      }
      if (attempt >= config.maxAttempts()) {
        throw new IngestUnavailableException(
            "ingest unavailable at "
                + config.baseUrl()
                + ": POST "
                + path
                + " failed "
                + attempt
                + " time(s), last: "
                + result.failure(),
            attempt,
            result.failure());
      }
      final Duration wait = min(result.retryAfter().orElse(backoff), config.maxBackoff());
      LOG.warn(
          "POST {} failed (attempt {}/{}), retrying in {} ms: {}",
          uri,
          attempt,
          config.maxAttempts(),
          wait.toMillis(),
          result.failure().toString());
      sleep(wait, uri, attempt);
      backoff = min(backoff.multipliedBy(2), config.maxBackoff());
    }
  }

  /** What one attempt gave: the body of a 2xx, or why it failed and the wait the server asked. */
  private record Attempt(String body, Exception failure, Optional<Duration> retryAfter) {}

  private Attempt attempt(final HttpRequest request, final int attempt) {
    final HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Attempt(null, e, Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestUnavailableException("interrupted sending to " + request.uri(), attempt, e);
    }
    final int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Attempt(response.body(), null, Optional.empty());
    }
    if (status >= 400 && status < 500) {
      throw answers.rejected(status, response.body());
    }
    final String described = "HTTP " + status + ": " + answers.describe(status, response.body());
    if (status < 500) {
      throw new IngestException("unexpected answer from " + request.uri() + ": " + described);
    }
    return new Attempt(
        null,
        new IngestException(described),
        RetryAfter.parse(response.headers().firstValue("Retry-After"), clock.instant()));
  }

  /** One GET of {@code path}: true when it answers 200, false on anything else. */
  boolean ok(final String path) {
    final HttpRequest request =
        HttpRequest.newBuilder(config.resolve(path)).timeout(config.requestTimeout()).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void sleep(final Duration wait, final URI uri, final int attempts) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestUnavailableException("interrupted retrying " + uri, attempts, e);
    }
  }

  private static Duration min(final Duration a, final Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
