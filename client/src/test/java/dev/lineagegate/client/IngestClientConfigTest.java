package dev.lineagegate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lineagegate.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Where the client sends, and how it reads the waits a server asks for. */
class IngestClientConfigTest {

  private static final Map<String, String> DEFAULTS =
      Map.of(IngestClient.URL_SETTING, IngestClient.DEFAULT_URL);

  @Test
  void shouldUseTheEnvironmentWhenLineageGateIngestUrlIsSet() {
    // Given
    final Settings settings =
        Settings.merge(
            DEFAULTS,
            null,
            new Properties(),
            Map.of("LINEAGE_GATE_INGEST_URL", "http://ingest:9000"));
    // When / Then
    assertThat(IngestClient.defaultBaseUrl(settings)).isEqualTo(URI.create("http://ingest:9000"));
  }

  @Test
  void shouldUseTheLoopbackPortWhenNothingIsSet() {
    final Settings settings = Settings.merge(DEFAULTS, null, new Properties(), Map.of());
    assertThat(IngestClient.defaultBaseUrl(settings))
        .isEqualTo(URI.create("http://127.0.0.1:8080"));
  }

  @Test
  void shouldKeepThePathWithoutTrailingSlashWhenTheUrlHasOne() {
    final IngestClient client =
        IngestClient.builder().baseUrl(URI.create("https://gw.example/lineage/")).build();
    assertThat(client.baseUrl()).isEqualTo(URI.create("https://gw.example/lineage"));
  }

  @Test
  void shouldRefuseWhenASettingIsInvalid() {
    assertThatThrownBy(() -> IngestClient.builder().baseUrl(URI.create("ftp://x/")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ingest URL must be an absolute http(s) URL such as http://127.0.0.1:8080, got ftp://x/");
    assertThatThrownBy(() -> IngestClient.builder().maxAttempts(0).build())
        .hasMessage("max attempts must be at least 1, got 0");
    assertThatThrownBy(() -> IngestClient.builder().maxBackoff(Duration.ZERO).build())
        .hasMessage("max backoff must be positive, got PT0S");
  }

  @Test
  void shouldReadSecondsOrADateWhenRetryAfterIsGiven() {
    // Given
    final Instant now = Instant.parse("2026-11-22T10:00:00Z");
    // When / Then
    assertThat(RetryAfter.parse(Optional.of(" 3 "), now)).contains(Duration.ofSeconds(3));
    assertThat(RetryAfter.parse(Optional.of("Sun, 22 Nov 2026 10:00:07 GMT"), now))
        .contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(Optional.of("Sun, 22 Nov 2026 09:00:00 GMT"), now))
        .contains(Duration.ZERO);
    assertThat(RetryAfter.parse(Optional.of("99999999999999999999"), now))
        .contains(Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(RetryAfter.parse(Optional.of("soon"), now)).isEmpty();
    assertThat(RetryAfter.parse(Optional.empty(), now)).isEmpty();
  }
}
