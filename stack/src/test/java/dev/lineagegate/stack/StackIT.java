package dev.lineagegate.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.client.IngestClient;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.stack.demo.DemoPipeline;
import dev.lineagegate.testkit.Http;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lineage-gate up} for real: broker, registry, topics, schemas and the three services in
 * this JVM; the demo pipeline through the Java client; then a restart on the same data directory
 * serves the same verdicts, decisions and signing key.
 */
class StackIT {

  @TempDir Path data;

  @Test
  void shouldServeTheDemoVerdictsAndTheSameOnesAfterARestartWhenTheDataDirIsKept()
      throws Exception {
    // Given the demo's policy kept in the data directory, and the stack up
    Files.createDirectories(data);
    final Path policy = data.resolve("policy.yaml");
    Files.writeString(policy, DemoPipeline.POLICY, StandardCharsets.UTF_8);
    final Map<String, Digest> artifacts;
    final Map<String, JsonNode> verdicts;
    final JsonNode decisions;
    final String keyId;
    final String cleanV2;
    try (Stack stack = Stack.up(options(policy), line -> {})) {
      // When the demo pipeline runs
      artifacts =
          new DemoPipeline(
                  IngestClient.builder().baseUrl(stack.ingestUrl()).build(), data.resolve("demo"))
              .run();
      verdicts = settled(stack, artifacts);

      // Then each artifact shows what the demo is built to show
      assertThat(codes(verdicts.get("clean v2 (clean)"))).isEmpty();
      assertThat(verdicts.get("clean v2 (clean)").path("status").asText()).isEqualTo("PASS");
      assertThat(codes(verdicts.get("features"))).containsExactly("SUPERSEDED_INPUT");
      assertThat(codes(verdicts.get("model, run 1")))
          .contains("STALE_INPUT", "NONDETERMINISTIC", "UPSTREAM_WARNED");
      assertThat(codes(verdicts.get("evaluation (unauditable)")))
          .contains("MISSING_CODE_VERSION", "MISSING_OWNER", "MISSING_ENVIRONMENT");
      assertThat(verdicts.get("serving image").path("status").asText()).isEqualTo("BLOCK");

      // and the gate allows the clean artifact to prod, and records its promotion
      cleanV2 = artifacts.get("clean v2 (clean)").value();
      assertThat(gate(stack, cleanV2, "prod").path("decision").asText()).isEqualTo("ALLOW");
      assertThat(gate(stack, artifacts.get("features").value(), "prod").path("decision").asText())
          .isEqualTo("BLOCK");
      final Http.Answer promoted =
          Http.post(
              stack.gateUrl(),
              "/v1/promotions",
              "application/json",
              "{\"artifact\":\""
                  + cleanV2
                  + "\",\"target\":\"prod\",\"requestId\":\""
                  + UUID.randomUUID()
                  + "\",\"requestedBy\":\"StackIT\"}");
      assertThat(promoted.status()).isEqualTo(201);
      decisions = Http.get(stack.gateUrl(), "/v1/decisions?artifact=" + cleanV2).json();
      assertThat(decisions.path("decisions")).hasSize(1);
      keyId =
          Http.get(stack.gateUrl(), "/v1/keys").json().path("keys").path(0).path("keyid").asText();
    }

    // When the stack is stopped and started again on the same data directory
    try (Stack again = Stack.up(options(policy), line -> {})) {
      // Then the same verdicts, the same recorded decisions and the same key are served
      assertThat(settled(again, artifacts)).isEqualTo(verdicts);
      assertThat(Http.get(again.gateUrl(), "/v1/decisions?artifact=" + cleanV2).json())
          .isEqualTo(decisions);
      assertThat(
              Http.get(again.gateUrl(), "/v1/keys")
                  .json()
                  .path("keys")
                  .path(0)
                  .path("keyid")
                  .asText())
          .isEqualTo(keyId);
    }
  }

  @Test
  void shouldNameThePortWhenOneIsInUse() throws Exception {
    // Given a port taken by someone else
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      final StackOptions base = options(null);
      final StackOptions busy =
          new StackOptions(
              base.dataDir(),
              Optional.empty(),
              base.kafkaPort(),
              base.controllerPort(),
              base.registryPort(),
              taken.getLocalPort(),
              base.lineagePort(),
              base.gatePort());

      // When / Then the stack refuses to start, naming the port and its service, and starts nothing
      assertThat(Preflight.problems(busy))
          .containsExactly(
              "port "
                  + taken.getLocalPort()
                  + " (ingest) is in use on 127.0.0.1: stop what uses it (another `lineage-gate"
                  + " up`?) or choose another port, see `lineage-gate up --help`");
    }
  }

  @Test
  void shouldStopWhatStartedAndFreeEveryPortWhenClosedWhileStarting() throws Exception {
    // Given a stack starting on another thread, as `up` does when Ctrl-C comes during start-up
    final Stack stack = Stack.prepare(options(null));
    final CountDownLatch kafkaStarting = new CountDownLatch(1);
    final CompletableFuture<Stack> start =
        CompletableFuture.supplyAsync(
            () ->
                stack.start(
                    line -> {
                      if (line.startsWith("starting Kafka")) {
                        kafkaStarting.countDown();
                      }
                    }));
    assertThat(kafkaStarting.await(30, TimeUnit.SECONDS)).isTrue();

    // When it is closed meanwhile
    stack.close();

    // Then start gives up with StoppedException, and broker and registry are stopped: every port
    // of the stack can be bound again
    assertThat(start)
        .failsWithin(Duration.ofSeconds(120))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(Stack.StoppedException.class);
    for (final int port : PORTS) {
      try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(free.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void shouldSayWhyWhenTheDataDirectoryIsNotWritable() throws Exception {
    // Given a data directory path that is a file
    final Path file = Files.writeString(data.resolve("not-a-dir"), "x");
    final StackOptions base = options(null);
    final StackOptions bad =
        new StackOptions(
            file,
            Optional.empty(),
            base.kafkaPort(),
            base.controllerPort(),
            base.registryPort(),
            base.ingestPort(),
            base.lineagePort(),
            base.gatePort());

    // When / Then
    assertThat(Preflight.problems(bad))
        .singleElement()
        .asString()
        .startsWith("the data directory " + file + " is not writable (")
        .endsWith("): choose another with --data-dir");
  }

  /** Every artifact's verdict once they all exist and none changed for two seconds. */
  private static Map<String, JsonNode> settled(
      final Stack stack, final Map<String, Digest> artifacts) throws Exception {
    final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    Map<String, JsonNode> last = Map.of();
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      final Map<String, JsonNode> now = new LinkedHashMap<>();
      for (final Map.Entry<String, Digest> artifact : artifacts.entrySet()) {
        final Http.Answer answer =
            Http.get(
                stack.lineageUrl(), "/v1/artifacts/" + artifact.getValue().value() + "/verdict");
        if (answer.status() == 200) {
          now.put(artifact.getKey(), answer.json());
        }
      }
      if (!now.equals(last)) {
        last = now;
        stableSince = System.nanoTime();
      } else if (now.size() == artifacts.size()
          && System.nanoTime() - stableSince > Duration.ofSeconds(2).toNanos()) {
        return now;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("verdicts did not settle within 90 s: " + last.keySet());
  }

  private static JsonNode gate(final Stack stack, final String digest, final String target)
      throws Exception {
    return Http.get(stack.gateUrl(), "/v1/gate/" + digest + "?target=" + target).json();
  }

  private static List<String> codes(final JsonNode verdict) {
    final List<String> codes = new ArrayList<>();
    verdict.path("reasons").forEach(r -> codes.add(r.path("code").asText()));
    return codes;
  }

  private StackOptions options(final Path policy) throws IOException {
    return new StackOptions(
        data,
        Optional.ofNullable(policy),
        PORTS[0],
        PORTS[1],
        PORTS[2],
        PORTS[3],
        PORTS[4],
        PORTS[5]);
  }

  /** Free ports chosen once per test JVM: the restart reuses the same ones, as `up` would. */
  private static final int[] PORTS = freePorts(6);

  private static int[] freePorts(final int count) {
    final List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      for (final ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          // released either way
        }
      }
    }
  }
}
