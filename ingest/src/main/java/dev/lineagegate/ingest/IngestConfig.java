package dev.lineagegate.ingest;

import dev.lineagegate.config.Settings;
import dev.lineagegate.genai.ReadLimits;
import dev.lineagegate.schema.registry.RegistryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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
 * @param batchProducers batch writers: threads with one transactional producer each, committing the
 *     batch requests waiting at the same moment as one transaction (group commit)
 * @param transactionalIdPrefix unique per ingest instance: a batch is one Kafka transaction
 * @param producerOverrides raw Kafka producer properties ({@code ingest.kafka.*})
 * @param bridge whether and where the OpenLineage Kafka bridge consumes
 * @param strictInputFacets validate every OpenLineage input dataset facet (default: only those
 *     lineage-gate reads, as OpenLineage's own proxy does; the others' problems are warnings)
 * @param strictOpenLineage refuse every OpenLineage schema problem with 400 (default: accept what
 *     the mapping can read, as Marquez does, and list the problems as warnings; DESIGN §6.2)
 * @param maxImageBytes largest image accepted by {@code POST /v1/imports}: images are larger than
 *     events (an SDXL PNG is 1.5-2 MB) but only their events, a few KB, reach Kafka
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
    Bridge bridge,
    boolean strictInputFacets,
    boolean strictOpenLineage,
    int maxImageBytes) {

  /**
   * The OpenLineage Kafka bridge: the topic OpenLineage's Kafka transport writes to, its consumer
   * group, and optionally a static member id ({@code group.instance.id}, unique per instance) so
   * that an ingest restarted after a crash rejoins at once instead of after the dead member's
   * session timeout.
   */
  public record Bridge(
      boolean enabled, String topic, String groupId, Optional<String> groupInstanceId) {

    /** A dynamic member of {@code groupId}. */
    public Bridge(final boolean enabled, final String topic, final String groupId) {
      this(enabled, topic, groupId, Optional.empty());
    }
  }

  public static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("ingest.bridge.enabled", "true"),
          Map.entry("ingest.openlineage.strict", "false"),
          Map.entry("ingest.openlineage.strict-input-facets", "false"),
          Map.entry("ingest.bridge.topic", "openlineage.events"),
          Map.entry("ingest.bridge.group-id", "lineage-gate-openlineage-bridge"),
          Map.entry("ingest.bridge.group-instance-id", ""),
          Map.entry("ingest.host", "127.0.0.1"),
          Map.entry("ingest.port", "8080"),
          Map.entry("kafka.bootstrap.servers", "127.0.0.1:9092"),
          Map.entry("registry.url", "http://127.0.0.1:8085/apis/ccompat/v7"),
          Map.entry("ingest.max-body-bytes", "1048576"),
          Map.entry("ingest.max-image-bytes", "33554432"),
          Map.entry("ingest.produce-timeout", "PT10S"),
          Map.entry("ingest.retry-after", "PT5S"),
          Map.entry("ingest.batch-producers", "2"),
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
            settings.string("ingest.bridge.group-id"),
            settings.optional("ingest.bridge.group-instance-id")),
        settings.bool("ingest.openlineage.strict-input-facets"),
        settings.bool("ingest.openlineage.strict"),
        settings.integer("ingest.max-image-bytes", 1024, ReadLimits.IMAGE_BYTES));
  }

  /** A copy to change: tests and the embedded stack choose ports, brokers and limits. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes a copy of a config; the record's constructor still checks the result. */
  public static final class Builder {

    private String host;
    private int port;
    private String bootstrapServers;
    private RegistryConfig registry;
    private int maxBodyBytes;
    private Duration produceTimeout;
    private Duration retryAfter;
    private int batchProducers;
    private String transactionalIdPrefix;
    private Map<String, String> producerOverrides;
    private Bridge bridge;
    private boolean strictInputFacets;
    private boolean strictOpenLineage;
    private int maxImageBytes;

    private Builder(final IngestConfig c) {
      host = c.host;
      port = c.port;
      bootstrapServers = c.bootstrapServers;
      registry = c.registry;
      maxBodyBytes = c.maxBodyBytes;
      produceTimeout = c.produceTimeout;
      retryAfter = c.retryAfter;
      batchProducers = c.batchProducers;
      transactionalIdPrefix = c.transactionalIdPrefix;
      producerOverrides = c.producerOverrides;
      bridge = c.bridge;
      strictInputFacets = c.strictInputFacets;
      strictOpenLineage = c.strictOpenLineage;
      maxImageBytes = c.maxImageBytes;
    }

    /** Where it listens and what it talks to. */
    public Builder bind(
        final int newPort, final String newBootstrapServers, final RegistryConfig newRegistry) {
      port = newPort;
      bootstrapServers = newBootstrapServers;
      registry = newRegistry;
      return this;
    }

    public Builder limits(final int newMaxBodyBytes, final Duration newProduceTimeout) {
      maxBodyBytes = newMaxBodyBytes;
      produceTimeout = newProduceTimeout;
      return this;
    }

    public Builder bridge(final Bridge newBridge) {
      bridge = newBridge;
      return this;
    }

    public Builder strictInputFacets(final boolean strict) {
      strictInputFacets = strict;
      return this;
    }

    public Builder maxImageBytes(final int bytes) {
      maxImageBytes = bytes;
      return this;
    }

    public Builder strictOpenLineage(final boolean strict) {
      strictOpenLineage = strict;
      return this;
    }

    public IngestConfig build() {
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
          bridge,
          strictInputFacets,
          strictOpenLineage,
          maxImageBytes);
    }
  }
}
