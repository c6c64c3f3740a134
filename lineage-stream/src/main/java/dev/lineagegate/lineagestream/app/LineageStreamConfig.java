package dev.lineagegate.lineagestream.app;

import dev.lineagegate.config.Settings;
import dev.lineagegate.lineagestream.TopologyConfig;
import dev.lineagegate.schema.registry.RegistryConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything lineage-stream is configured with, read once at start (DESIGN.md §6.3, §8). Every key
 * has a default and a {@code LINEAGE_GATE_*} override; a bad value stops the service with the key
 * and the reason.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param registry schema registry client settings
 * @param applicationId the Kafka Streams application id: instances sharing it share the work
 * @param stateDir where the RocksDB stores live; rebuilt from the changelogs when lost
 * @param host address the HTTP server binds to
 * @param port HTTP port (0 picks a free one)
 * @param advertisedUrl how the other instances reach this one (routing of queries); empty means
 *     {@code http://host:port} with the port actually bound
 * @param policyFile the policy (§7); empty means the defaults
 * @param commitInterval how often Streams commits its transaction (latency of verdicts)
 * @param threads stream threads of this instance
 * @param staticMembership whether the stream threads join the group as static members under an id
 *     kept in the state directory, so that a restart after a crash takes their place at once
 *     instead of after the dead members' session timeout ({@code StaticMembership})
 * @param rocksDbMemoryMib the off-heap memory all RocksDB stores of this instance share (block
 *     cache, index and filter blocks, memtables); 0 leaves each store RocksDB's own defaults
 * @param replicationFactor of the changelog topics Streams creates; -1 = the broker's default
 * @param dedupWindow how long an eventId is remembered (§3)
 * @param stallCheckInterval how often open runs are checked for RUN_STALLED
 * @param maxDepth the longest chain of runs accepted above an artifact
 * @param maxStateBytes what any store keeps per key, in bytes (below the broker's record limit)
 * @param objectCacheMib decoded state kept in front of the busiest stores, in MiB of encoded size,
 *     for the whole instance (docs/LINEAGE-STREAM.md, "Decoded state"); 0 turns it off
 * @param startTimeout how long start waits for the RUNNING state
 * @param retryAfter what a 503 (store not ready, rebalancing) tells clients to wait
 * @param streamsOverrides raw Kafka Streams (and its clients') properties, {@code lineage.kafka.*}
 *     with the prefix removed; they cannot change what the settings above decide
 * @param web the web view's settings (docs/WEB.md): its public URL, the gate it asks, the alert
 *     tail
 */
public record LineageStreamConfig(
    String bootstrapServers,
    RegistryConfig registry,
    String applicationId,
    Path stateDir,
    String host,
    int port,
    Optional<URI> advertisedUrl,
    Optional<Path> policyFile,
    Duration commitInterval,
    int threads,
    boolean staticMembership,
    int rocksDbMemoryMib,
    int replicationFactor,
    Duration dedupWindow,
    Duration stallCheckInterval,
    int maxDepth,
    int maxStateBytes,
    int objectCacheMib,
    Duration startTimeout,
    Duration retryAfter,
    Map<String, String> streamsOverrides,
    WebConfig web) {

  public LineageStreamConfig {
    streamsOverrides = Map.copyOf(streamsOverrides);
  }

  /**
   * The web view's settings.
   *
   * @param publicUrl where people reach the web view (links in alerts and the CLI); empty means the
   *     advertised URL
   * @param gateUrl the gate the artifact page asks for decisions, server side; empty: no panel
   * @param gateTimeout how long a page waits for the gate before it says the gate is unavailable
   * @param recentAlerts how many alerts the tail of {@code lineage.alerts.v1} holds (it reads back
   *     twice as many offsets per partition at start); also the recent verdicts it holds for the
   *     search's suggestions
   */
  public record WebConfig(
      Optional<URI> publicUrl, Optional<URI> gateUrl, Duration gateTimeout, int recentAlerts) {}

  public static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("kafka.bootstrap.servers", "127.0.0.1:9092"),
          Map.entry("registry.url", "http://127.0.0.1:8085/apis/ccompat/v7"),
          Map.entry("lineage.application-id", "lineage-stream"),
          Map.entry("lineage.state-dir", ".lineage-gate/lineage-stream"),
          Map.entry("lineage.http.host", "127.0.0.1"),
          Map.entry("lineage.http.port", "8081"),
          Map.entry("lineage.advertised-url", ""),
          Map.entry("lineage.policy-file", ""),
          Map.entry("lineage.commit-interval", "PT0.1S"),
          Map.entry("lineage.threads", "1"),
          Map.entry("lineage.static-membership", "true"),
          Map.entry("lineage.rocksdb-memory-mib", "256"),
          Map.entry("lineage.replication-factor", "-1"),
          Map.entry("lineage.dedup-window", "P7D"),
          Map.entry("lineage.stall-check-interval", "PT30S"),
          Map.entry("lineage.max-depth", "256"),
          Map.entry("lineage.max-state-bytes", "786432"),
          Map.entry("lineage.object-cache-mib", "32"),
          Map.entry("lineage.start-timeout", "PT60S"),
          Map.entry("lineage.retry-after", "PT1S"),
          Map.entry("lineage.public-url", ""),
          Map.entry("lineage.gate-url", "http://127.0.0.1:8082"),
          Map.entry("lineage.gate-timeout", "PT2S"),
          Map.entry("lineage.recent-alerts", "1000"));

  /** Reads the settings of this process (defaults, optional file, system properties, env). */
  public static LineageStreamConfig load(final Path file) {
    return from(Settings.load(DEFAULTS, file));
  }

  public static LineageStreamConfig from(final Settings settings) {
    return new LineageStreamConfig(
        settings.string("kafka.bootstrap.servers"),
        RegistryConfig.of(settings.uri("registry.url")),
        settings.string("lineage.application-id"),
        Path.of(settings.string("lineage.state-dir")),
        settings.string("lineage.http.host"),
        settings.integer("lineage.http.port", 0, 65535),
        settings
            .optional("lineage.advertised-url")
            .map(v -> settings.uri("lineage.advertised-url")),
        settings.optional("lineage.policy-file").map(Path::of),
        settings.positiveDuration("lineage.commit-interval"),
        settings.integer("lineage.threads", 1, 64),
        settings.bool("lineage.static-membership"),
        settings.integer("lineage.rocksdb-memory-mib", 0, 1 << 20),
        settings.replicationFactor("lineage.replication-factor"),
        settings.positiveDuration("lineage.dedup-window"),
        settings.positiveDuration("lineage.stall-check-interval"),
        settings.integer("lineage.max-depth", 2, 100_000),
        settings.integer("lineage.max-state-bytes", 64 * 1024, TopologyConfig.MAX_STATE_BYTES),
        settings.integer("lineage.object-cache-mib", 0, 1 << 16),
        settings.positiveDuration("lineage.start-timeout"),
        settings.positiveDuration("lineage.retry-after"),
        settings.withPrefix("lineage.kafka."),
        new WebConfig(
            settings.optional("lineage.public-url").map(v -> settings.uri("lineage.public-url")),
            settings.optional("lineage.gate-url").map(v -> settings.uri("lineage.gate-url")),
            settings.positiveDuration("lineage.gate-timeout"),
            settings.integer("lineage.recent-alerts", 1, 100_000)));
  }

  /** Where people reach the web view: {@code lineage.public-url}, else the advertised URL. */
  public URI publicUrl(final int boundPort) {
    final String url = web.publicUrl().orElseGet(() -> advertised(boundPort)).toString();
    // Links are built as base + "/artifacts/...": a trailing slash would double it.
    return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }

  /** The URL other instances use for this one, once the port is known. */
  public URI advertised(final int boundPort) {
    return advertisedUrl.orElseGet(() -> URI.create("http://" + host + ":" + boundPort));
  }
}
