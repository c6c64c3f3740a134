package dev.lineagegate.schema.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

  @Test
  void shouldApplyDefaultsWhenOnlyUrlIsGiven() {
    final RegistryConfig config =
        RegistryConfig.from(Map.of(RegistryConfig.URL, "http://127.0.0.1:8085/apis/ccompat/v7/"));
    assertThat(config)
        .isEqualTo(
            new RegistryConfig(
                URI.create("http://127.0.0.1:8085/apis/ccompat/v7"),
                Duration.ofSeconds(5),
                5,
                Duration.ofMillis(100),
                Duration.ofSeconds(2),
                true));
  }

  @Test
  void shouldReadEveryKeyWhenGiven() {
    final RegistryConfig config =
        RegistryConfig.from(
            Map.of(
                RegistryConfig.URL, "https://registry.example",
                RegistryConfig.REQUEST_TIMEOUT_MS, "750",
                RegistryConfig.MAX_ATTEMPTS, 2,
                RegistryConfig.BACKOFF_MS, "10",
                RegistryConfig.BACKOFF_MAX_MS, "20",
                RegistryConfig.AUTO_REGISTER, "false"));
    assertThat(config)
        .isEqualTo(
            new RegistryConfig(
                URI.create("https://registry.example"),
                Duration.ofMillis(750),
                2,
                Duration.ofMillis(10),
                Duration.ofMillis(20),
                false));
  }

  @Test
  void shouldFailFastWithTheKeyWhenAValueIsWrong() {
    assertThatThrownBy(() -> RegistryConfig.from(Map.of()))
        .hasMessage("missing schema.registry.url");
    assertThatThrownBy(() -> RegistryConfig.from(Map.of(RegistryConfig.URL, "ftp://x")))
        .hasMessageContaining("must be an http(s) URL");
    assertThatThrownBy(
            () ->
                RegistryConfig.from(
                    Map.of(RegistryConfig.URL, "http://x", RegistryConfig.MAX_ATTEMPTS, "lots")))
        .hasMessage("schema.registry.retry.max.attempts must be a whole number, got \"lots\"");
    assertThatThrownBy(
            () ->
                RegistryConfig.from(
                    Map.of(RegistryConfig.URL, "http://x", RegistryConfig.MAX_ATTEMPTS, "0")))
        .hasMessage("schema.registry.retry.max.attempts must be at least 1, got 0");
  }
}
