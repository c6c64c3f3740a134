package dev.lineagegate.gate.service;

import static dev.lineagegate.gate.GateFixtures.MODEL;
import static dev.lineagegate.gate.GateFixtures.POLICY;
import static dev.lineagegate.gate.GateFixtures.T0;
import static dev.lineagegate.gate.GateFixtures.V1;
import static dev.lineagegate.gate.GateFixtures.reason;
import static dev.lineagegate.gate.GateFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lineagegate.avro.DecisionKind;
import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.gate.Decisions;
import dev.lineagegate.gate.GateFixtures;
import dev.lineagegate.gate.rules.GateRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retry of a promotion whose publish failed: one decision counts, and every answer is that one.
 * The producer is Kafka's {@link MockProducer}, which can leave a send unacknowledged; what the
 * broker did with it is played by the test (the real path is in {@code GateServiceIT}).
 */
class PromotionsTest {

  private static final Duration SHORT = Duration.ofMillis(200);
  private static final RequestBodies.Promotion REQUEST =
      new RequestBodies.Promotion(V1, "prod", "r1", "ci");

  private final Decisions decisions = GateFixtures.decisions();
  private final MockProducer<String, GateDecision> producer =
      new MockProducer<>(false, null, new StringSerializer(), nothing());
  private final DecisionPublisher publisher = new DecisionPublisher(producer, SHORT, SHORT);
  private final Map<String, GateDecision> recorded = new ConcurrentHashMap<>();
  private final AtomicInteger decided = new AtomicInteger();

  @AfterEach
  void close() {
    producer.close();
  }

  @Test
  void shouldSendTheSameDecisionAgainWhenARetryFollowsAFailedPublish() {
    // Given a promotion whose publish was never acknowledged (the client got a 503)
    final Promotions promotions = new Promotions(this::lookup, publisher, SHORT);
    assertThatThrownBy(() -> promotions.promote(REQUEST, () -> decide(verdict(V1, 1))))
        .isInstanceOf(GateRefusal.class);
    final GateDecision first = producer.history().get(0).value();
    producer.errorNext(new TimeoutException("the ack was lost")); // the producer gives it up

    // When the client retries while the verdict now blocks, and the broker acknowledges
    acknowledgeNextSend();
    final Promotions.Outcome retry =
        promotions.promote(
            REQUEST, () -> decide(verdict(V1, 2, reason(ReasonCode.RUN_FAILED, Severity.BLOCK))));

    // Then the first decision was sent again, not a new one, and it is the answer
    assertThat(decided).hasValue(1);
    assertThat(first.getDecision()).isEqualTo(DecisionKind.ALLOW);
    assertThat(producer.history()).extracting(ProducerRecord::value).containsExactly(first, first);
    assertThat(retry).isEqualTo(new Promotions.Outcome(first, true));
  }

  @Test
  void shouldRefuseARetryForAnotherTargetWhenTheFirstPublishFailed() {
    // Given a promotion of r1 to prod whose publish was never acknowledged
    final Promotions promotions = new Promotions(this::lookup, publisher, SHORT);
    assertThatThrownBy(() -> promotions.promote(REQUEST, () -> decide(verdict(V1, 1))))
        .isInstanceOf(GateRefusal.class);
    producer.errorNext(new TimeoutException("the ack was lost"));

    // When r1 is retried for staging, Then it is a conflict, and nothing more is sent
    assertThatThrownBy(
            () ->
                promotions.promote(
                    new RequestBodies.Promotion(V1, "staging", "r1", "ci"),
                    () -> decide(verdict(V1, 1))))
        .isInstanceOf(GateRefusal.class)
        .hasMessageContaining("already used for target prod");
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void shouldAnswerWithTheRecordedDecisionWhenAnEarlierCopyCountedFirst() {
    // Given an ALLOW for r1 that reached the topic though its answer was lost, and a restarted
    // service that no longer remembers it and has not read it back yet
    final GateDecision first = decide(verdict(V1, 1));
    final Promotions restarted = new Promotions(this::lookup, publisher, SHORT);

    // When the retry decides again (BLOCK now) and the topology keeps the first copy
    acknowledgeNextSend();
    final Promotions.Outcome retry =
        restarted.promote(
            REQUEST,
            () -> {
              final GateDecision again =
                  decide(verdict(V1, 2, reason(ReasonCode.RUN_FAILED, Severity.BLOCK)));
              recorded.put("r1", first); // read back meanwhile: the first copy counts
              return again;
            });

    // Then the answer is the recorded ALLOW, as a replay, and so is the next duplicate
    assertThat(retry).isEqualTo(new Promotions.Outcome(first, false));
    assertThat(restarted.promote(REQUEST, () -> decide(verdict(V1, 3))))
        .isEqualTo(new Promotions.Outcome(first, false));
    assertThat(producer.history()).hasSize(1);
  }

  private Optional<GateDecision> lookup(final String digest, final String requestId) {
    return Optional.ofNullable(recorded.get(requestId));
  }

  private GateDecision decide(final Verdict verdict) {
    decided.incrementAndGet();
    return decisions.evaluated(
        V1,
        MODEL,
        "prod",
        GateRules.decide(verdict, POLICY.target("prod"), List.of(), T0),
        "r1",
        "ci",
        T0.plusSeconds(decided.get()));
  }

  /** Acknowledges the next send from another thread, as the broker would. */
  private void acknowledgeNextSend() {
    final Thread broker =
        new Thread(
            () -> {
              final long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
              while (!producer.completeNext() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
              }
              // and the artifact task reads the request's first copy back
              recorded.putIfAbsent("r1", producer.history().get(0).value());
            });
    broker.setDaemon(true);
    broker.start();
  }

  /** Values are never serialized here: MockProducer keeps the records themselves. */
  private static <T> Serializer<T> nothing() {
    return (topic, value) -> new byte[0];
  }
}
