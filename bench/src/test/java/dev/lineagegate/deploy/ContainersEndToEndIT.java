package dev.lineagegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.config.Settings;
import dev.lineagegate.gate.app.GateApp;
import dev.lineagegate.gate.app.GateConfig;
import dev.lineagegate.ingest.IngestApp;
import dev.lineagegate.ingest.IngestConfig;
import dev.lineagegate.lineagestream.app.LineageStreamApp;
import dev.lineagegate.lineagestream.app.LineageStreamConfig;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.stack.StackTopics;
import dev.lineagegate.testkit.Http;
import dev.lineagegate.testkit.TestEvents;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The three services, in this JVM, against the images docker-compose.yml runs: Apache Kafka in a
 * container and Confluent's schema registry (not Apicurio, as every other test uses). One run's
 * START and COMPLETE go in over HTTP; lineage-stream must serve a PASS verdict and the gate must
 * ALLOW the model to {@code dev}. Skipped where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersEndToEndIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Network NETWORK = Network.newNetwork();

  @Container
  private static final KafkaContainer KAFKA =
      new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.0"))
          .withNetwork(NETWORK)
          .withListener("kafka:19092");

  @Container
  private static final GenericContainer<?> REGISTRY =
      new GenericContainer<>(DockerImageName.parse("confluentinc/cp-schema-registry:7.9.0"))
          .withNetwork(NETWORK)
          .withNetworkAliases("schema-registry")
          .withExposedPorts(8081)
          .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
          .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
          .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
          .withEnv("SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL", "backward")
          .dependsOn(KAFKA)
          .waitingFor(
              Wait.forHttp("/subjects")
                  .forStatusCode(200)
                  .withStartupTimeout(Duration.ofMinutes(3)));

  @TempDir private static Path dirs;

  private static IngestApp ingest;
  private static LineageStreamApp lineage;
  private static GateApp gate;

  @BeforeAll
  static void start() throws Exception {
    createTopics(KAFKA.getBootstrapServers());
    final Map<String, String> common =
        Map.of(
            "kafka.bootstrap.servers",
            KAFKA.getBootstrapServers(),
            "registry.url",
            "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081));
    ingest =
        IngestApp.start(
            IngestConfig.from(settings(IngestConfig.DEFAULTS, common, Map.of("ingest.port", "0"))));
    lineage =
        LineageStreamApp.start(
            LineageStreamConfig.from(
                settings(
                    LineageStreamConfig.DEFAULTS,
                    common,
                    Map.of(
                        "lineage.http.port", "0",
                        "lineage.application-id", "containers-e2e-lineage",
                        "lineage.state-dir", dirs.resolve("lineage").toString(),
                        "lineage.replication-factor", "1"))));
    gate =
        GateApp.start(
            GateConfig.from(
                settings(
                    GateConfig.DEFAULTS,
                    common,
                    Map.of(
                        "gate.http.port", "0",
                        "gate.application-id", "containers-e2e-gate",
                        "gate.state-dir", dirs.resolve("gate/state").toString(),
                        "gate.key-dir", dirs.resolve("gate/keys").toString(),
                        "gate.replication-factor", "1"))));
  }

  @AfterAll
  static void stop() {
    for (final AutoCloseable app : new AutoCloseable[] {gate, lineage, ingest}) {
      if (app != null) {
        try {
          app.close();
        } catch (Exception e) {
          // the containers go anyway; nothing else to release
        }
      }
    }
  }

  @Test
  void shouldPassAndAllowTheModelWhenARunIsReportedOverHttp() throws Exception {
    // Given
    final ExecutionEventJson json = new ExecutionEventJson();
    final String model = TestEvents.MODEL_V1.value();
    // When
    final Http.Answer accepted =
        Http.post(
            ingest.url(),
            "/v1/events",
            "application/json",
            "["
                + json.writeString(TestEvents.trainStart())
                + ","
                + json.writeString(TestEvents.trainComplete())
                + "]");
    final JsonNode verdict =
        await(lineage.url(), "/v1/artifacts/" + model + "/verdict", a -> a.status() == 200);
    final JsonNode decision =
        await(
            gate.url(),
            "/v1/gate/" + model + "?target=dev",
            a -> a.status() == 200 && "ALLOW".equals(a.json().path("decision").asText()));
    // Then
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(
            List.of(
                verdict.path("artifact").asText(),
                verdict.path("name").asText(),
                verdict.path("status").asText(),
                verdict.path("producingRunId").asText(),
                verdict.path("reasons").toString()))
        .isEqualTo(List.of(model, TestEvents.MODEL, "PASS", TestEvents.TRAIN_RUN, "[]"));
    assertThat(
            List.of(
                decision.path("decision").asText(),
                decision.path("artifact").asText(),
                decision.path("target").asText()))
        .isEqualTo(List.of("ALLOW", model, "dev"));
  }

  private static void createTopics(final String bootstrapServers) throws Exception {
    final List<NewTopic> topics =
        StackTopics.all().entrySet().stream()
            .map(
                e ->
                    new NewTopic(e.getKey(), StackTopics.PARTITIONS, (short) 1)
                        .configs(e.getValue()))
            .toList();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
    }
  }

  private static Settings settings(
      final Map<String, String> defaults,
      final Map<String, String> common,
      final Map<String, String> own) {
    final Map<String, String> merged = new HashMap<>(defaults);
    merged.putAll(common);
    merged.putAll(own);
    return Settings.merge(merged, null, new Properties(), Map.of());
  }

  /** Polls {@code path} until an answer satisfies {@code done} (bounded), and returns its body. */
  private static JsonNode await(
      final URI base, final String path, final Predicate<Http.Answer> done) throws Exception {
    final long deadline = System.nanoTime() + WAIT.toNanos();
    Http.Answer last = null;
    while (System.nanoTime() < deadline) {
      last = Http.get(base, path);
      if (done.test(last)) {
        return last.json();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no awaited answer from " + base.resolve(path) + "; last: " + last);
  }
}
