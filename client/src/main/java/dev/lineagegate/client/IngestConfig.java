package dev.lineagegate.client;

import java.net.URI;
import java.time.Duration;

/** How {@link IngestClient} reaches ingest and how hard it tries; validated on construction. */
record IngestConfig(
    URI baseUrl,
    Duration requestTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff) {

  IngestConfig {
    if (baseUrl == null
        || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))
        || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "ingest URL must be an absolute http(s) URL such as http://127.0.0.1:8080, got "
              + baseUrl);
    }
    final String text = baseUrl.toString();
    if (text.endsWith("/")) {
      baseUrl = URI.create(text.substring(0, text.length() - 1));
    }
    positive(requestTimeout, "request timeout");
    positive(initialBackoff, "initial backoff");
    positive(maxBackoff, "max backoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
    }
  }

  URI resolve(final String path) {
    return URI.create(baseUrl + path);
  }

  private static void positive(final Duration value, final String what) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
  }
}
