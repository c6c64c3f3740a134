package dev.lineagegate.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.config.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate's HTTP API as the CLI uses it (DESIGN.md §6.4): one bounded exchange per call. The whole
 * call, retries included, ends within {@code timeout}, so that a CI step never hangs on the gate. A
 * 503 (not ready yet) is retried after its Retry-After while that still fits in the time left.
 */
final class GateHttp {

  /** A successful answer: its status (201 new, 200 replay) and body, as text and as JSON. */
  record Answer(int status, String body, JsonNode json) {}

  static final int MAX_ATTEMPTS = 4;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  GateHttp(final URI base, final Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT : timeout)
            .build();
  }

  /** {@code GET /v1/gate/{digest}?target=T}. */
  Answer decision(final String digest, final String target) throws GateException {
    return exchange(
        "GET /v1/gate",
        "/v1/gate/" + digest + "?target=" + URLEncoder.encode(target, StandardCharsets.UTF_8),
        null);
  }

  /** {@code POST /v1/promotions} with {@code body}, the promotion request as JSON. */
  Answer promote(final String body) throws GateException {
    return exchange("POST /v1/promotions", "/v1/promotions", body);
  }

  /** {@code GET /v1/keys}. */
  Answer keys() throws GateException {
    return exchange("GET /v1/keys", "/v1/keys", null);
  }

  URI base() {
    return base;
  }

  private Answer exchange(final String what, final String path, final String body)
      throws GateException {
    final Instant deadline = Instant.now().plus(timeout);
    final URI uri = URI.create(base.toString().replaceAll("/+$", "") + path);
    for (int attempt = 1; ; attempt++) {
      final HttpResponse<String> response = send(what, uri, body, deadline);
      final int status = response.statusCode();
      if (status == 200 || status == 201) {
        return new Answer(status, response.body(), json(what, response));
      }
      final Duration wait = retryAfter(response);
      if (status != 503 || attempt == MAX_ATTEMPTS || Instant.now().plus(wait).isAfter(deadline)) {
        throw problem(what, response);
      }
      sleep(wait);
    }
  }

  private HttpResponse<String> send(
      final String what, final URI uri, final String body, final Instant deadline)
      throws GateException {
    final Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new GateException(
          what + ": no answer from the gate at " + base + " within " + Durations.show(timeout));
    }
    final HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(left).header("Accept", "application/json");
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new GateException(
          what + ": no answer from the gate at " + base + " within " + Durations.show(timeout), e);
    } catch (IOException e) {
      throw new GateException(what + ": gate unreachable at " + base + ": " + e, e);
    } catch (IllegalArgumentException e) {
      throw new GateException(what + ": not a gate URL: " + base + " (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GateException(what + ": interrupted", e);
    }
  }

  private static JsonNode json(final String what, final HttpResponse<String> response)
      throws GateException {
    try {
      final JsonNode json = MAPPER.readTree(response.body());
      if (json == null || !json.isObject()) {
        throw new GateException(what + ": the gate's answer is not a JSON object");
      }
      return json;
    } catch (IOException e) {
      throw new GateException(what + ": the gate's answer is not JSON: " + e.getMessage(), e);
    }
  }

  /** An RFC 9457 problem as one line (title, status, detail) and its field errors. */
  private static GateException problem(final String what, final HttpResponse<String> response) {
    final int status = response.statusCode();
    final JsonNode problem;
    try {
      problem = MAPPER.readTree(response.body());
    } catch (IOException e) {
      return new GateException(what + ": HTTP " + status + " from the gate, not a problem answer");
    }
    if (problem == null || !problem.isObject()) {
      return new GateException(what + ": HTTP " + status + " from the gate, not a problem answer");
    }
    final String title = problem.path("title").asText("HTTP " + status);
    final String detail = problem.path("detail").asText("");
    final List<String> errors = new ArrayList<>();
    for (final JsonNode error : problem.path("errors")) {
      // The gate names an error's sentence "detail", as RFC 9457 does; "message" is kept for
      // gates that answered before.
      errors.add(
          error.path("pointer").asText()
              + ": "
              + error.path("detail").asText(error.path("message").asText()));
    }
    return new GateException(
        what + ": " + title + " (HTTP " + status + ")" + (detail.isEmpty() ? "" : ": " + detail),
        errors,
        new GateException.ProblemType(problem.path("type").asText(""), retryAfter(response)),
        null);
  }

  /** Retry-After in seconds (an HTTP-date, or none, counts as one second). */
  private static Duration retryAfter(final HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .filter(value -> value.trim().matches("\\d{1,6}"))
        .map(value -> Duration.ofSeconds(Long.parseLong(value.trim())))
        .orElse(DEFAULT_RETRY_AFTER);
  }

  private static void sleep(final Duration wait) throws GateException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GateException("interrupted while waiting for the gate", e);
    }
  }
}
