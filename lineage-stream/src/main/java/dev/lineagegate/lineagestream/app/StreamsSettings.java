package dev.lineagegate.lineagestream.app;

import java.net.URI;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;

/** The Kafka Streams properties of lineage-stream, from its config. */
final class StreamsSettings {

  private StreamsSettings() {}

  static Properties of(final LineageStreamConfig config, final HostInfo self) {
    final Properties props = new Properties();
    // Tuning passes through (lineage.kafka.*); what the service decides below is put after it.
    props.putAll(config.streamsOverrides());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    // DESIGN.md §5: a verdict is written once per change, even across crashes and rebalances.
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
    // What other instances route queries of the keys this one owns to.
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    // A record that still fails inside the topology (a bug: poison pills of lineage.events.v1 are
    // dead-lettered by the topology itself) is logged with its position and skipped, instead of
    // killing the thread, whose replacement would fail on the same record forever.
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueProcessingExceptionHandler.class.getName());
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class.getName());
    // No default serdes on purpose: every source, sink and store names its own, so a forgotten
    // one fails at build time instead of writing the wrong bytes.
    return props;
  }

  /** host:port of an advertised URL (its port, or the scheme's default). */
  static HostInfo hostInfo(final URI advertised) {
    final int port =
        advertised.getPort() != -1
            ? advertised.getPort()
            : "https".equals(advertised.getScheme()) ? 443 : 80;
    return new HostInfo(advertised.getHost(), port);
  }
}
