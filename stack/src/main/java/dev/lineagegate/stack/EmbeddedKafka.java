package dev.lineagegate.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.ObjectName;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: one KRaft node that is broker and controller, its log in the
 * data directory (formatted once, then reused: topics and offsets survive a restart), listening on
 * 127.0.0.1 only.
 */
final class EmbeddedKafka implements AutoCloseable {

  /** Written by the broker's log manager on a clean shutdown, deleted when it starts. */
  static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  /**
   * The controller's start plus the dead incarnation's session (0.5 s here): 1-7 s measured, up to
   * 16 s on a host loaded 15 times over its cores.
   */
  private static final Duration FENCE_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafka(final KafkaRaftServer server, final String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  static EmbeddedKafka start(final Path dir, final int port, final int controllerPort) {
    final Path logs = dir.resolve("log");
    final Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    props.put("log.dirs", logs.toAbsolutePath().toString());
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "6");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "6");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", "3");
    // The unclean-shutdown recovery of every partition (~75 small logs: index checks and producer
    // snapshots, mostly waiting on fsync) runs on this many threads; 2 by default.
    props.put("num.recovery.threads.per.data.dir", "8");
    final Path config = dir.resolve("server.properties");
    try {
      Files.createDirectories(logs);
      try (Writer out = Files.newBufferedWriter(config)) {
        props.store(out, "written by lineage-gate up at every start; edit settings instead");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the broker's files under " + dir, e);
    }
    if (!Files.exists(logs.resolve("meta.properties"))) {
      format(config);
    } else if (!Files.exists(logs.resolve(CLEAN_SHUTDOWN_FILE))) {
      fenceDeadIncarnation(props, controllerPort);
    }
    final KafkaRaftServer server =
        new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    return new EmbeddedKafka(server, "127.0.0.1:" + port);
  }

  /**
   * After an unclean stop (kill -9: the broker wrote no {@value #CLEAN_SHUTDOWN_FILE}), runs the
   * controller alone until it has fenced the broker's dead incarnation, then stops it.
   *
   * <p>Why: started as broker and controller at once, the node first acts on the metadata of its
   * previous life, where it still leads every partition, while the controller fences the dead
   * incarnation only when its session runs out ({@code broker.session.timeout.ms} after the
   * controller's activation, 9 s; the new incarnation cannot register before) and the partitions
   * become leaderless until the new one leads them again. The transaction coordinator elected from
   * that stale view completes a transaction the kill caught between its prepare record and its
   * markers; if the partitions are leaderless by the time it sends the markers, Kafka 4.3 takes
   * them for deleted (KRaftMetadataCache gives no endpoint for a leaderless partition,
   * KAFKA-20734), skips the markers and completes the transaction anyway. That transaction then
   * hangs for good: lineage-stream waits forever on "unstable offsets" and read_committed readers
   * stop at its first offset (twice in the trials of docs/BENCHMARKS.md, "restart after kill -9").
   * Fenced first, the node starts without leadership, registers at once, and coordinates
   * transactions only once it leads the partitions again, markers included.
   */
  private static void fenceDeadIncarnation(final Properties broker, final int controllerPort) {
    final Properties props = new Properties();
    props.putAll(broker);
    props.put("process.roles", "controller");
    props.put("listeners", "CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT");
    props.remove("advertised.listeners");
    // Nothing heartbeats to this controller: the dead incarnation's session only has to run out.
    props.put("broker.session.timeout.ms", "500");
    props.put("broker.heartbeat.interval.ms", "250");
    final KafkaRaftServer controller =
        new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    controller.startup();
    try {
      final long deadline = System.nanoTime() + FENCE_TIMEOUT.toNanos();
      while (!(gauge("FencedBrokerCount") > 0 && gauge("ActiveBrokerCount") == 0)) {
        if (System.nanoTime() > deadline) {
          // Only when the broker never registered (killed within its first seconds): there is
          // nothing to fence, and starting as before is right.
          LOG.warn("no fenced broker after {}, starting anyway", FENCE_TIMEOUT);
          return;
        }
        Thread.sleep(50);
      }
      LOG.info("previous broker incarnation fenced; starting the broker");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fencing the previous incarnation", e);
    } finally {
      controller.shutdown();
      controller.awaitShutdown();
    }
  }

  /**
   * A controller gauge (Kafka's documented JMX metrics, {@code
   * kafka.controller:type=KafkaController,name=...}), from the metadata the controller has
   * replayed; 0 while not registered yet.
   */
  private static long gauge(final String name) {
    try {
      final Object value =
          ManagementFactory.getPlatformMBeanServer()
              .getAttribute(
                  new ObjectName("kafka.controller:type=KafkaController,name=" + name), "Value");
      return ((Number) value).longValue();
    } catch (InstanceNotFoundException notYet) {
      return 0;
    } catch (JMException e) {
      throw new IllegalStateException("cannot read the controller's " + name, e);
    }
  }

  /** {@code kafka-storage.sh format --standalone}, once: the log directory keeps its cluster id. */
  private static void format(final Path config) {
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final int status;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status =
          StorageTool.execute(
              new String[] {
                "format",
                "--config",
                config.toString(),
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--standalone"
              },
              print);
    }
    if (status != 0) {
      throw new IllegalStateException(
          "formatting the broker's log directory failed: "
              + output.toString(StandardCharsets.UTF_8));
    }
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
