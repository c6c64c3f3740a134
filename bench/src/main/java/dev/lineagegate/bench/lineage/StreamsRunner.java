package dev.lineagegate.bench.lineage;

import dev.lineagegate.lineagestream.app.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Runs a topology with lineage-stream's processing settings (exactly_once_v2, the given commit
 * interval, RocksDB state in a fresh directory) on a broker: the same for the baseline and for the
 * lineage topology, so that their ratio measures the topology and nothing else.
 */
public final class StreamsRunner implements AutoCloseable {

  private final KafkaStreams streams;
  private final String applicationId;

  StreamsRunner(
      final Topology topology,
      final String applicationId,
      final String bootstrap,
      final Duration commitInterval,
      final int threads) {
    this.applicationId = applicationId;
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) commitInterval.toMillis());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10 * 1024 * 1024);
    // lineage-stream's producer linger (Kafka Streams' default is 100 ms); -Dbench.linger.ms=100
    // measures the difference.
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
        System.getProperty("bench.linger.ms", StreamsSettings.LINGER_MS));
    try {
      props.put(
          StreamsConfig.STATE_DIR_CONFIG,
          Files.createTempDirectory("bench-" + applicationId).toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    streams = new KafkaStreams(topology, props);
  }

  StreamsRunner start() {
    streams.start();
    final long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(applicationId + " not RUNNING: " + streams.state());
      }
      sleep(50);
    }
    return this;
  }

  static void sleep(final long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
    streams.cleanUp();
  }
}
