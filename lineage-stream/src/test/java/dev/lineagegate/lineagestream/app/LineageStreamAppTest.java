package dev.lineagegate.lineagestream.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lineagegate.config.Settings;
import dev.lineagegate.testkit.ApicurioRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LineageStreamAppTest {

  @Test
  @Timeout(60)
  void shouldFailNamingKafkaAndTheTimeoutWhenNoBrokerAnswersInTime(@TempDir final Path state) {
    // Given no broker where the config points (the registry is real: schemas register first)
    final Properties props = new Properties();
    props.put("kafka.bootstrap.servers", "127.0.0.1:1");
    props.put("registry.url", ApicurioRegistry.shared().confluentApiUrl().toString());
    props.put("lineage.state-dir", state.toString());
    props.put("lineage.http.port", "0");
    props.put("lineage.start-timeout", "PT2S");
    final LineageStreamConfig config =
        LineageStreamConfig.from(
            Settings.merge(LineageStreamConfig.DEFAULTS, null, props, Map.of()));
    // When / Then it stops at the first thing it asks Kafka (the partition counts of the topics it
    // reads together), naming the broker and the timeout
    assertThatThrownBy(() -> LineageStreamApp.start(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Kafka at 127.0.0.1:1 did not answer within PT2S");
  }
}
