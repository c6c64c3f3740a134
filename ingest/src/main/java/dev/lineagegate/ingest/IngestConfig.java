package dev.lineagegate.ingest;

import dev.lineagegate.config.Settings;
import dev.lineagegate.schema.registry.RegistryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Everything the ingest service is configured with, read once at start (DESIGN.md §6.1, §8). Every
 * key has a default and a {@code LINEAGE_GATE_*} override; a bad value stops the service with the
 * key and the reason.
 *
 * @param host address the HTTP server binds to
 * @param port HTTP port (0 picks a free one)
 * @param bootstrapServers Kafka bootstrap servers
 * @param registry schema registry client settings
 * @param maxBodyBytes largest request body accepted; Kafka's own default message limit is 1 MiB
 * @param produceTimeout how long a request waits for the broker before answering 503
 * @param retryAfter what a 503 tells clients to wait
 * @param batchProducers transactional producers for batches (concurrent batch requests)
 * @param transactionalIdPrefix unique per ingest instance: a batch is one Kafka transaction
 * @param producerOverrides raw Kafka producer properties ({@code ingest.kafka.*})
 * @param bridge whether and where the OpenLineage Kafka bridge consumes
 */
public record IngestConfig(
    String host,
    int port,
    String bootstrapServers,
    RegistryConfig registry,
    int maxBodyBytes,
    Duration produceTimeout,
    Duration retryAfter,
    int batchProducers,
    String transactionalIdPrefix,
    Map<String, String> producerOverrides,
    Bridge bridge) {

  /** The OpenLineage Kafka bridge: the topic OpenLineage's Kafka transport writes to. */
  public record Bridge(boolean enabled, String topic, String groupId) {}

  public static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("ingest.bridge.enabled", "true"),
          Map.entry("ingest.bridge.topic", "openlineage.events"),
          Map.entry("ingest.bridge.group-id", "lineage-gate-openlineage-bridge"),
          Map.entry("ingest.host", "127.0.0.1"),
          Map.entry("ingest.port", "8080"),
          Map.entry("kafka.bootstrap.servers", "127.0.0.1:9092"),
          Map.entry("registry.url", "http://127.0.0.1:8085/apis/ccompat/v7"),
          Map.entry("ingest.max-body-bytes", "1048576"),
          Map.entry("ingest.produce-timeout", "PT10S"),
          Map.entry("ingest.retry-after", "PT5S"),
          Map.entry("ingest.batch-producers", "4"),
          Map.entry("ingest.transactional-id-prefix", ""));

  public IngestConfig {
    producerOverrides = Map.copyOf(producerOverrides);
    if (produceTimeout.compareTo(Duration.ofMillis(500)) < 0) {
      throw new Settings.InvalidSettingException(
          "setting ingest.produce-timeout must be at least 500 ms, got " + produceTimeout);
    }
  }

  /** Reads the settings of this process (defaults, optional file, system properties, env). */
  public static IngestConfig load(final Path file) {
    return from(Settings.load(DEFAULTS, file));
  }

  public static IngestConfig from(final Settings settings) {
    return new IngestConfig(
        settings.string("ingest.host"),
        settings.integer("ingest.port", 0, 65535),
        settings.string("kafka.bootstrap.servers"),
        RegistryConfig.of(settings.uri("registry.url")),
        settings.integer("ingest.max-body-bytes", 1024, 64 * 1024 * 1024),
        settings.duration("ingest.produce-timeout"),
        settings.duration("ingest.retry-after"),
        settings.integer("ingest.batch-producers", 1, 64),
        // Unique per instance unless set: two instances sharing an id would fence each other.
        settings
            .optional("ingest.transactional-id-prefix")
            .orElse("lineage-gate-ingest-" + UUID.randomUUID()),
        new TreeMap<>(settings.withPrefix("ingest.kafka.")),
        new Bridge(
            settings.bool("ingest.bridge.enabled"),
            settings.string("ingest.bridge.topic"),
            settings.string("ingest.bridge.group-id")));
  }

  /** This config bound elsewhere (tests and the embedded stack choose ports and brokers). */
  public IngestConfig with(
      final int newPort, final String newBootstrapServers, final RegistryConfig newRegistry) {
    return new IngestConfig(
        host,
        newPort,
        newBootstrapServers,
        newRegistry,
        maxBodyBytes,
        produceTimeout,
        retryAfter,
        batchProducers,
        transactionalIdPrefix,
        producerOverrides,
        bridge);
  }

  public IngestConfig withBridge(final Bridge newBridge) {
    return new IngestConfig(
        host,
        port,
        bootstrapServers,
        registry,
        maxBodyBytes,
        produceTimeout,
        retryAfter,
        batchProducers,
        transactionalIdPrefix,
        producerOverrides,
        newBridge);
  }

  public IngestConfig withLimits(final int newMaxBodyBytes, final Duration newProduceTimeout) {
    return new IngestConfig(
        host,
        port,
        bootstrapServers,
        registry,
        newMaxBodyBytes,
        newProduceTimeout,
        retryAfter,
        batchProducers,
        transactionalIdPrefix,
        producerOverrides,
        bridge);
  }
}
