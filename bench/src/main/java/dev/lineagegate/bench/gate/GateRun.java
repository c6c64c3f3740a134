package dev.lineagegate.bench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.config.Settings;
import dev.lineagegate.gate.app.GateApp;
import dev.lineagegate.gate.app.GateConfig;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.testkit.ApicurioRegistry;
import dev.lineagegate.testkit.KafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** The set-up phases of the gate benchmark: verdicts produced, then gate-service materialising. */
public final class GateRun {

  private static final Duration MATERIALISE_TIMEOUT = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaBroker kafka;
  private final ApicurioRegistry registry;
  private final HttpClient http = HttpClient.newHttpClient();

  public GateRun(final KafkaBroker kafka, final ApicurioRegistry registry) {
    this.kafka = kafka;
    this.registry = registry;
  }

  /**
   * Produces verdicts 0..n-1 and waits for every ack; returns, per partition, the index of the last
   * one written there (once those are queryable, every earlier one of its partition is too).
   */
  public Map<Integer, Integer> produce(final int n) throws Exception {
    final Map<String, Object> config = kafka.producerConfig();
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    final SerdeFactory serdes = new SerdeFactory(registry.registryConfig());
    final Map<Integer, Integer> lastByPartition = new HashMap<>();
    try (KafkaProducer<String, Verdict> producer =
        new KafkaProducer<>(
            config, new StringSerializer(), serdes.valueSerde(Topics.VERDICTS).serializer())) {
      final List<Future<RecordMetadata>> acks = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        final Verdict verdict = BenchVerdicts.verdict(i);
        acks.add(
            producer.send(
                new ProducerRecord<>(Topics.VERDICTS.name(), verdict.getArtifact(), verdict)));
      }
      for (int i = 0; i < n; i++) {
        lastByPartition.put(acks.get(i).get().partition(), i);
      }
    }
    return lastByPartition;
  }

  /** gate-service with its defaults, on this broker and registry, a free port, fresh state. */
  public GateApp startGate() throws IOException {
    final Path dir = Files.createTempDirectory("gate-bench");
    final Map<String, String> values = new HashMap<>(GateConfig.DEFAULTS);
    values.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    values.put("registry.url", registry.confluentApiUrl().toString());
    values.put("gate.application-id", "gate-bench");
    values.put("gate.state-dir", dir.resolve("state").toString());
    values.put("gate.key-dir", dir.resolve("keys").toString());
    values.put("gate.http.port", "0");
    // The JVM's properties and environment still apply (-Dgate.threads=2, LINEAGE_GATE_…).
    return GateApp.start(
        GateConfig.from(Settings.merge(values, null, System.getProperties(), System.getenv())));
  }

  /** Polls the last digest of every partition until each answers with its verdict (bounded). */
  public void awaitMaterialised(final GateApp gate, final Map<Integer, Integer> lastByPartition)
      throws Exception {
    final long deadline = System.nanoTime() + MATERIALISE_TIMEOUT.toNanos();
    for (final int index : lastByPartition.values()) {
      while (answer(gate, index).path("verdictSequence").isNull()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "artifact " + index + " not materialised within " + MATERIALISE_TIMEOUT);
        }
        Thread.sleep(20);
      }
    }
  }

  /** Checks that sampled answers say what the policy says of their verdicts; returns one answer. */
  public String verifySample(final GateApp gate, final int n) throws Exception {
    String sample = "";
    for (int i = 0; i < n; i += Math.max(1, n / 50)) {
      final JsonNode answer = answer(gate, i);
      final String decision = answer.path("decision").asText();
      if (!BenchVerdicts.expectedProdDecision(i).equals(decision)
          || answer.path("envelope").isMissingNode()) {
        throw new IllegalStateException("artifact " + i + ": unexpected answer " + answer);
      }
      sample = answer.toString();
    }
    return sample;
  }

  public static URI gateUrl(final GateApp gate, final int index) {
    return gate.url().resolve("/v1/gate/" + BenchVerdicts.digest(index) + "?target=prod");
  }

  private JsonNode answer(final GateApp gate, final int index) throws Exception {
    final HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(gateUrl(gate, index)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 503) {
      return JSON.createObjectNode().putNull("verdictSequence"); // restoring: not yet
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "artifact " + index + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
