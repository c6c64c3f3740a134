package dev.lineagegate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.config.Settings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The OpenLineage settings: defaults and their environment overrides. */
class IngestConfigTest {

  @Test
  void shouldBeLenientWhenNothingIsSet() {
    // When
    final IngestConfig config = load(Map.of());
    // Then
    assertThat(config.strictOpenLineage()).isFalse();
    assertThat(config.strictInputFacets()).isFalse();
  }

  @Test
  void shouldBeStrictWhenTheEnvironmentSaysSo() {
    // Given LINEAGE_GATE_INGEST_OPENLINEAGE_STRICT, as every setting has its override
    final Map<String, String> env =
        Map.of(
            "LINEAGE_GATE_INGEST_OPENLINEAGE_STRICT", "true",
            "LINEAGE_GATE_INGEST_OPENLINEAGE_STRICT_INPUT_FACETS", "true");
    // When
    final IngestConfig config = load(env);
    // Then
    assertThat(config.strictOpenLineage()).isTrue();
    assertThat(config.strictInputFacets()).isTrue();
    assertThat(config.toBuilder().strictOpenLineage(false).build().strictOpenLineage()).isFalse();
  }

  private static IngestConfig load(final Map<String, String> env) {
    return IngestConfig.from(Settings.merge(IngestConfig.DEFAULTS, null, new Properties(), env));
  }
}
