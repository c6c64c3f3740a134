package dev.lineagegate.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.config.Settings;
import dev.lineagegate.ingest.IngestConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

  @Test
  void shouldBoundEveryWaitByTheProduceTimeoutWhenDefaults() {
    final Map<String, Object> props = ProducerSettings.common(config(Map.of()), "c");
    assertThat(props)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000)
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000)
        .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
        .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 9_995);
  }

  @Test
  void shouldKeepDeliveryAboveLingerPlusRequestTimeoutWhenLingerIsOverridden() {
    // Given linger.ms raised from the environment
    final Map<String, Object> props =
        ProducerSettings.common(config(Map.of("LINEAGE_GATE_INGEST_KAFKA_LINGER_MS", "20")), "c");
    // Then the request timeout follows, and Kafka's own rule holds
    assertThat(props).containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20");
    assertThat(props).containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 9_980);
    new org.apache.kafka.clients.producer.ProducerConfig(withSerializers(props));
  }

  private static Map<String, Object> withSerializers(final Map<String, Object> props) {
    final Map<String, Object> all = new java.util.HashMap<>(props);
    all.put(
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.StringSerializer.class);
    all.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.StringSerializer.class);
    return all;
  }

  private static IngestConfig config(final Map<String, String> env) {
    return IngestConfig.from(Settings.merge(IngestConfig.DEFAULTS, null, new Properties(), env));
  }
}
