package dev.lineagegate.service.guard;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether a Streams service is really working, for {@code /healthz}: Streams' own state says
 * RUNNING while its threads die and are replaced, or while a task is stuck, so health also asks
 * whether a stream thread failed within the last {@code window} and whether records are waiting
 * while none has been processed for that long.
 */
public final class StreamsHealth {

  /** What {@code /healthz} answers: up or not, Streams' state, and why not when it is not. */
  public record Report(boolean up, String state, String reason) {}

  private final Supplier<KafkaStreams.State> state;
  private final Supplier<Map<MetricName, ? extends Metric>> metrics;
  private final ProcessingGuard guard;
  private final Duration window;
  private final LongSupplier nanoClock;
  private final AtomicLong failures = new AtomicLong();
  private volatile long lastFailureNanos;
  private volatile String lastFailure;

  public StreamsHealth(
      final Supplier<KafkaStreams.State> state,
      final Supplier<Map<MetricName, ? extends Metric>> metrics,
      final ProcessingGuard guard,
      final Duration window,
      final LongSupplier nanoClock) {
    this.state = state;
    this.metrics = metrics;
    this.guard = guard;
    this.window = window;
    this.nanoClock = nanoClock;
  }

  /** A stream thread is dying of {@code error} (it will be replaced). */
  public void threadFailed(final Throwable error) {
    failures.incrementAndGet();
    lastFailure = String.valueOf(error);
    lastFailureNanos = nanoClock.getAsLong();
  }

  /** Stream threads that died since start. */
  public long threadFailures() {
    return failures.get();
  }

  /** The health of {@code streams}, whose threads {@code guard} watches. */
  public static StreamsHealth of(
      final KafkaStreams streams, final ProcessingGuard guard, final Duration window) {
    return new StreamsHealth(streams::state, streams::metrics, guard, window, System::nanoTime);
  }

  public Report report() {
    final KafkaStreams.State current = this.state.get();
    final String state = current.name();
    if (current != KafkaStreams.State.RUNNING) {
      return new Report(false, state, "Kafka Streams is " + state);
    }
    final long now = nanoClock.getAsLong();
    if (failures.get() > 0 && now - lastFailureNanos < window.toNanos()) {
      return new Report(
          false,
          state,
          "a stream thread failed "
              + Duration.ofNanos(now - lastFailureNanos).toSeconds()
              + " s ago ("
              + failures.get()
              + " since start): "
              + lastFailure);
    }
    final double lag = inputLag();
    if (lag > 0 && now - guard.lastProgressNanos() > window.toNanos()) {
      return new Report(
          false,
          state,
          "records are waiting (lag "
              + (long) lag
              + ") and none was processed for "
              + Duration.ofNanos(now - guard.lastProgressNanos()).toSeconds()
              + " s");
    }
    return new Report(true, state, null);
  }

  /** The largest lag of the stream threads' consumers on their input partitions (0 if unknown). */
  private double inputLag() {
    double lag = 0;
    for (final Map.Entry<MetricName, ? extends Metric> entry : metrics.get().entrySet()) {
      final MetricName name = entry.getKey();
      if (!"records-lag-max".equals(name.name())
          || !"consumer-fetch-manager-metrics".equals(name.group())) {
        continue;
      }
      final String client = name.tags().getOrDefault("client-id", "");
      if (client.contains("restore") || client.contains("global")) {
        continue;
      }
      final Metric metric = entry.getValue();
      if (metric.metricValue() instanceof Double value && !value.isNaN()) {
        lag = Math.max(lag, value);
      }
    }
    return lag;
  }
}
