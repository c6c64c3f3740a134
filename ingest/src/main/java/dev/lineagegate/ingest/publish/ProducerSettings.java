package dev.lineagegate.ingest.publish;

import dev.lineagegate.ingest.IngestConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The producer properties of ingest, derived from its config in one place. */
final class ProducerSettings {

  private static final int LINGER_MS = 5;
  private static final int BATCH_BYTES = 256 * 1024;

  private ProducerSettings() {}

  /**
   * Idempotent, acks=all, and every wait bounded by the produce timeout: metadata waits ({@code
   * max.block.ms}) and delivery ({@code delivery.timeout.ms}) both give up in time for the request
   * to answer 503 instead of hanging, and a record the producer gave up on is never sent later.
   */
  static Map<String, Object> common(final IngestConfig config, final String clientId) {
    final int timeout = (int) config.produceTimeout().toMillis();
    final Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(config.maxBodyBytes() * 2, 1 << 20));
    props.putAll(config.producerOverrides());
    // Kafka requires delivery >= linger + request timeout: derive the request timeout from the
    // linger in effect, so that overriding linger.ms alone keeps a valid configuration.
    if (!config.producerOverrides().containsKey(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)) {
      final int linger =
          Integer.parseInt(String.valueOf(props.get(ProducerConfig.LINGER_MS_CONFIG)));
      props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeout - linger));
    }
    return props;
  }

  static Map<String, Object> transactional(final IngestConfig config, final int index) {
    final String id = config.transactionalIdPrefix() + "-" + index;
    final Map<String, Object> props = common(config, id);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
    // A group sends up to thousands of records at once and then commits: larger batches mean
    // fewer compressed batches per transaction (each allocates lz4 block buffers) and fewer
    // produce requests. Linger does not matter here, the commit flushes.
    if (!config.producerOverrides().containsKey(ProducerConfig.BATCH_SIZE_CONFIG)) {
      props.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
    }
    props.put(
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
        (int) Math.max(config.produceTimeout().toMillis() * 2, 10_000));
    return props;
  }
}
