package dev.lineagegate.gate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lineagegate.config.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class GateConfigTest {

  private static GateConfig config(final Map<String, String> env) {
    return GateConfig.from(Settings.merge(GateConfig.DEFAULTS, null, new Properties(), env));
  }

  @Test
  void shouldUseTheDocumentedDefaultsWhenNothingIsSet() {
    final GateConfig config = config(Map.of());
    assertThat(config.applicationId()).isEqualTo("gate-service");
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8082);
    assertThat(config.advertised(8082)).isEqualTo(URI.create("http://127.0.0.1:8082"));
    assertThat(config.stateDir()).isEqualTo(Path.of(".lineage-gate/gate-service/state"));
    assertThat(config.keyDir()).isEqualTo(Path.of(".lineage-gate/gate-service/keys"));
    assertThat(config.policyFile()).isEmpty();
    assertThat(config.tokens()).isEmpty();
    assertThat(config.waiverCheckInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.maxWaiver()).isEqualTo(Duration.ofDays(30));
    assertThat(config.publishTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.unknownArtifactWait()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.replicationFactor()).isEqualTo(-1);
    assertThat(config.staticMembership()).isTrue();
    assertThat(config.kafkaOverrides()).isEmpty();
  }

  @Test
  void shouldTakeTheEnvironmentWhenVariablesAreSet() {
    // Given
    final Map<String, String> env =
        Map.of(
            "LINEAGE_GATE_GATE_HTTP_PORT", "0",
            "LINEAGE_GATE_GATE_TOKENS", "alice:waiver:s3cret",
            "LINEAGE_GATE_GATE_MAX_WAIVER", "P7D",
            "LINEAGE_GATE_GATE_UNKNOWN_ARTIFACT_WAIT", "0",
            "LINEAGE_GATE_GATE_STATIC_MEMBERSHIP", "false",
            "LINEAGE_GATE_GATE_KAFKA_LINGER_MS", "5");
    // When
    final GateConfig config = config(env);
    // Then
    assertThat(config.port()).isZero();
    assertThat(config.tokens()).isEqualTo("alice:waiver:s3cret");
    assertThat(config.maxWaiver()).isEqualTo(Duration.ofDays(7));
    assertThat(config.unknownArtifactWait()).isZero();
    assertThat(config.staticMembership()).isFalse();
    assertThat(config.kafkaOverrides()).isEqualTo(Map.of("linger.ms", "5"));
    // and the tokens never show in the config's text
    assertThat(config.toString()).doesNotContain("s3cret");
  }

  @Test
  void shouldNameTheSettingWhenAValueIsBad() {
    assertThatThrownBy(() -> config(Map.of("LINEAGE_GATE_GATE_PUBLISH_TIMEOUT", "PT0S")))
        .isInstanceOf(Settings.InvalidSettingException.class)
        .hasMessage(
            "setting gate.publish-timeout (env LINEAGE_GATE_GATE_PUBLISH_TIMEOUT) must be"
                + " positive, got PT0S");
    assertThatThrownBy(() -> config(Map.of("LINEAGE_GATE_GATE_REPLICATION_FACTOR", "0")))
        .isInstanceOf(Settings.InvalidSettingException.class)
        .hasMessageContaining("must be -1 (broker default) or at least 1, got 0");
    assertThatThrownBy(() -> config(Map.of("LINEAGE_GATE_GATE_UNKNOWN_ARTIFACT_WAIT", "PT-1S")))
        .isInstanceOf(Settings.InvalidSettingException.class)
        .hasMessage(
            "setting gate.unknown-artifact-wait (env LINEAGE_GATE_GATE_UNKNOWN_ARTIFACT_WAIT)"
                + " must be zero or more, got PT-1S");
  }
}
