package dev.lineagegate.gate.app;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The decision producer: idempotent, acks=all, every wait bounded by the publish timeout. */
final class ProducerProperties {

  private static final int LINGER_MS = 1;

  private ProducerProperties() {}

  static Map<String, Object> of(final GateConfig config) {
    final int timeout = (int) config.publishTimeout().toMillis();
    final Map<String, Object> props = new HashMap<>();
    config.kafkaOverrides().entrySet().stream()
        .filter(e -> ProducerConfig.configNames().contains(e.getKey()))
        .forEach(e -> props.put(e.getKey(), e.getValue()));
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-decisions");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    // Every wait ends within the publish timeout, so a request answers 503 instead of hanging. A
    // record given up on may still have been appended (the ack was lost, not the write): the retry
    // re-sends the same decision and the topology keeps the first copy of a request (Promotions).
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeout - LINGER_MS - 1));
    return props;
  }
}
