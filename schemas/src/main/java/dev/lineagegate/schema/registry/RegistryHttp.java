package dev.lineagegate.schema.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to the Confluent REST API, with bounded retries: a connection failure or a 5xx
 * answer is retried with exponential backoff, a 4xx answer is final and returned to the caller.
 */
final class RegistryHttp {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);

  private final RegistryConfig config;
  private final HttpClient http;
  private final ObjectMapper json;

  RegistryHttp(final RegistryConfig config, final ObjectMapper json) {
    this.config = config;
    this.json = json;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.requestTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** An answer with a status below 500; its body parsed as JSON (an empty object if none). */
  record Answer(int status, JsonNode body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    int errorCode() {
      return body.path("error_code").asInt(-1);
    }

    String message() {
      final String message = body.path("message").asText("");
      return message.isEmpty() ? "HTTP " + status : message;
    }
  }

  Answer get(final String path) {
    return send("GET", path, null);
  }

  Answer post(final String path, final ObjectNode body) {
    return send("POST", path, body);
  }

  Answer put(final String path, final ObjectNode body) {
    return send("PUT", path, body);
  }

  ObjectNode object() {
    return json.createObjectNode();
  }

  private Answer send(final String method, final String path, final ObjectNode body) {
    final URI uri = URI.create(config.url() + path);
    final HttpRequest request = request(method, uri, body);
    Duration backoff = config.initialBackoff();
    Exception last = null;
    for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
      try {
        // sendAsync + get bounds the whole exchange: on JDK 17 the request timeout stops at the
        // response headers, so a registry stalling in its body would otherwise hang the caller.
        final java.util.concurrent.CompletableFuture<HttpResponse<String>> exchange =
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        final HttpResponse<String> response;
        try {
          response = exchange.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          exchange.cancel(true);
          throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
          exchange.cancel(true);
          throw new IOException("no complete answer within " + config.requestTimeout(), e);
        }
        if (response.statusCode() < 500) {
          return new Answer(response.statusCode(), parse(response.body()));
        }
        last = new IOException("HTTP " + response.statusCode() + ": " + response.body());
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException("interrupted calling " + method + " " + uri, e);
      }
      if (attempt < config.maxAttempts()) {
        LOG.warn(
            "schema registry {} {} failed (attempt {}/{}), retrying in {} ms: {}",
            method,
            uri,
            attempt,
            config.maxAttempts(),
            backoff.toMillis(),
            last.toString());
        sleep(backoff, method, uri);
        backoff = min(backoff.multipliedBy(2), config.maxBackoff());
      }
    }
    throw new RegistryUnavailableException(
        "schema registry unreachable at "
            + config.url()
            + ": "
            + method
            + " "
            + path
            + " failed "
            + config.maxAttempts()
            + " times, last: "
            + last,
        last);
  }

  private HttpRequest request(final String method, final URI uri, final ObjectNode body) {
    final HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Accept", CONTENT_TYPE + ", application/json");
    if (body == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return builder
        .header("Content-Type", CONTENT_TYPE)
        .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
  }

  private JsonNode parse(final String body) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      // Proxies and some errors answer text/html; keep the text for the error message.
      return json.createObjectNode().put("message", body.strip());
    }
  }

  private static void sleep(final Duration backoff, final String method, final URI uri) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("interrupted retrying " + method + " " + uri, e);
    }
  }

  private static Duration min(final Duration a, final Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
