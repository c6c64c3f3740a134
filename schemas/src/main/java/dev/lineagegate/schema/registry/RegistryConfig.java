package dev.lineagegate.schema.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach a schema registry speaking the Confluent REST API, and how hard to try.
 *
 * @param url base URL of the Confluent API, e.g. {@code http://127.0.0.1:8085/apis/ccompat/v7}
 * @param requestTimeout time limit of one HTTP request
 * @param maxAttempts attempts per operation when the registry is unreachable or answers 5xx
 * @param initialBackoff wait after the first failed attempt; doubles each time
 * @param maxBackoff cap of the wait between attempts
 * @param autoRegister whether serializers register a schema they do not find (else they fail)
 */
public record RegistryConfig(
    URI url,
    Duration requestTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    boolean autoRegister) {

  public static final String URL = "schema.registry.url";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String MAX_ATTEMPTS = "schema.registry.retry.max.attempts";
  public static final String BACKOFF_MS = "schema.registry.retry.backoff.ms";
  public static final String BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";
  public static final String AUTO_REGISTER = "auto.register.schemas";

  public RegistryConfig {
    Objects.requireNonNull(url, URL);
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException(URL + " must be an http(s) URL, got " + url);
    }
    requirePositive(requestTimeout, REQUEST_TIMEOUT_MS);
    requirePositive(initialBackoff, BACKOFF_MS);
    requirePositive(maxBackoff, BACKOFF_MAX_MS);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(MAX_ATTEMPTS + " must be at least 1, got " + maxAttempts);
    }
    final String text = url.toString();
    if (text.endsWith("/")) {
      url = URI.create(text.substring(0, text.length() - 1));
    }
  }

  /** Defaults for everything but the URL: 5 s per request, 5 attempts, 100 ms doubling to 2 s. */
  public static RegistryConfig of(final URI url) {
    return new RegistryConfig(
        url, Duration.ofSeconds(5), 5, Duration.ofMillis(100), Duration.ofSeconds(2), true);
  }

  /**
   * Reads the keys of this class from {@code props} (Kafka-style client properties); only {@link
   * #URL} is required.
   */
  public static RegistryConfig from(final Map<String, ?> props) {
    final Object url = props.get(URL);
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException("missing " + URL);
    }
    final RegistryConfig defaults = of(URI.create(url.toString().trim()));
    return new RegistryConfig(
        defaults.url(),
        Duration.ofMillis(longOf(props, REQUEST_TIMEOUT_MS, defaults.requestTimeout().toMillis())),
        (int) longOf(props, MAX_ATTEMPTS, defaults.maxAttempts()),
        Duration.ofMillis(longOf(props, BACKOFF_MS, defaults.initialBackoff().toMillis())),
        Duration.ofMillis(longOf(props, BACKOFF_MAX_MS, defaults.maxBackoff().toMillis())),
        !"false".equalsIgnoreCase(String.valueOf(props.get(AUTO_REGISTER)).trim()));
  }

  public RegistryConfig withAutoRegister(final boolean enabled) {
    return new RegistryConfig(
        url, requestTimeout, maxAttempts, initialBackoff, maxBackoff, enabled);
  }

  public RegistryConfig withRetries(final int attempts, final Duration backoff) {
    return new RegistryConfig(url, requestTimeout, attempts, backoff, maxBackoff, autoRegister);
  }

  private static long longOf(final Map<String, ?> props, final String key, final long fallback) {
    final Object value = props.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got \"" + value + "\"", e);
    }
  }

  private static void requirePositive(final Duration value, final String key) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, got " + value);
    }
  }
}
