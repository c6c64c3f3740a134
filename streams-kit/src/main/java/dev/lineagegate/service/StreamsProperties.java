package dev.lineagegate.service;

import dev.lineagegate.service.guard.DeadLetteringProcessingHandler;
import dev.lineagegate.service.guard.DeadLetteringProductionHandler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The Kafka Streams properties every lineage-gate Streams service runs with: exactly_once_v2, the
 * instance's advertised host for routing, no default serdes, and bad records logged and skipped.
 */
public final class StreamsProperties {

  private StreamsProperties() {}

  /**
   * Tuning passes through ({@code overrides}, e.g. {@code lineage.kafka.*}); what the service
   * decides is put after it, so an override cannot weaken it.
   */
  public static Properties of(
      final String applicationId,
      final String bootstrapServers,
      final Duration commitInterval,
      final Path stateDir,
      final int threads,
      final int replicationFactor,
      final HostInfo self,
      final Map<String, String> overrides) {
    final Properties props = new Properties();
    props.putAll(overrides);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // DESIGN.md §5: each output is written once per change, even across crashes and rebalances.
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    // What other instances route queries of the keys this one owns to.
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    // A record that still fails inside the topology (a bug: poison pills are dead-lettered by the
    // topologies themselves) is logged with its position, dead-lettered where the service names a
    // topic, and skipped, instead of killing the thread, whose replacement would fail on the same
    // record forever; the same for an output that cannot be serialized (e.g. over its bound).
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringProcessingHandler.class.getName());
    props.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringProductionHandler.class.getName());
    // The same for global stores (Kafka 5.0 makes it the default; until then it warns without).
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class.getName());
    // No default serdes on purpose: every source, sink and store names its own, so a forgotten
    // one fails at build time instead of writing the wrong bytes.
    return props;
  }

  /** Where the exception handlers send what they skip (see DeadLetteringProcessingHandler). */
  public static void deadLetterTopic(final Properties props, final String topic) {
    props.put(DeadLetteringProcessingHandler.DEAD_LETTER_TOPIC, topic);
  }

  /** host:port of an advertised URL (its port, or the scheme's default). */
  public static HostInfo hostInfo(final URI advertised) {
    final int port =
        advertised.getPort() != -1
            ? advertised.getPort()
            : "https".equals(advertised.getScheme()) ? 443 : 80;
    return new HostInfo(advertised.getHost(), port);
  }
}
