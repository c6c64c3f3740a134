package dev.lineagegate.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft broker in this JVM (one combined broker + controller node), bound to loopback. Tests
 * share one per JVM through {@link #shared()}; a test that must stop a broker starts its own with
 * {@link #start()} and closes it.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static final OncePerJvm<KafkaBroker> SHARED = new OncePerJvm<>(KafkaBroker::startShared);

  private final KafkaClusterTestKit cluster;
  private final String bootstrapServers;
  private final Duration startTime;
  private final AtomicBoolean closed = new AtomicBoolean();

  private KafkaBroker(final KafkaClusterTestKit cluster, final Duration startTime) {
    this.cluster = cluster;
    // The test kit names its listener "localhost"; clients connect to loopback explicitly.
    this.bootstrapServers = cluster.bootstrapServers().replace("localhost", "127.0.0.1");
    this.startTime = startTime;
  }

  /** Closes the shared instance if this JVM started one (at the end of the test session). */
  static void closeShared() {
    SHARED.ifPresent(KafkaBroker::close);
  }

  /** The broker of this test JVM, started on first use and stopped when the JVM exits. */
  public static KafkaBroker shared() {
    return SHARED.get();
  }

  /** A new broker of its own; the caller closes it. */
  public static KafkaBroker start() {
    final long begin = System.nanoTime();
    try {
      final TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              // The default is the newest, possibly unreleased, version: pin the production one.
              .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
              .build();
      final KafkaClusterTestKit cluster =
          new KafkaClusterTestKit.Builder(nodes)
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("offsets.topic.num.partitions", "4")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("transaction.state.log.num.partitions", "4")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setConfigProp("auto.create.topics.enable", "false")
              .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      final KafkaBroker broker =
          new KafkaBroker(cluster, Duration.ofNanos(System.nanoTime() - begin));
      LOG.info(
          "Kafka broker ready at {} in {} ms",
          broker.bootstrapServers,
          broker.startTime.toMillis());
      return broker;
    } catch (Exception e) {
      throw new IllegalStateException("Kafka broker did not start: " + e, e);
    }
  }

  private static KafkaBroker startShared() {
    final KafkaBroker broker = start();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
    return broker;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** How long format + startup + ready took. */
  public Duration startTime() {
    return startTime;
  }

  /**
   * Stops the broker process of this cluster, leaving its controller running: clients see the
   * broker unreachable. Only for a broker of one's own ({@link #start()}), never the shared one.
   */
  public void stopBroker() {
    cluster.brokers().values().forEach(broker -> broker.shutdown(Duration.ofSeconds(10)));
    cluster.brokers().values().forEach(broker -> broker.awaitShutdown());
  }

  /** Starts the broker stopped by {@link #stopBroker()} again, on the same address. */
  public void restartBroker() {
    cluster.brokers().values().forEach(broker -> broker.startup());
    try {
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      throw new IllegalStateException("Kafka broker did not come back: " + e, e);
    }
  }

  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** Creates the topics (idempotently) with {@code partitions} partitions each. */
  public void createTopics(final int partitions, final String... names) {
    final List<NewTopic> topics =
        Arrays.stream(names).map(name -> new NewTopic(name, partitions, (short) 1)).toList();
    try (Admin admin = admin()) {
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("could not create topics " + Arrays.toString(names), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out creating topics " + Arrays.toString(names), e);
    }
  }

  /** Producer settings for this broker: idempotent, acks=all. */
  public Map<String, Object> producerConfig() {
    final Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  /** Consumer settings for this broker: read from the beginning, read committed only. */
  public Map<String, Object> consumerConfig(final String groupId) {
    final Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      cluster.close();
    } catch (Exception e) {
      LOG.warn("Kafka broker at {} did not close cleanly: {}", bootstrapServers, e.toString());
    }
  }
}
