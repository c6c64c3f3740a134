package dev.lineagegate.lineagestream.app;

import dev.lineagegate.schema.Topics;
import dev.lineagegate.service.StaticMembership;
import dev.lineagegate.service.StreamsProperties;
import java.net.URI;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/** The Kafka Streams properties of lineage-stream, from its config. */
public final class StreamsSettings {

  /**
   * The producer's linger, chosen for the graph path (issue #14): Kafka Streams defaults it to 100
   * ms, as long as the commit interval, so every record of an interval waited for the commit's
   * flush and the stream thread stood still while all of them went out. 5 ms sends them while the
   * thread works on (a batch per few ms still), and only the last few wait for the commit. A {@code
   * lineage.kafka.producer.linger.ms} or {@code lineage.kafka.linger.ms} override wins.
   */
  public static final String LINGER_MS = "5";

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
    if (!props.containsKey(ProducerConfig.LINGER_MS_CONFIG)) {
      props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), LINGER_MS);
    }
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
