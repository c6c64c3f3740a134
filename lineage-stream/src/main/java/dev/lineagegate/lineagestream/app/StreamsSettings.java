package dev.lineagegate.lineagestream.app;

import dev.lineagegate.schema.Topics;
import dev.lineagegate.service.StaticMembership;
import dev.lineagegate.service.StreamsProperties;
import java.net.URI;
import java.util.Properties;
import org.apache.kafka.streams.state.HostInfo;

/** The Kafka Streams properties of lineage-stream, from its config. */
final class StreamsSettings {

  private StreamsSettings() {}

  static Properties of(final LineageStreamConfig config, final HostInfo self) {
    final Properties props =
        StreamsProperties.of(
            config.applicationId(),
            config.bootstrapServers(),
            config.commitInterval(),
            config.stateDir(),
            config.threads(),
            config.replicationFactor(),
            self,
            config.streamsOverrides());
    // What the exception handlers skip lands where malformed events do, with the same headers.
    StreamsProperties.deadLetterTopic(props, Topics.EVENTS_DLQ.name());
    // A restart after a crash rejoins at once instead of waiting out the dead members' session.
    if (config.staticMembership()) {
      StaticMembership.apply(props, config.stateDir(), config.applicationId());
    }
    return props;
  }

  static HostInfo hostInfo(final URI advertised) {
    return StreamsProperties.hostInfo(advertised);
  }
}
