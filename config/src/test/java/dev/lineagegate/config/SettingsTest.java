package dev.lineagegate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  private static final Map<String, String> DEFAULTS =
      Map.of("ingest.port", "8080", "ingest.produce-timeout", "PT10S", "kafka.acks", "all");

  @Test
  void shouldLetEnvWinOverSystemOverFileOverDefaultsWhenAllAreSet(@TempDir final Path dir)
      throws Exception {
    // Given a key set at every level
    final Path file = dir.resolve("ingest.properties");
    Files.writeString(file, "ingest.port=8181\ningest.produce-timeout=PT3S\n");
    final Properties system = new Properties();
    system.setProperty("ingest.port", "8282");
    final Map<String, String> env = Map.of("LINEAGE_GATE_INGEST_PORT", "8383");
    // When
    final Settings settings = Settings.merge(DEFAULTS, file, system, env);
    // Then
    assertThat(settings.integer("ingest.port", 1, 65535)).isEqualTo(8383);
    assertThat(settings.duration("ingest.produce-timeout")).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.withPrefix("kafka.")).containsExactly(Map.entry("acks", "all"));
  }

  @Test
  void shouldNameKeyVariableAndValueWhenMalformed() {
    final Settings settings =
        Settings.merge(
            DEFAULTS,
            null,
            new Properties(),
            Map.of(
                "LINEAGE_GATE_INGEST_PORT",
                "eighty",
                "LINEAGE_GATE_INGEST_PRODUCE_TIMEOUT",
                "10 s"));
    assertThatThrownBy(() -> settings.integer("ingest.port", 1, 65535))
        .isInstanceOf(Settings.InvalidSettingException.class)
        .hasMessage(
            "setting ingest.port (env LINEAGE_GATE_INGEST_PORT) must be a whole number, got \"eighty\"");
    assertThatThrownBy(() -> settings.duration("ingest.produce-timeout"))
        .hasMessage(
            "setting ingest.produce-timeout (env LINEAGE_GATE_INGEST_PRODUCE_TIMEOUT) must be an"
                + " ISO-8601 duration such as PT10S, or milliseconds, got \"10 s\"");
    assertThatThrownBy(() -> settings.string("missing"))
        .hasMessage("setting missing (env LINEAGE_GATE_MISSING) is required");
  }

  @Test
  void shouldPassClientPropertiesThroughWhenSetUnderAnOpenPrefix() {
    final Properties system = new Properties();
    system.setProperty("ingest.kafka.compression.type", "zstd");
    final Settings settings =
        Settings.merge(
            DEFAULTS,
            null,
            system,
            Map.of("LINEAGE_GATE_INGEST_KAFKA_LINGER_MS", "20", "LINEAGE_GATE_INGEST_KAFKA_", "x"));
    assertThat(settings.withPrefix("ingest.kafka."))
        .containsExactly(Map.entry("compression.type", "zstd"), Map.entry("linger.ms", "20"));
  }

  @Test
  void shouldMapDotsAndDashesWhenNamingTheVariable() {
    assertThat(Settings.envName("ingest.max-body-bytes"))
        .isEqualTo("LINEAGE_GATE_INGEST_MAX_BODY_BYTES");
  }
}
