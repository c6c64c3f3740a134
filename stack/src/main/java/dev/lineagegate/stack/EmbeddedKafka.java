package dev.lineagegate.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker in this JVM: one KRaft node that is broker and controller, its log in the
 * data directory (formatted once, then reused: topics and offsets survive a restart), listening on
 * 127.0.0.1 only.
 */
final class EmbeddedKafka implements AutoCloseable {

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
    }
    final KafkaRaftServer server =
        new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    return new EmbeddedKafka(server, "127.0.0.1:" + port);
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
