package dev.lineagegate.service;

import dev.lineagegate.service.guard.ProcessingGuard;
import dev.lineagegate.service.guard.StreamsHealth;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Kafka Streams and waits, bounded, for RUNNING; replaces a thread that dies of an
 * unexpected error (the error is logged, processing resumes from the last commit) and counts the
 * death against the record it was processing ({@link ProcessingGuard}: twice, and that record is
 * quarantined instead of killing threads forever); tells health the truth ({@link StreamsHealth});
 * closes leaving the group so that the other instances take the tasks over at once, not after a
 * session timeout.
 */
public final class StreamsRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /** How long a failed stream thread keeps health down (a stuck task too). */
  public static final Duration HEALTH_WINDOW = Duration.ofSeconds(60);

  private final KafkaStreams streams;
  private final Optional<RocksDbBudget> budget;
  private final ProcessingGuard guard;
  private final StreamsHealth health;
  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch failed = new CountDownLatch(1);

  /**
   * Kafka Streams for {@code topology}, its RocksDB stores sharing {@code rocksDbMib} MiB ({@link
   * RocksDbBudget}; 0 for RocksDB's defaults). The runner owns both: closing it closes Streams,
   * then the budget.
   */
  public static StreamsRunner create(
      final Topology topology, final Properties props, final int rocksDbMib) {
    final Optional<RocksDbBudget> budget = RocksDbBudget.apply(props, rocksDbMib);
    final ProcessingGuard guard = new ProcessingGuard();
    props.put(ProcessingGuard.CONFIG, guard);
    try {
      return new StreamsRunner(new KafkaStreams(topology, props), budget, guard);
    } catch (RuntimeException e) {
      budget.ifPresent(RocksDbBudget::close);
      throw e;
    }
  }

  private StreamsRunner(
      final KafkaStreams streams,
      final Optional<RocksDbBudget> budget,
      final ProcessingGuard guard) {
    this.streams = streams;
    this.budget = budget;
    this.guard = guard;
    this.health = StreamsHealth.of(streams, guard, HEALTH_WINDOW);
    streams.setStateListener(
        (now, before) -> {
          LOG.info("Kafka Streams state {} -> {}", before, now);
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            failed.countDown();
          }
        });
    streams.setUncaughtExceptionHandler(
        error -> {
          health.threadFailed(error);
          final Optional<ProcessingGuard.Position> record = guard.threadDied(error);
          LOG.error(
              "stream thread {} failed{}; replacing it, it resumes from the last commit",
              Thread.currentThread().getName(),
              record.map(at -> " while processing the record at " + at).orElse(""),
              error);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
  }

  public KafkaStreams streams() {
    return streams;
  }

  public void start(final Duration timeout) {
    try {
      streams.start();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    final long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (running.await(100, TimeUnit.MILLISECONDS)) {
          return;
        }
        if (failed.getCount() == 0) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    final KafkaStreams.State state = streams.state();
    close();
    throw new IllegalStateException(
        "Kafka Streams did not reach RUNNING within "
            + timeout
            + " (state "
            + state
            + "): are the broker reachable and the topics of DESIGN.md §5 created?");
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Whether the instance really works: see {@link StreamsHealth}. */
  public StreamsHealth health() {
    return health;
  }

  public ProcessingGuard guard() {
    return guard;
  }

  @Override
  public void close() {
    if (!streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(CLOSE_TIMEOUT))) {
      LOG.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
      return; // stores may still be open: freeing what they use would crash the JVM
    }
    budget.ifPresent(RocksDbBudget::close);
  }
}
