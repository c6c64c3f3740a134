package dev.lineagegate.lineagestream.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The running Kafka Streams instance and how others reach it. Set once Streams is built: the HTTP
 * server starts first because, with port 0, its port is part of {@code application.server}.
 */
public final class StreamsRef {

  private volatile KafkaStreams streams;
  private volatile HostInfo self;

  public void set(final KafkaStreams newStreams, final HostInfo newSelf) {
    this.self = newSelf;
    this.streams = newStreams;
  }

  /** The instance, or {@link Unavailable} before it exists. */
  public KafkaStreams streams() {
    final KafkaStreams current = streams;
    if (current == null) {
      throw new Unavailable("lineage-stream is starting");
    }
    return current;
  }

  public HostInfo self() {
    return self;
  }

  /** The state for /healthz: NOT_CREATED before Streams exists. */
  public String state() {
    final KafkaStreams current = streams;
    return current == null ? "NOT_CREATED" : current.state().name();
  }

  public boolean running() {
    final KafkaStreams current = streams;
    return current != null && current.state() == KafkaStreams.State.RUNNING;
  }
}
