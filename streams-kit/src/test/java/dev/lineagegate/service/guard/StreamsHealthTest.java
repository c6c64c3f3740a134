package dev.lineagegate.service.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {

  private static final Duration WINDOW = Duration.ofSeconds(60);

  private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
  private final AtomicReference<KafkaStreams.State> state =
      new AtomicReference<>(KafkaStreams.State.RUNNING);
  private final AtomicReference<Double> lag = new AtomicReference<>(0.0);
  private final ProcessingGuard guard = new ProcessingGuard();
  private final StreamsHealth health =
      new StreamsHealth(state::get, this::metrics, guard, WINDOW, nanos::get);

  @Test
  void shouldBeDownForAWindowWhenAStreamThreadFailedAlthoughStreamsSaysRunning() {
    // Given Streams RUNNING, whose thread just died and was replaced
    health.threadFailed(new IllegalStateException("RecordTooLargeException"));

    // When health is asked now, and after the window
    final StreamsHealth.Report now = health.report();
    nanos.addAndGet(WINDOW.plusSeconds(1).toNanos());
    final StreamsHealth.Report later = health.report();

    // Then it is down with the reason, then up again
    assertThat(now)
        .isEqualTo(
            new StreamsHealth.Report(
                false,
                "RUNNING",
                "a stream thread failed 0 s ago (1 since start):"
                    + " java.lang.IllegalStateException: RecordTooLargeException"));
    assertThat(later).isEqualTo(new StreamsHealth.Report(true, "RUNNING", null));
  }

  @Test
  void shouldBeDownWhenRecordsWaitAndNoneWasProcessedForTheWindow() {
    // Given records waiting on the input and no progress for longer than the window
    lag.set(12.0);
    nanos.set(guard.lastProgressNanos() + WINDOW.plusSeconds(5).toNanos());

    // When health is asked
    final StreamsHealth.Report report = health.report();

    // Then it is down, saying why
    assertThat(report)
        .isEqualTo(
            new StreamsHealth.Report(
                false, "RUNNING", "records are waiting (lag 12) and none was processed for 65 s"));
  }

  @Test
  void shouldBeUpWhenNothingWaitsEvenIfNothingWasProcessedForLong() {
    // Given an idle service
    nanos.set(guard.lastProgressNanos() + WINDOW.multipliedBy(10).toNanos());

    // When / Then
    assertThat(health.report()).isEqualTo(new StreamsHealth.Report(true, "RUNNING", null));
  }

  @Test
  void shouldBeDownWithTheStateWhenStreamsIsNotRunning() {
    state.set(KafkaStreams.State.REBALANCING);

    assertThat(health.report())
        .isEqualTo(new StreamsHealth.Report(false, "REBALANCING", "Kafka Streams is REBALANCING"));
  }

  private Map<MetricName, ? extends Metric> metrics() {
    final MetricName name =
        new MetricName(
            "records-lag-max",
            "consumer-fetch-manager-metrics",
            "",
            Map.of("client-id", "app-1-StreamThread-1-consumer"));
    return Map.of(
        name,
        new Metric() {
          @Override
          public MetricName metricName() {
            return name;
          }

          @Override
          public Object metricValue() {
            return lag.get();
          }
        });
  }
}
