package dev.lineagegate.lineagestream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lineagegate.config.Settings;
import dev.lineagegate.policy.PolicyException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageStreamConfigTest {

  private static LineageStreamConfig config(
      final Map<String, String> properties, final Map<String, String> env) {
    final Properties system = new Properties();
    system.putAll(properties);
    return LineageStreamConfig.from(
        Settings.merge(LineageStreamConfig.DEFAULTS, null, system, env));
  }

  @Test
  void shouldUseTheDocumentedDefaultsWhenNothingIsSet() {
    // When
    final LineageStreamConfig config = config(Map.of(), Map.of());
    // Then
    assertThat(config.applicationId()).isEqualTo("lineage-stream");
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8081);
    assertThat(config.advertised(8081)).isEqualTo(URI.create("http://127.0.0.1:8081"));
    assertThat(config.policyFile()).isEmpty();
    assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.threads()).isEqualTo(1);
    assertThat(config.replicationFactor()).isEqualTo(-1);
    assertThat(config.dedupWindow()).isEqualTo(Duration.ofDays(7));
    assertThat(config.stallCheckInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.maxDepth()).isEqualTo(256);
    assertThat(config.objectCacheMib()).isEqualTo(32);
  }

  @Test
  void shouldPointTheWebViewAtItselfAndTheLocalGateWhenNothingIsSet() {
    // When
    final LineageStreamConfig config = config(Map.of(), Map.of());
    // Then
    assertThat(config.publicUrl(8081)).isEqualTo(URI.create("http://127.0.0.1:8081"));
    assertThat(config.web().gateUrl()).contains(URI.create("http://127.0.0.1:8082"));
    assertThat(config.web().gateTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.web().recentAlerts()).isEqualTo(1000);
  }

  @Test
  void shouldTakeThePublicUrlWithoutItsSlashAndNoGateWhenTheyAreSet() {
    // Given
    final Map<String, String> env =
        Map.of(
            "LINEAGE_GATE_LINEAGE_PUBLIC_URL", "https://lineage.example/",
            "LINEAGE_GATE_LINEAGE_GATE_URL", "",
            "LINEAGE_GATE_LINEAGE_RECENT_ALERTS", "50");
    // When
    final LineageStreamConfig config = config(Map.of(), env);
    // Then
    assertThat(config.publicUrl(8081)).isEqualTo(URI.create("https://lineage.example"));
    assertThat(config.web().gateUrl()).isEmpty();
    assertThat(config.web().recentAlerts()).isEqualTo(50);
  }

  @Test
  void shouldTakeTheEnvironmentOverTheDefaultsWhenVariablesAreSet() {
    // Given
    final Map<String, String> env =
        Map.of(
            "LINEAGE_GATE_LINEAGE_HTTP_PORT", "0",
            "LINEAGE_GATE_LINEAGE_APPLICATION_ID", "lineage-stream-b",
            "LINEAGE_GATE_LINEAGE_ADVERTISED_URL", "http://stream-b.internal:8081",
            "LINEAGE_GATE_LINEAGE_OBJECT_CACHE_MIB", "0");
    // When
    final LineageStreamConfig config = config(Map.of(), env);
    // Then
    assertThat(config.port()).isZero();
    assertThat(config.objectCacheMib()).isZero();
    assertThat(config.applicationId()).isEqualTo("lineage-stream-b");
    assertThat(config.advertisedUrl())
        .isEqualTo(Optional.of(URI.create("http://stream-b.internal:8081")));
    assertThat(config.advertised(40000)).isEqualTo(URI.create("http://stream-b.internal:8081"));
  }

  @Test
  void shouldNameTheKeyAndTheReasonWhenAValueIsBad() {
    // When / Then
    assertThatThrownBy(() -> config(Map.of("lineage.threads", "0"), Map.of()))
        .isInstanceOf(Settings.InvalidSettingException.class)
        .hasMessageContaining("lineage.threads")
        .hasMessageContaining("LINEAGE_GATE_LINEAGE_THREADS")
        .hasMessageContaining("between 1 and 64");
    assertThatThrownBy(() -> config(Map.of("lineage.commit-interval", "PT0S"), Map.of()))
        .hasMessageContaining("lineage.commit-interval")
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> config(Map.of("lineage.replication-factor", "0"), Map.of()))
        .hasMessageContaining("lineage.replication-factor");
    assertThatThrownBy(() -> config(Map.of("lineage.object-cache-mib", "-1"), Map.of()))
        .hasMessageContaining("lineage.object-cache-mib");
  }

  @Test
  void shouldRefuseToStartWithFileAndLineWhenThePolicyDoesNotParse(@TempDir final Path dir)
      throws Exception {
    // Given a policy with an unknown reason code on line 2
    final Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "severities:\n  MISSING_SEEDS: BLOCK\n", StandardCharsets.UTF_8);
    final LineageStreamConfig config =
        config(Map.of("lineage.policy-file", policy.toString()), Map.of());
    // When / Then it stops before opening anything (no broker is needed to see it)
    assertThatThrownBy(() -> LineageStreamApp.start(config))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith(policy + ":2: ");
  }

  @Test
  void shouldPassStreamsTuningThroughButKeepWhatTheServiceDecidesWhenSetWithLineageKafka(
      @TempDir final Path state) {
    // Given a cache size and a processing guarantee set through lineage.kafka.*
    final LineageStreamConfig config =
        config(
            Map.of(
                "lineage.kafka.processing.guarantee",
                "at_least_once",
                "lineage.state-dir",
                state.toString()),
            Map.of("LINEAGE_GATE_LINEAGE_KAFKA_STATESTORE_CACHE_MAX_BYTES", "0"));

    // When the Streams properties are built
    final java.util.Properties props =
        StreamsSettings.of(config, new org.apache.kafka.streams.state.HostInfo("127.0.0.1", 8081));

    // Then the tuning passes, and exactly-once stays
    assertThat(config.streamsOverrides())
        .containsEntry("statestore.cache.max.bytes", "0")
        .containsEntry("processing.guarantee", "at_least_once");
    assertThat(props.get("statestore.cache.max.bytes")).isEqualTo("0");
    assertThat(props.get("processing.guarantee")).isEqualTo("exactly_once_v2");
  }

  @Test
  void shouldJoinAsAStaticMemberKeptInTheStateDirectoryUnlessToldOtherwise(
      @TempDir final Path state) {
    // Given the defaults, on a state directory
    final org.apache.kafka.streams.state.HostInfo self =
        new org.apache.kafka.streams.state.HostInfo("127.0.0.1", 8081);
    final LineageStreamConfig config =
        config(Map.of("lineage.state-dir", state.toString()), Map.of());

    // When the Streams properties are built twice, as two starts on that directory would
    final Object id = StreamsSettings.of(config, self).get("group.instance.id");

    // Then the threads join as static members, under the same id both times
    assertThat(config.staticMembership()).isTrue();
    assertThat(id).asString().startsWith("lineage-stream-");
    assertThat(StreamsSettings.of(config, self).get("group.instance.id")).isEqualTo(id);

    // and an id given through lineage.kafka.* wins, and static membership can be switched off
    assertThat(
            StreamsSettings.of(
                    config(
                        Map.of(
                            "lineage.state-dir",
                            state.toString(),
                            "lineage.kafka.group.instance.id",
                            "stream-a"),
                        Map.of()),
                    self)
                .get("group.instance.id"))
        .isEqualTo("stream-a");
    assertThat(
            StreamsSettings.of(
                config(
                    Map.of("lineage.state-dir", state.toString()),
                    Map.of("LINEAGE_GATE_LINEAGE_STATIC_MEMBERSHIP", "false")),
                self))
        .doesNotContainKey("group.instance.id");
  }

  @Test
  void shouldLingerFiveMillisecondsOnTheGraphPathUnlessALingerIsGivenWithLineageKafka(
      @TempDir final Path state) {
    // Given the defaults, a producer linger, and a linger for every client
    final org.apache.kafka.streams.state.HostInfo self =
        new org.apache.kafka.streams.state.HostInfo("127.0.0.1", 8081);
    final Map<String, String> dir = Map.of("lineage.state-dir", state.toString());

    // When the Streams properties are built
    final java.util.Properties defaults = StreamsSettings.of(config(dir, Map.of()), self);
    final java.util.Properties producer =
        StreamsSettings.of(
            config(dir, Map.of("LINEAGE_GATE_LINEAGE_KAFKA_PRODUCER_LINGER_MS", "20")), self);
    final java.util.Properties all =
        StreamsSettings.of(config(dir, Map.of("LINEAGE_GATE_LINEAGE_KAFKA_LINGER_MS", "50")), self);

    // Then the producer lingers 5 ms, not Kafka Streams' 100, and either override wins
    assertThat(defaults.get("producer.linger.ms")).isEqualTo("5");
    assertThat(producer.get("producer.linger.ms")).isEqualTo("20");
    assertThat(all).doesNotContainKey("producer.linger.ms").containsEntry("linger.ms", "50");
  }
}
