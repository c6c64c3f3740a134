package dev.lineagegate.stack.fuzz;

import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.id.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The OpenLineage cases again, as raw bytes on the bridge's topic ({@code openlineage.events}): the
 * bridge dead-letters what HTTP answers 400 to (docs/INGEST.md), so the HTTP answer to the same
 * bytes is the oracle. Afterwards, once the bridge's consumer group has committed every record,
 * each one HTTP refused must be on {@code lineage.events.dlq.v1} with its bytes and an error
 * message, and none HTTP accepted may be there.
 */
final class BridgeFuzz implements AutoCloseable {

  static final String TOPIC = "openlineage.events";
  static final String GROUP = "lineage-gate-openlineage-bridge";

  /** What a bridged record must become: dead-lettered or not, and its bytes' digest. */
  record Sent(boolean dead, String kind, String sha256) {}

  /** The outcome: records sent, and those that went where they should not. */
  record Result(int sent, int deadExpected, int deadFound, List<String> wrong) {}

  private final String prefix;
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Map<String, Sent> sent = new ConcurrentHashMap<>();
  private final Map<Integer, Long> dlqStart;

  BridgeFuzz(final String bootstrap, final long seed) {
    this.prefix = "fuzz/" + seed + "/";
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                1_000_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    this.dlqStart = Topic.ends(bootstrap, Topics.EVENTS_DLQ.name());
  }

  /** Sends {@code fuzzCase}'s body when HTTP gave a verdict on it: 400 (refused) or 2xx. */
  void send(final FuzzCase fuzzCase, final int httpStatus) {
    if (httpStatus != 400 && (httpStatus < 200 || httpStatus >= 300)) {
      return;
    }
    final String key = prefix + fuzzCase.number();
    final byte[] value = fuzzCase.request().body();
    sent.put(key, new Sent(httpStatus == 400, fuzzCase.kind(), Digest.sha256(value).value()));
    producer.send(new ProducerRecord<>(TOPIC, key.getBytes(StandardCharsets.UTF_8), value));
  }

  /** A record that must be bridged: not checked against the dead letters, only sent. */
  void sendValid(final String key, final byte[] value) {
    producer.send(new ProducerRecord<>(TOPIC, key.getBytes(StandardCharsets.UTF_8), value));
  }

  /** Waits until the bridge committed everything sent, then compares the dead letters. */
  Result verify(final Duration timeout, final String bootstrap) throws InterruptedException {
    producer.flush();
    final List<String> wrong = new ArrayList<>();
    if (!Topic.awaitCommitted(admin, bootstrap, GROUP, TOPIC, timeout)) {
      wrong.add("the bridge did not commit every record of " + TOPIC + " within " + timeout);
    }
    final Map<String, Topic.Dead> dead = Topic.deadLetters(bootstrap, dlqStart, prefix);
    int expected = 0;
    for (final Map.Entry<String, Sent> entry : sent.entrySet()) {
      final Sent record = entry.getValue();
      final Topic.Dead letter = dead.get(entry.getKey());
      if (record.dead()) {
        expected++;
      }
      if (record.dead() && letter == null) {
        wrong.add(entry.getKey() + " (" + record.kind() + "): refused by HTTP, not dead-lettered");
      } else if (!record.dead() && letter != null) {
        wrong.add(
            entry.getKey()
                + " ("
                + record.kind()
                + "): accepted by HTTP, dead-lettered: "
                + letter.message());
      } else if (letter != null && !letter.sha256().equals(record.sha256())) {
        wrong.add(entry.getKey() + ": dead-lettered with other bytes than were sent");
      } else if (letter != null && (letter.message() == null || letter.message().isBlank())) {
        wrong.add(entry.getKey() + ": dead-lettered without " + DeadLetter.MESSAGE);
      }
    }
    return new Result(sent.size(), expected, dead.size(), wrong);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
    admin.close(Duration.ofSeconds(10));
  }
}
