package dev.lineagegate.lineagestream.query;

import dev.lineagegate.service.guard.StreamsHealth;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The running Kafka Streams instance and how others reach it. Set once Streams is built: the HTTP
 * server starts first because, with port 0, its port is part of {@code application.server}.
 */
public final class StreamsRef {

  private volatile KafkaStreams streams;
  private volatile HostInfo self;
  private volatile Supplier<StreamsHealth.Report> health;

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

  /** What tells /healthz the truth once Streams exists (StreamsRunner's health). */
  public void health(final Supplier<StreamsHealth.Report> report) {
    this.health = report;
  }

  /** For /healthz: down before Streams exists, then whatever its health says. */
  public StreamsHealth.Report report() {
    final Supplier<StreamsHealth.Report> current = health;
    if (current != null) {
      return current.get();
    }
    final String state = state();
    return new StreamsHealth.Report("RUNNING".equals(state), state, null);
  }

  /** The state: NOT_CREATED before Streams exists. */
  public String state() {
    final KafkaStreams current = streams;
    return current == null ? "NOT_CREATED" : current.state().name();
  }

  public boolean running() {
    final KafkaStreams current = streams;
    return current != null && current.state() == KafkaStreams.State.RUNNING;
  }
}
