package dev.lineagegate.gate.service;

import static dev.lineagegate.gate.GateFixtures.MODEL;
import static dev.lineagegate.gate.GateFixtures.POLICY;
import static dev.lineagegate.gate.GateFixtures.T0;
import static dev.lineagegate.gate.GateFixtures.V1;
import static dev.lineagegate.gate.GateFixtures.grant;
import static dev.lineagegate.gate.GateFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.gate.ArtifactGate;
import dev.lineagegate.avro.gate.WaiverGrant;
import dev.lineagegate.gate.Decisions;
import dev.lineagegate.gate.GateFixtures;
import dev.lineagegate.gate.http.GateProblems;
import dev.lineagegate.gate.rules.GateRules;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.service.http.Problem;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service on stores played by the test: an artifact's state is what the test put, and a
 * request's decision is the first one sent for it (the artifact task keeps the first). The broker
 * acknowledges every send at once ({@link MockProducer}); the real path is {@code GateServiceIT}.
 */
class GateServiceTest {

  private static final Duration SHORT = Duration.ofMillis(200);
  private static final RequestBodies.Promotion REQUEST =
      new RequestBodies.Promotion(V1, "prod", "r1", "ci");
  private static final int WAIVERS = 2;

  private final Decisions decisions = GateFixtures.decisions();
  private final MockProducer<String, GateDecision> producer =
      new MockProducer<>(true, null, new StringSerializer(), nothing());
  private final Map<String, ArtifactGate> artifacts = new ConcurrentHashMap<>();

  @AfterEach
  void close() {
    producer.close();
  }

  @Test
  void shouldAnswerUnknownArtifactAndRecordNothingWhenNoVerdictArrivesWithinTheWait() {
    // Given an artifact the gate has no verdict for
    final GateService service = service(Duration.ofMillis(100));

    // When it is promoted
    final GateRefusal refused =
        catchThrowableOfType(GateRefusal.class, () -> service.promote(REQUEST));

    // Then the answer says so, to retry, and nothing was sent
    assertThat(GateProblems.problem(refused))
        .isEqualTo(
            new Problem(
                409,
                Problem.TYPES + "unknown-artifact",
                "Unknown artifact",
                "no verdict for "
                    + V1
                    + " after 100ms: lineage-stream has not evaluated it (yet); nothing was"
                    + " recorded, retry with the same requestId",
                List.of(),
                Duration.ofSeconds(1),
                null));
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldRecordTheRealDecisionWhenTheSameRequestIsRetriedAfterTheVerdict() {
    // Given a promotion answered unknown-artifact
    final GateService service = service(Duration.ofMillis(100));
    catchThrowableOfType(GateRefusal.class, () -> service.promote(REQUEST));

    // When the verdict arrives and the same request is sent again, twice
    know(verdict(V1, 1));
    final Promotions.Outcome retried = service.promote(REQUEST);
    final Promotions.Outcome replayed = service.promote(REQUEST);

    // Then the first is decided on the verdict and recorded, the second replays it
    final GateDecision allow = allow(verdict(V1, 1));
    assertThat(retried).isEqualTo(new Promotions.Outcome(allow, true));
    assertThat(replayed).isEqualTo(new Promotions.Outcome(allow, false));
    assertThat(producer.history()).extracting(ProducerRecord::value).containsExactly(allow);
  }

  @Test
  void shouldDecideOnTheVerdictWhenItArrivesWhileThePromotionWaits() {
    // Given a promotion sent before the verdict reached the gate, which arrives 200 ms later
    final GateService service = service(Duration.ofSeconds(10));
    CompletableFuture.runAsync(
        () -> know(verdict(V1, 1)), CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));

    // When it is answered
    final Promotions.Outcome outcome = service.promote(REQUEST);

    // Then it was decided on the verdict, and only that decision was sent
    final GateDecision allow = allow(verdict(V1, 1));
    assertThat(outcome).isEqualTo(new Promotions.Outcome(allow, true));
    assertThat(producer.history()).extracting(ProducerRecord::value).containsExactly(allow);
  }

  @Test
  void shouldRecordAtOnceWhenAWaiverLiftsUnknownArtifact() {
    // Given no verdict, but UNKNOWN_ARTIFACT waived for prod: a deliberate decision
    final WaiverGrant waiver = grant("prod", ReasonCode.UNKNOWN_ARTIFACT, T0.plusSeconds(3600));
    artifacts.put(V1, state(null, List.of(waiver)));
    final GateService service = service(Duration.ofSeconds(10));

    // When it is promoted
    final Promotions.Outcome outcome = service.promote(REQUEST);

    // Then it is allowed and recorded, without waiting for a verdict
    final GateDecision allow =
        decisions.evaluated(
            V1,
            MODEL,
            "prod",
            GateRules.decide(null, POLICY.target("prod"), List.of(waiver), T0),
            "r1",
            "ci",
            T0);
    assertThat(outcome).isEqualTo(new Promotions.Outcome(allow, true));
    assertThat(producer.history()).extracting(ProducerRecord::value).containsExactly(allow);
  }

  @Test
  void shouldAnswerBlockUnknownArtifactAtOnceWhenQueried() {
    // Given no verdict, and a wait longer than the test
    final GateService service = service(Duration.ofMinutes(1));

    // When the gate is asked (a query records nothing, so it need not wait)
    final GateDecision answer = service.query(V1, "prod");

    // Then BLOCK UNKNOWN_ARTIFACT, as before, and nothing was sent
    final GateDecision expected =
        decisions.evaluated(
            V1,
            null,
            "prod",
            GateRules.decide(null, POLICY.target("prod"), List.of(), T0),
            null,
            null,
            T0);
    assertThat(answer)
        .usingRecursiveComparison()
        .ignoringFields("decisionId", "envelope") // a query's id is random, and so its signature
        .isEqualTo(expected);
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldNameTheTargetFieldWhenTheTargetIsUnknown() {
    // Given
    final GateService service = service(SHORT);

    // When the gate is asked for a target its policy does not have
    final GateRefusal refused =
        catchThrowableOfType(GateRefusal.class, () -> service.query(V1, "moon"));

    // Then a 400 of its own type that, like every 400, names the field
    assertThat(GateProblems.problem(refused).status()).isEqualTo(400);
    assertThat(GateProblems.problem(refused).type()).isEqualTo(Problem.TYPES + "unknown-target");
    assertThat(GateProblems.problem(refused).errors())
        .containsExactly(
            new FieldError(
                "/target", "the policy has no target \"moon\"; known targets: prod, staging, dev"));
  }

  @Test
  void shouldRefuseAWaiverWhenTheArtifactHoldsAsManyAsItKeeps() {
    // Given an artifact holding as many waivers as an artifact keeps
    artifacts.put(
        V1,
        state(
            verdict(V1, 1),
            List.of(
                grant("prod", ReasonCode.RUN_FAILED, T0.plusSeconds(60)),
                grant("staging", ReasonCode.RUN_FAILED, T0.plusSeconds(60)))));
    final GateService service = service(SHORT);

    // When one more is granted
    final GateRefusal refused =
        catchThrowableOfType(
            GateRefusal.class,
            () ->
                service.waive(
                    new RequestBodies.WaiverRequest(
                        V1, "dev", ReasonCode.RUN_FAILED, T0.plusSeconds(60), "one more"),
                    "alice"));

    // Then it is refused, and nothing was sent
    assertThat(GateProblems.problem(refused))
        .isEqualTo(
            Problem.of(
                409,
                "too-many-waivers",
                "Too many waivers",
                V1
                    + " already holds 2 waivers, the most an artifact keeps; one frees its place"
                    + " when it expires"));
    assertThat(producer.history()).isEmpty();
  }

  private GateService service(final Duration unknownArtifactWait) {
    return new GateService(
        POLICY,
        new Reads(),
        decisions,
        new DecisionPublisher(producer, SHORT, SHORT),
        Clock.fixed(T0, ZoneOffset.UTC),
        new GateService.Limits(
            Duration.ofDays(30), SHORT, unknownArtifactWait, Duration.ofSeconds(1), WAIVERS),
        new SimpleMeterRegistry());
  }

  /** The artifact task has read {@code verdict}. */
  private void know(final Verdict verdict) {
    artifacts.put(verdict.getArtifact(), state(verdict, List.of()));
  }

  private static ArtifactGate state(final Verdict verdict, final List<WaiverGrant> waivers) {
    return ArtifactGate.newBuilder()
        .setArtifact(V1)
        .setName(MODEL)
        .setVerdict(verdict)
        .setPromotions(new ArrayList<>())
        .setWaivers(new ArrayList<>(waivers))
        .build();
  }

  private GateDecision allow(final Verdict verdict) {
    return decisions.evaluated(
        V1,
        MODEL,
        "prod",
        GateRules.decide(verdict, POLICY.target("prod"), List.of(), T0),
        "r1",
        "ci",
        T0);
  }

  /** The stores: what the test put, and the first decision sent per request. */
  private final class Reads implements GateReads {

    @Override
    public Optional<ArtifactGate> artifact(final String digest) {
      return Optional.ofNullable(artifacts.get(digest));
    }

    @Override
    public Optional<GateDecision> request(final String digest, final String requestId) {
      return producer.history().stream()
          .filter(r -> r.key().equals(digest) && requestId.equals(r.value().getRequestId()))
          .map(ProducerRecord::value)
          .findFirst();
    }

    @Override
    public List<GateDecision> log(final String digest) {
      return List.of();
    }
  }

  /** Values are never serialized here: MockProducer keeps the records themselves. */
  private static <T> Serializer<T> nothing() {
    return (topic, value) -> new byte[0];
  }
}
