package dev.lineagegate.lineagestream.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.AlertKind;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.SuggestedAction;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.testkit.ApicurioRegistry;
import dev.lineagegate.testkit.KafkaBroker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tail behind {@code GET /v1/alerts} on a real broker and registry: it reads back only its
 * bound, skips what a transaction aborted, keeps following, and takes each alert's page URL from
 * its header when there is one.
 */
class RecentTailIT {

  private static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");
  private static final URI WEB = URI.create("http://web.example");

  private static KafkaBroker kafka;
  private static SerdeFactory serdes;

  @BeforeAll
  static void start() {
    kafka = KafkaBroker.start();
    kafka.createTopics(1, Topics.ALERTS.name(), Topics.VERDICTS.name());
    serdes = new SerdeFactory(ApicurioRegistry.shared().registryConfig());
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void shouldHoldTheNewestWithinItsBoundSkipAbortedAndFollowWhenAlertsArrive() throws Exception {
    // Given 30 committed alerts, then one in an aborted transaction, one with a URL header
    try (KafkaProducer<byte[], byte[]> producer = producer(null)) {
      for (int i = 0; i < 30; i++) {
        producer.send(record(alert(i), null)).get();
      }
      producer.send(record(alert(30), "http://elsewhere/artifacts/x")).get();
    }
    try (KafkaProducer<byte[], byte[]> transactional = producer("recent-tail-it")) {
      transactional.initTransactions();
      transactional.beginTransaction();
      transactional.send(record(alert(99), null)).get();
      transactional.abortTransaction();
    }

    // When a tail of 10 starts
    final RecentAlerts alerts = new RecentAlerts(10);
    try (RecentTail tail =
        RecentTail.start(kafka.bootstrapServers(), serdes, WEB, alerts, new RecentVerdicts(10))) {
      await(() -> alerts.size() == 10);

      // Then it holds the newest 10 committed ones, newest first, with their URLs
      final List<RecentAlerts.Entry> held = alerts.find(AlertQuery.all(10));
      assertThat(held)
          .extracting(e -> e.alert().getAlertId())
          .containsExactly("a30", "a29", "a28", "a27", "a26", "a25", "a24", "a23", "a22", "a21");
      assertThat(held.get(0).url()).isEqualTo("http://elsewhere/artifacts/x");
      assertThat(held.get(1).url()).isEqualTo(WEB + "/artifacts/" + digest(29));

      // and when one more alert is committed, it follows
      try (KafkaProducer<byte[], byte[]> producer = producer(null)) {
        producer.send(record(alert(31), null)).get();
      }
      await(() -> "a31".equals(alerts.find(AlertQuery.all(1)).get(0).alert().getAlertId()));
      assertThat(alerts.size()).isEqualTo(10);
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(final String transactionalId) {
    final Map<String, Object> config = kafka.producerConfig();
    if (transactionalId != null) {
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static ProducerRecord<byte[], byte[]> record(final Alert alert, final String url) {
    final RecordHeaders headers = new RecordHeaders();
    if (url != null) {
      headers.add(AlertLinks.HEADER, url.getBytes(StandardCharsets.UTF_8));
    }
    return new ProducerRecord<>(
        Topics.ALERTS.name(),
        null,
        alert.getArtifact().getBytes(StandardCharsets.UTF_8),
        serdes.valueSerde(Topics.ALERTS).serializer().serialize(Topics.ALERTS.name(), alert),
        headers);
  }

  private static String digest(final int i) {
    return Digest.sha256("artifact " + i).value();
  }

  private static Alert alert(final int i) {
    return Alert.newBuilder()
        .setAlertId("a" + i)
        .setKind(AlertKind.VERDICT_WORSENED)
        .setSeverity(Severity.BLOCK)
        .setArtifact(digest(i))
        .setName("model:" + i)
        .setSummary("model:" + i + " is BLOCK")
        .setSuggestedAction(SuggestedAction.RERUN)
        .setRaisedAt(T0.plusSeconds(i))
        .build();
  }

  private static void await(final BooleanSupplier condition) throws InterruptedException {
    final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s");
      }
      Thread.sleep(100);
    }
  }
}
