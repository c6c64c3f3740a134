package dev.lineagegate.gate.app;

import dev.lineagegate.config.Settings;
import dev.lineagegate.schema.registry.RegistryConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything gate-service is configured with, read once at start (DESIGN.md §6.4, §8). Every key
 * has a default and a {@code LINEAGE_GATE_*} override; a bad value stops the service with the key
 * and the reason.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param registry schema registry client settings
 * @param applicationId the Kafka Streams application id: instances sharing it share the work
 * @param stateDir where the RocksDB stores live; rebuilt from the changelogs when lost
 * @param keyDir where the Ed25519 key pair lives; generated there on first start
 * @param host address the HTTP server binds to
 * @param port HTTP port (0 picks a free one)
 * @param advertisedUrl how the other instances reach this one; empty = {@code http://host:port}
 * @param policyFile the policy (§7); empty means the defaults
 * @param tokens bearer tokens, {@code principal:role:token} comma-separated (see {@code Tokens})
 * @param commitInterval how often Streams commits (latency of revocations)
 * @param threads stream threads of this instance
 * @param staticMembership whether the stream threads join the group as static members under an id
 *     kept in the state directory, so that a restart after a crash takes their place at once
 *     instead of after the dead members' session timeout ({@code StaticMembership})
 * @param rocksDbMemoryMib the off-heap memory all RocksDB stores of this instance share; 0 leaves
 *     each store RocksDB\'s own defaults
 * @param replicationFactor of the changelog and repartition topics; -1 = the broker's default
 * @param waiverCheckInterval how often expired waivers are looked for
 * @param maxWaiver the longest a waiver may last
 * @param publishTimeout how long a decision waits for the broker's acknowledgement (then 503)
 * @param applyTimeout how long an answer waits for its own record to reach the stores
 * @param unknownArtifactWait how long a promotion of an artifact without a verdict waits for it
 *     before answering {@code unknown-artifact} (nothing recorded); zero answers at once
 * @param startTimeout how long start waits for the RUNNING state
 * @param retryAfter what a 503 tells clients to wait
 * @param kafkaOverrides raw Kafka (Streams and producer) properties, {@code gate.kafka.*} with the
 *     prefix removed; they cannot change what the settings above decide
 */
public record GateConfig(
    String bootstrapServers,
    RegistryConfig registry,
    String applicationId,
    Path stateDir,
    Path keyDir,
    String host,
    int port,
    Optional<URI> advertisedUrl,
    Optional<Path> policyFile,
    String tokens,
    Duration commitInterval,
    int threads,
    boolean staticMembership,
    int rocksDbMemoryMib,
    int replicationFactor,
    Duration waiverCheckInterval,
    Duration maxWaiver,
    Duration publishTimeout,
    Duration applyTimeout,
    Duration unknownArtifactWait,
    Duration startTimeout,
    Duration retryAfter,
    Map<String, String> kafkaOverrides) {

  public GateConfig {
    kafkaOverrides = Map.copyOf(kafkaOverrides);
  }

  public static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("kafka.bootstrap.servers", "127.0.0.1:9092"),
          Map.entry("registry.url", "http://127.0.0.1:8085/apis/ccompat/v7"),
          Map.entry("gate.application-id", "gate-service"),
          Map.entry("gate.state-dir", ".lineage-gate/gate-service/state"),
          Map.entry("gate.key-dir", ".lineage-gate/gate-service/keys"),
          Map.entry("gate.http.host", "127.0.0.1"),
          Map.entry("gate.http.port", "8082"),
          Map.entry("gate.advertised-url", ""),
          Map.entry("gate.policy-file", ""),
          Map.entry("gate.tokens", ""),
          Map.entry("gate.commit-interval", "PT0.1S"),
          Map.entry("gate.threads", "1"),
          Map.entry("gate.static-membership", "true"),
          Map.entry("gate.rocksdb-memory-mib", "64"),
          Map.entry("gate.replication-factor", "-1"),
          Map.entry("gate.waiver-check-interval", "PT10S"),
          Map.entry("gate.max-waiver", "P30D"),
          Map.entry("gate.publish-timeout", "PT10S"),
          Map.entry("gate.apply-timeout", "PT5S"),
          Map.entry("gate.unknown-artifact-wait", "PT2S"),
          Map.entry("gate.start-timeout", "PT60S"),
          Map.entry("gate.retry-after", "PT1S"));

  /** Reads the settings of this process (defaults, optional file, system properties, env). */
  public static GateConfig load(final Path file) {
    return from(Settings.load(DEFAULTS, file));
  }

  public static GateConfig from(final Settings settings) {
    return new GateConfig(
        settings.string("kafka.bootstrap.servers"),
        RegistryConfig.of(settings.uri("registry.url")),
        settings.string("gate.application-id"),
        Path.of(settings.string("gate.state-dir")),
        Path.of(settings.string("gate.key-dir")),
        settings.string("gate.http.host"),
        settings.integer("gate.http.port", 0, 65535),
        settings.optional("gate.advertised-url").map(v -> settings.uri("gate.advertised-url")),
        settings.optional("gate.policy-file").map(Path::of),
        settings.optional("gate.tokens").orElse(""),
        settings.positiveDuration("gate.commit-interval"),
        settings.integer("gate.threads", 1, 64),
        settings.bool("gate.static-membership"),
        settings.integer("gate.rocksdb-memory-mib", 0, 1 << 20),
        settings.replicationFactor("gate.replication-factor"),
        settings.positiveDuration("gate.waiver-check-interval"),
        settings.positiveDuration("gate.max-waiver"),
        settings.positiveDuration("gate.publish-timeout"),
        settings.positiveDuration("gate.apply-timeout"),
        notNegative(settings, "gate.unknown-artifact-wait"),
        settings.positiveDuration("gate.start-timeout"),
        settings.positiveDuration("gate.retry-after"),
        settings.withPrefix("gate.kafka."));
  }

  private static Duration notNegative(final Settings settings, final String key) {
    final Duration value = settings.duration(key);
    if (value.isNegative()) {
      throw new Settings.InvalidSettingException(
          "setting "
              + key
              + " (env "
              + Settings.envName(key)
              + ") must be zero or more, got "
              + settings.string(key));
    }
    return value;
  }

  public URI advertised(final int boundPort) {
    return advertisedUrl.orElseGet(() -> URI.create("http://" + host + ":" + boundPort));
  }

  @Override
  public String toString() {
    // Tokens are secrets: never in a log line, not even through a record's toString.
    return "GateConfig[" + applicationId + ", " + bootstrapServers + ", port " + port + "]";
  }
}
