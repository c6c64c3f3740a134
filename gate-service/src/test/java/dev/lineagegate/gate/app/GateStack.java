package dev.lineagegate.gate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.attest.DecisionJson;
import dev.lineagegate.avro.DecisionKind;
import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.config.Settings;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.Topic;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.testkit.RealStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The shared broker and registry of this test JVM, seen from the gate: verdicts in, decisions out,
 * and a bounded HTTP client that also sends and reads headers (bearer tokens, WWW-Authenticate).
 * Every wait is bounded polling.
 */
final class GateStack implements AutoCloseable {

  static final int PARTITIONS = 3;
  static final String TOKENS = "alice:waiver:s3cret,bob:reader:hunter2";
  static final String POLICY_VERSION = Policy.defaults().version().value();

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration QUIET = Duration.ofMillis(1500);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  final RealStack stack;
  final SerdeFactory serdes;
  private final KafkaProducer<String, Verdict> producer;

  GateStack() {
    this.stack = RealStack.shared();
    stack.kafka().createTopics(PARTITIONS, Topics.VERDICTS.name(), Topics.DECISIONS.name());
    this.serdes = stack.serdes();
    this.producer =
        new KafkaProducer<>(
            stack.kafka().producerConfig(),
            new StringSerializer(),
            serdes.valueSerde(Topics.VERDICTS).serializer());
  }

  GateConfig config(final String applicationId, final Path stateDir, final Path keyDir) {
    final Properties props = new Properties();
    props.put("kafka.bootstrap.servers", stack.kafka().bootstrapServers());
    props.put("registry.url", stack.registry().confluentApiUrl().toString());
    props.put("gate.application-id", applicationId);
    props.put("gate.state-dir", stateDir.toString());
    props.put("gate.key-dir", keyDir.toString());
    props.put("gate.http.port", "0");
    props.put("gate.tokens", TOKENS);
    props.put("gate.commit-interval", "PT0.05S");
    props.put("gate.waiver-check-interval", "PT0.2S");
    return GateConfig.from(Settings.merge(GateConfig.DEFAULTS, null, props, Map.of()));
  }

  // ---- verdicts in

  RecordMetadata send(final Verdict verdict) {
    try {
      return producer
          .send(new ProducerRecord<>(Topics.VERDICTS.name(), verdict.getArtifact(), verdict))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("could not send " + verdict, e);
    }
  }

  static Verdict verdict(
      final String digest,
      final String name,
      final VerdictStatus status,
      final long sequence,
      final Reason... reasons) {
    return Verdict.newBuilder()
        .setArtifact(digest)
        .setName(name)
        .setStatus(status)
        .setReasons(List.of(reasons))
        .setReproducibility(
            Reproducibility.newBuilder()
                .setGrade(ReproducibilityGrade.FULL)
                .setGaps(List.of())
                .build())
        .setPolicyVersion(POLICY_VERSION)
        .setSequence(sequence)
        .setEvaluatedAt(Instant.parse("2026-11-30T10:00:00Z").plusSeconds(sequence))
        .build();
  }

  static Reason reason(final ReasonCode code, final dev.lineagegate.avro.Severity severity) {
    return new Reason(code, severity, code + " in a test", Map.of("test", "evidence"));
  }

  /** Waits until the application committed past {@code record}: it was processed. */
  void awaitConsumed(final String applicationId, final RecordMetadata record) {
    final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    await(
        "committed offset of " + applicationId + " past " + record,
        () -> {
          try (Admin admin = stack.kafka().admin()) {
            final Map<TopicPartition, OffsetAndMetadata> offsets =
                admin
                    .listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            final OffsetAndMetadata committed = offsets.get(partition);
            return committed != null && committed.offset() > record.offset();
          } catch (Exception e) {
            return false;
          }
        });
  }

  // ---- decisions out

  Map<TopicPartition, Long> decisionsEnd() {
    try (KafkaConsumer<String, GateDecision> consumer = decisionsConsumer()) {
      return new HashMap<>(consumer.endOffsets(partitions(consumer), Duration.ofSeconds(30)));
    }
  }

  /**
   * The committed decisions after {@code since} that match {@code filter}: read until {@code
   * expected} arrived (bounded), then until the topic is quiet, so that extra ones show.
   */
  List<GateDecision> decisionsSince(
      final Map<TopicPartition, Long> since,
      final Predicate<GateDecision> filter,
      final int expected) {
    final List<GateDecision> found = new ArrayList<>();
    try (KafkaConsumer<String, GateDecision> consumer = decisionsConsumer()) {
      final List<TopicPartition> partitions = partitions(consumer);
      consumer.assign(partitions);
      partitions.forEach(p -> consumer.seek(p, since.getOrDefault(p, 0L)));
      final long deadline = System.nanoTime() + WAIT.toNanos();
      long quietSince = System.nanoTime();
      while (System.nanoTime() < deadline) {
        boolean any = false;
        for (final ConsumerRecord<String, GateDecision> record :
            consumer.poll(Duration.ofMillis(100))) {
          if (record.value() != null && filter.test(record.value())) {
            found.add(record.value());
            any = true;
          }
        }
        if (any) {
          quietSince = System.nanoTime();
        } else if (found.size() >= expected && System.nanoTime() - quietSince > QUIET.toNanos()) {
          break;
        }
      }
    }
    return found;
  }

  static Predicate<GateDecision> about(final String... digests) {
    final List<String> list = List.of(digests);
    return d -> list.contains(d.getArtifact());
  }

  private KafkaConsumer<String, GateDecision> decisionsConsumer() {
    return new KafkaConsumer<>(
        stack.kafka().consumerConfig("gate-it-reader-" + UUID.randomUUID()),
        new StringDeserializer(),
        serdes.valueSerde(Topics.DECISIONS).deserializer());
  }

  private static List<TopicPartition> partitions(final KafkaConsumer<?, ?> consumer) {
    final Topic<String, GateDecision> topic = Topics.DECISIONS;
    final List<TopicPartition> partitions = new ArrayList<>();
    for (final PartitionInfo info : consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))) {
      partitions.add(new TopicPartition(info.topic(), info.partition()));
    }
    return partitions;
  }

  // ---- expected answers

  /**
   * A decision as JSON without what differs between two answers of the same decision (its id, time
   * and signature), built like the gate builds its answers.
   */
  static ObjectNode expected(
      final DecisionKind kind,
      final String digest,
      final String name,
      final String target,
      final List<Reason> reasons,
      final List<ReasonCode> waived,
      final Long sequence) {
    return stable(
        DecisionJson.of(
            GateDecision.newBuilder()
                .setDecisionId("ignored")
                .setDecision(kind)
                .setArtifact(digest)
                .setName(name)
                .setTarget(target)
                .setReasons(reasons)
                .setWaivedReasons(waived)
                .setVerdictSequence(sequence)
                .setPolicyVersion(POLICY_VERSION)
                .setDecidedAt(Instant.EPOCH)
                .build()));
  }

  static ObjectNode stable(final JsonNode decision) {
    final ObjectNode copy = (ObjectNode) normal(decision);
    copy.remove(List.of("decisionId", "decidedAt", "envelope"));
    return copy;
  }

  /**
   * The JSON as a client reads it: built nodes hold longs where parsed ones hold ints, and Jackson
   * tells them apart.
   */
  static JsonNode normal(final JsonNode json) {
    try {
      return JSON.readTree(json.toString());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  // ---- HTTP

  record Answer(int status, Map<String, List<String>> headers, String text) {

    JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    }

    String header(final String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }
  }

  static Answer get(final URI base, final String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET());
  }

  static Answer post(final URI base, final String path, final JsonNode body, final String token) {
    final HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request);
  }

  /** GET, retried (bounded) while the gate answers 503 or {@code done} does not hold. */
  static Answer awaitGet(final URI base, final String path, final Predicate<Answer> done) {
    final Answer[] last = new Answer[1];
    await(
        "GET " + path,
        () -> {
          last[0] = get(base, path);
          return last[0].status() != 503 && done.test(last[0]);
        },
        () -> "last answer " + last[0]);
    return last[0];
  }

  private static Answer send(final HttpRequest.Builder request) {
    try {
      final HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new AssertionError("HTTP failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static void await(final String what, final Supplier<Boolean> done) {
    await(what, done, () -> "");
  }

  static void await(final String what, final Supplier<Boolean> done, final Supplier<String> last) {
    final long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.get()) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
    throw new AssertionError("not within " + WAIT + ": " + what + " " + last.get());
  }

  @Override
  public void close() {
    producer.close();
  }
}
