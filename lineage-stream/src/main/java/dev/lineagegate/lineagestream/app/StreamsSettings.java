package dev.lineagegate.lineagestream.app;

import dev.lineagegate.service.StreamsProperties;
import java.net.URI;
import java.util.Properties;
import org.apache.kafka.streams.state.HostInfo;

/** The Kafka Streams properties of lineage-stream, from its config. */
final class StreamsSettings {

  private StreamsSettings() {}

  static Properties of(final LineageStreamConfig config, final HostInfo self) {
    return StreamsProperties.of(
        config.applicationId(),
        config.bootstrapServers(),
        config.commitInterval(),
        config.stateDir(),
        config.threads(),
        config.replicationFactor(),
        self,
        config.streamsOverrides());
  }

  static HostInfo hostInfo(final URI advertised) {
    return StreamsProperties.hostInfo(advertised);
  }
}
