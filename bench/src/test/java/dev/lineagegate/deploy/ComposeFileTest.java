package dev.lineagegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lineagegate.config.Settings;
import dev.lineagegate.gate.app.GateConfig;
import dev.lineagegate.ingest.IngestConfig;
import dev.lineagegate.lineagestream.app.LineageStreamConfig;
import dev.lineagegate.schema.Topic;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.stack.StackTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and the Dockerfile checked without a Docker engine: the file is parsed as YAML
 * and compared with what the services really read. {@code docker compose config} also runs where
 * the Compose plugin is installed (it is not on the build machines: plain docker client only, so
 * that test is skipped there).
 */
class ComposeFileTest {

  private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).resolve("..");
  private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
  private static final Map<String, Map<String, String>> SETTINGS =
      Map.of(
          "ingest", IngestConfig.DEFAULTS,
          "lineage-stream", LineageStreamConfig.DEFAULTS,
          "gate-service", GateConfig.DEFAULTS);

  private static JsonNode compose;

  @BeforeAll
  static void read() throws IOException {
    compose = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile());
  }

  @Test
  void shouldDeclareTheWholeStackWhenParsed() {
    // When
    final Set<String> services = new TreeSet<>();
    compose.path("services").fieldNames().forEachRemaining(services::add);
    // Then
    assertThat(services)
        .isEqualTo(
            new TreeSet<>(
                List.of(
                    "kafka",
                    "topics",
                    "schema-registry",
                    "ingest",
                    "lineage-stream",
                    "gate-service")));
  }

  @Test
  void shouldWaitForHealthyOrFinishedServicesWhenAServiceDependsOnOthers() {
    // When
    final Map<String, Map<String, String>> dependencies = new TreeMap<>();
    final List<String> problems = new ArrayList<>();
    compose
        .path("services")
        .properties()
        .forEach(
            service -> {
              final Map<String, String> conditions = new TreeMap<>();
              service
                  .getValue()
                  .path("depends_on")
                  .properties()
                  .forEach(
                      dep -> {
                        final String condition = dep.getValue().path("condition").asText();
                        conditions.put(dep.getKey(), condition);
                        final JsonNode target = compose.path("services").path(dep.getKey());
                        if (condition.equals("service_healthy")
                            && target.path("healthcheck").path("test").isMissingNode()) {
                          problems.add(dep.getKey() + " has no healthcheck");
                        }
                      });
              dependencies.put(service.getKey(), conditions);
            });
    // Then: every dependency has a condition that a health check or an exit code can satisfy
    final Map<String, String> onKafka = Map.of("kafka", "service_healthy");
    final Map<String, String> onTopicsAndRegistry =
        Map.of("topics", "service_completed_successfully", "schema-registry", "service_healthy");
    assertThat(dependencies)
        .isEqualTo(
            Map.of(
                "kafka", Map.of(),
                "topics", onKafka,
                "schema-registry", onKafka,
                "ingest", onTopicsAndRegistry,
                "lineage-stream", onTopicsAndRegistry,
                "gate-service", onTopicsAndRegistry));
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldCheckTheHealthOfEveryLongRunningServiceWhenComposeWaits() {
    // When
    final Map<String, String> checks = new TreeMap<>();
    compose
        .path("services")
        .properties()
        .forEach(
            s -> checks.put(s.getKey(), s.getValue().path("healthcheck").path("test").toString()));
    // Then: the services probe their own /healthz (Dockerfile's /app/healthcheck)
    assertThat(checks)
        .isEqualTo(
            Map.of(
                "kafka",
                "[\"CMD-SHELL\",\"/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server"
                    + " kafka:19092 > /dev/null 2>&1\"]",
                "topics",
                "",
                "schema-registry",
                "[\"CMD-SHELL\",\"curl -fsS http://localhost:8081/subjects > /dev/null\"]",
                "ingest",
                "[\"CMD\",\"/app/healthcheck\",\"8080\"]",
                "lineage-stream",
                "[\"CMD\",\"/app/healthcheck\",\"8081\"]",
                "gate-service",
                "[\"CMD\",\"/app/healthcheck\",\"8082\"]"));
  }

  @Test
  void shouldPublishTheDocumentedPortsWhenRunOnAHost() {
    // When
    final Set<String> ports = new TreeSet<>();
    compose
        .path("services")
        .forEach(service -> service.path("ports").forEach(port -> ports.add(port.asText())));
    // Then: DESIGN.md §8's ports; the registry's 8081 is published as 8085
    assertThat(ports)
        .isEqualTo(
            new TreeSet<>(
                List.of("8080:8080", "8081:8081", "8082:8082", "8085:8081", "9092:9092")));
  }

  @Test
  void shouldSetOnlyRealSettingsWhenServicesAreConfiguredByEnvironment() {
    // When
    final List<String> unknown = new ArrayList<>();
    final Map<String, Map<String, String>> reached = new TreeMap<>();
    SETTINGS.forEach(
        (service, defaults) -> {
          final Set<String> known = new TreeSet<>();
          defaults.keySet().forEach(key -> known.add(Settings.envName(key)));
          final Map<String, String> env = environment(service);
          env.keySet().stream()
              .filter(name -> name.startsWith(Settings.ENV_PREFIX))
              .filter(name -> !known.contains(name) && !open(name))
              .forEach(name -> unknown.add(service + ": " + name));
          reached.put(
              service,
              Map.of(
                  "bootstrap", env.getOrDefault("LINEAGE_GATE_KAFKA_BOOTSTRAP_SERVERS", ""),
                  "registry", env.getOrDefault("LINEAGE_GATE_REGISTRY_URL", "")));
        });
    // Then
    assertThat(unknown).isEmpty();
    final Map<String, String> network =
        Map.of("bootstrap", "kafka:19092", "registry", "http://schema-registry:8081");
    assertThat(reached)
        .isEqualTo(Map.of("ingest", network, "lineage-stream", network, "gate-service", network));
  }

  @Test
  void shouldListenOnEveryInterfaceWhenRunInAContainer() {
    // When
    final Map<String, String> ingest = environment("ingest");
    final Map<String, String> lineage = environment("lineage-stream");
    final Map<String, String> gate = environment("gate-service");
    // Then: reachable from other containers, advertised under the service's DNS name
    assertThat(
            List.of(
                ingest.get(env("ingest.host")),
                lineage.get(env("lineage.http.host")),
                lineage.get(env("lineage.advertised-url")),
                gate.get(env("gate.http.host")),
                gate.get(env("gate.advertised-url"))))
        .isEqualTo(
            List.of(
                "0.0.0.0",
                "0.0.0.0",
                "http://lineage-stream:8081",
                "0.0.0.0",
                "http://gate-service:8082"));
  }

  @Test
  void shouldKeepStateAndKeysOnNamedVolumesWhenContainersAreReplaced() {
    // When
    final Map<String, String> mounts = new TreeMap<>();
    compose
        .path("services")
        .properties()
        .forEach(
            s ->
                s.getValue()
                    .path("volumes")
                    .forEach(
                        v -> {
                          final String[] parts = v.asText().split(":");
                          mounts.put(parts[1], parts[0]);
                        }));
    final Set<String> declared = new TreeSet<>();
    compose.path("volumes").fieldNames().forEachRemaining(declared::add);
    // Then: every directory a service writes is a mount of a declared named volume
    assertThat(mounts)
        .isEqualTo(
            Map.of(
                "/var/lib/kafka/data",
                "kafka-data",
                environment("lineage-stream").get(env("lineage.state-dir")),
                "lineage-stream-state",
                environment("gate-service").get(env("gate.state-dir")),
                "gate-state",
                environment("gate-service").get(env("gate.key-dir")),
                "gate-keys"));
    assertThat(declared).isEqualTo(new TreeSet<>(mounts.values()));
  }

  @Test
  void shouldCreateEveryTopicWithEqualPartitionsWhenTheTopicsServiceRuns() {
    // Given
    final JsonNode topics = compose.path("services").path("topics");
    // When: the specs name:partitions:config=value,...
    final Map<String, Integer> partitions = new LinkedHashMap<>();
    final Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    for (final String spec :
        topics.path("environment").path("TOPICS").asText().trim().split("\\s+")) {
      final String[] parts = spec.split(":", 3);
      partitions.put(parts[0], Integer.parseInt(parts[1]));
      final Map<String, String> config = new TreeMap<>();
      if (parts.length == 3) {
        Arrays.stream(parts[2].split(","))
            .map(c -> c.split("=", 2))
            .forEach(kv -> config.put(kv[0], kv[1]));
      }
      configs.put(parts[0], config);
    }
    // Then
    final Map<String, Map<String, String>> expected = new LinkedHashMap<>();
    StackTopics.all().forEach((name, config) -> expected.put(name, new TreeMap<>(config)));
    assertThat(configs).isEqualTo(expected);
    assertThat(partitions.keySet()).containsAll(Topics.ALL.stream().map(Topic::name).toList());
    assertThat(new TreeSet<>(partitions.values())).isEqualTo(Set.of(StackTopics.PARTITIONS));
    assertThat(partitions.get(Topics.VERDICTS.name()))
        .isEqualTo(partitions.get(Topics.DECISIONS.name()));
    assertThat(topics.path("command").get(0).asText())
        .contains("for spec in $$TOPICS", "--create --if-not-exists");
  }

  @Test
  void shouldBuildEveryServiceTargetWhenTheDockerfileIsRead() throws IOException {
    // Given
    final List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
    // When
    final Set<String> targets = new TreeSet<>();
    lines.stream()
        .filter(l -> l.startsWith("FROM ") && l.contains(" AS "))
        .forEach(l -> targets.add(l.substring(l.lastIndexOf(' ') + 1)));
    final Set<String> built = new TreeSet<>();
    compose
        .path("services")
        .forEach(
            s -> {
              if (s.has("build")) {
                built.add(s.path("build").path("target").asText());
              }
            });
    // Then: one target per built service (plus the shared stages), never run as root
    assertThat(built).isEqualTo(new TreeSet<>(SETTINGS.keySet()));
    assertThat(targets)
        .isEqualTo(
            new TreeSet<>(List.of("build", "runtime", "ingest", "lineage-stream", "gate-service")));
    assertThat(lines.stream().filter(l -> l.startsWith("USER ")).toList())
        .isEqualTo(List.of("USER 10001:10001"));
  }

  @Test
  void shouldBeValidForDockerComposeWhenTheComposePluginIsInstalled() throws Exception {
    // Given: `docker compose` (absent on the build machines: plain docker client only)
    Assumptions.assumeTrue(
        run("docker", "compose", "version") == 0, "docker compose not installed");
    // When
    final int exit = run("docker", "compose", "-f", COMPOSE.toString(), "config", "--quiet");
    // Then
    assertThat(exit).isZero();
  }

  private static Map<String, String> environment(final String service) {
    final Map<String, String> env = new TreeMap<>();
    compose
        .path("services")
        .path(service)
        .path("environment")
        .properties()
        .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    return env;
  }

  private static String env(final String key) {
    return Settings.envName(key);
  }

  private static boolean open(final String name) {
    return Settings.OPEN_PREFIXES.stream().anyMatch(prefix -> name.startsWith(env(prefix)));
  }

  private static int run(final String... command) throws InterruptedException {
    try {
      final Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (IOException e) {
      return -1;
    }
  }
}
