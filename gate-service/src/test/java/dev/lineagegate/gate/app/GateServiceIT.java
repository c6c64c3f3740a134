package dev.lineagegate.gate.app;

import static dev.lineagegate.gate.app.GateStack.about;
import static dev.lineagegate.gate.app.GateStack.awaitGet;
import static dev.lineagegate.gate.app.GateStack.expected;
import static dev.lineagegate.gate.app.GateStack.normal;
import static dev.lineagegate.gate.app.GateStack.reason;
import static dev.lineagegate.gate.app.GateStack.stable;
import static dev.lineagegate.gate.app.GateStack.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.attest.DecisionAttestation;
import dev.lineagegate.attest.DecisionJson;
import dev.lineagegate.attest.PublicKeys;
import dev.lineagegate.avro.DecisionKind;
import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.Waiver;
import dev.lineagegate.gate.app.GateStack.Answer;
import dev.lineagegate.schema.id.Digest;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * gate-service end to end on the real broker and registry (DESIGN.md §6.4, §7): verdicts in, signed
 * answers, idempotent promotions, revocations, waivers, and a restart that answers the same. One
 * gate for the class (a fresh application id, fresh digests: the topics are shared); the restart
 * runs last and checks what the tests before it left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(90)
class GateServiceIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String RUN = UUID.randomUUID().toString();
  private static final String PASSING = digest("passing");
  private static final String BLOCKED = digest("blocked");
  private static final String UNKNOWN = digest("unknown");
  private static final String REORDERED = digest("reordered");
  private static final String PROMOTED = digest("promoted");
  private static final String CHURN_V1 = digest("churn v1");
  private static final String CHURN_V2 = digest("churn v2");
  private static final String WARNED = digest("warned");
  private static final String WAIVED = digest("waived and promoted");
  private static final String LATE = digest("promoted before its verdict");
  private static final String AWAITED = digest("verdict while the promotion waits");
  private static final String CHURN = "model:churn";
  private static final List<String> TARGETS = List.of("prod", "staging", "dev");

  @TempDir static Path stateDir;
  @TempDir static Path emptyStateDir;
  @TempDir static Path keyDir;
  private static GateStack stack;
  private static String applicationId;
  private static GateApp app;
  private static JsonNode promotedAnswer;

  @BeforeAll
  static void start() {
    stack = new GateStack();
    applicationId = "gate-service-it-" + RUN;
    app = GateApp.start(stack.config(applicationId, stateDir, keyDir));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    stack.close();
  }

  @Test
  @Order(1)
  void shouldAnswerSignedDecisionsPerTargetWhenVerdictsArrive() {
    // Given a PASS and a BLOCK verdict
    final Reason runFailed = reason(ReasonCode.RUN_FAILED, Severity.BLOCK);
    stack.send(verdict(PASSING, "dataset:passing", VerdictStatus.PASS, 1));
    stack.send(verdict(BLOCKED, "dataset:blocked", VerdictStatus.BLOCK, 1, runFailed));
    // When the gate is asked for each target
    // Then PASS goes everywhere, BLOCK only to dev (which blocks nothing), each answer signed
    final PublicKey key = publicKey();
    for (final String target : TARGETS) {
      final JsonNode passing = answer(PASSING, target, 1L);
      assertThat(stable(passing))
          .isEqualTo(
              expected(
                  DecisionKind.ALLOW,
                  PASSING,
                  "dataset:passing",
                  target,
                  List.of(),
                  List.of(),
                  1L));
      assertThat(DecisionAttestation.verify(passing, key)).isEmpty();
      final JsonNode blocked = answer(BLOCKED, target, 1L);
      assertThat(stable(blocked))
          .isEqualTo(
              expected(
                  "dev".equals(target) ? DecisionKind.ALLOW : DecisionKind.BLOCK,
                  BLOCKED,
                  "dataset:blocked",
                  target,
                  List.of(runFailed),
                  List.of(),
                  1L));
      assertThat(DecisionAttestation.verify(blocked, key)).isEmpty();
    }
    // and an artifact without a verdict is blocked as unknown, signed too
    for (final String target : TARGETS) {
      final Answer unknown = GateStack.get(app.url(), gatePath(UNKNOWN, target));
      assertThat(unknown.status()).isEqualTo(200);
      assertThat(stable(unknown.json()))
          .isEqualTo(
              expected(
                  DecisionKind.BLOCK,
                  UNKNOWN,
                  null,
                  target,
                  List.of(
                      new Reason(
                          ReasonCode.UNKNOWN_ARTIFACT,
                          Severity.BLOCK,
                          "no verdict for this artifact: lineage-stream has not evaluated it (yet)",
                          Map.of())),
                  List.of(),
                  null));
      assertThat(DecisionAttestation.verify(unknown.json(), key)).isEmpty();
    }
  }

  @Test
  @Order(2)
  void shouldIgnoreAnOlderVerdictWhenItArrivesAfterANewerOne() {
    // Given sequence 2 (BLOCK) processed
    final Reason checkFailed = reason(ReasonCode.CHECK_FAILED, Severity.BLOCK);
    stack.send(verdict(REORDERED, "dataset:reordered", VerdictStatus.BLOCK, 2, checkFailed));
    answer(REORDERED, "prod", 2L);
    // When sequence 1 (PASS) arrives late
    final RecordMetadata late =
        stack.send(verdict(REORDERED, "dataset:reordered", VerdictStatus.PASS, 1));
    stack.awaitConsumed(applicationId, late);
    // Then the gate still decides on sequence 2
    final Answer answer = GateStack.get(app.url(), gatePath(REORDERED, "prod"));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(stable(answer.json()))
        .isEqualTo(
            expected(
                DecisionKind.BLOCK,
                REORDERED,
                "dataset:reordered",
                "prod",
                List.of(checkFailed),
                List.of(),
                2L));
    assertThat(DecisionAttestation.verify(answer.json(), publicKey())).isEmpty();
  }

  @Test
  @Order(3)
  void shouldAnswer400ProblemsWhenTargetIsUnknownOrDigestIsBad() {
    // When
    final Answer target = GateStack.get(app.url(), gatePath(PASSING, "moon"));
    final Answer digest = GateStack.get(app.url(), "/v1/gate/sha256:nothex?target=prod");
    // Then
    assertThat(target.status()).isEqualTo(400);
    assertThat(target.header("Content-Type")).startsWith("application/problem+json");
    assertThat(target.json())
        .isEqualTo(
            json(
                "{\"type\":\"https://lineage-gate.dev/problems/unknown-target\","
                    + "\"title\":\"Unknown target\",\"status\":400,"
                    + "\"detail\":\"the policy has no target \\\"moon\\\"; known targets: "
                    + "prod, staging, dev\",\"instance\":\"/v1/gate/"
                    + PASSING
                    + "\",\"errors\":[{\"pointer\":\"/target\",\"detail\":\"the policy has"
                    + " no target \\\"moon\\\"; known targets: prod, staging, dev\"}]}"));
    assertThat(digest.status()).isEqualTo(400);
    assertThat(digest.json())
        .isEqualTo(
            json(
                "{\"type\":\"https://lineage-gate.dev/problems/invalid-request\","
                    + "\"title\":\"Invalid request\",\"status\":400,"
                    + "\"detail\":\"1 invalid field(s)\",\"instance\":\"/v1/gate/sha256:nothex\","
                    + "\"errors\":[{\"pointer\":\"/digest\","
                    + "\"detail\":\"not a digest: expected sha256:<64 lowercase hex>\"}]}"));
  }

  @Test
  @Order(4)
  void shouldRecordOneDecisionWhenTheSamePromotionIsRequestedConcurrently() throws Exception {
    // Given a passing artifact
    stack.send(verdict(PROMOTED, "model:promoted", VerdictStatus.PASS, 1));
    answer(PROMOTED, "prod", 1L);
    final Map<TopicPartition, Long> since = stack.decisionsEnd();
    final String requestId = "release-" + RUN;
    final JsonNode body = promotion(PROMOTED, "prod", requestId);
    // When 16 clients send the same request at once
    final int clients = 16;
    final CountDownLatch go = new CountDownLatch(1);
    final ExecutorService pool = Executors.newFixedThreadPool(clients);
    final List<Future<Answer>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return GateStack.post(app.url(), "/v1/promotions", body, null);
                }));
      }
      go.countDown();
      final List<Answer> answers = new ArrayList<>();
      for (final Future<Answer> future : futures) {
        answers.add(future.get(60, TimeUnit.SECONDS));
      }
      // Then one created it, the others got a replay of the very same signed decision
      assertThat(answers).extracting(Answer::status).containsOnly(200, 201);
      assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
      final JsonNode created =
          answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow().json();
      assertThat(answers).extracting(Answer::json).containsOnly(created);
      final ObjectNode allow =
          expected(
              DecisionKind.ALLOW, PROMOTED, "model:promoted", "prod", List.of(), List.of(), 1L);
      allow.put("requestId", requestId);
      allow.put("requestedBy", "release-bot");
      assertThat(stable(created)).isEqualTo(allow);
      promotedAnswer = created;
      assertThat(DecisionAttestation.verify(created, publicKey())).isEmpty();
    } finally {
      pool.shutdownNow();
    }
    // and exactly that one decision is on the topic
    final List<GateDecision> recorded = stack.decisionsSince(since, about(PROMOTED), 1);
    assertThat(recorded).hasSize(1);
    assertThat(normal(DecisionJson.withEnvelope(recorded.get(0))))
        .isEqualTo(
            GateStack.get(app.url(), "/v1/decisions?artifact=" + PROMOTED)
                .json()
                .path("decisions")
                .path(0));
    assertThat(recorded.get(0).getRequestId()).isEqualTo(requestId);
    // When the same requestId is reused for another target
    final Map<TopicPartition, Long> before = stack.decisionsEnd();
    final Answer conflict =
        GateStack.post(
            app.url(), "/v1/promotions", promotion(PROMOTED, "staging", requestId), null);
    // Then 409, and nothing is recorded
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json())
        .isEqualTo(
            json(
                "{\"type\":\"https://lineage-gate.dev/problems/conflict\",\"title\":\"Conflict\","
                    + "\"status\":409,\"detail\":\"requestId "
                    + requestId
                    + " was already used for target prod; use a new requestId for another"
                    + " target\",\"instance\":\"/v1/promotions\"}"));
    assertThat(stack.decisionsSince(before, about(PROMOTED), 0)).isEmpty();
  }

  @Test
  @Order(5)
  void shouldRevokeOnceWithRollbackCandidateWhenPromotedVersionTurnsBlocking() {
    // Given two versions of one name, both passing and promoted to prod
    stack.send(verdict(CHURN_V1, CHURN, VerdictStatus.PASS, 1));
    stack.send(verdict(CHURN_V2, CHURN, VerdictStatus.PASS, 1));
    answer(CHURN_V1, "prod", 1L);
    answer(CHURN_V2, "prod", 1L);
    final Answer v1 =
        GateStack.post(app.url(), "/v1/promotions", promotion(CHURN_V1, "prod", "v1-" + RUN), null);
    final Answer v2 =
        GateStack.post(app.url(), "/v1/promotions", promotion(CHURN_V2, "prod", "v2-" + RUN), null);
    assertThat(v1.status()).isEqualTo(201);
    assertThat(v1.json().path("decision").asText()).isEqualTo("ALLOW");
    assertThat(v2.status()).isEqualTo(201);
    assertThat(v2.json().path("decision").asText()).isEqualTo("ALLOW");
    final Map<TopicPartition, Long> since = stack.decisionsEnd();
    // When v2's verdict turns BLOCK
    final Reason checkFailed = reason(ReasonCode.CHECK_FAILED, Severity.BLOCK);
    stack.send(verdict(CHURN_V2, CHURN, VerdictStatus.BLOCK, 2, checkFailed));
    // Then exactly one REVOKED for v2, pointing back to v1, signed
    final List<GateDecision> revoked = stack.decisionsSince(since, about(CHURN_V1, CHURN_V2), 1);
    assertThat(revoked).hasSize(1);
    final JsonNode revokedJson = normal(DecisionJson.withEnvelope(revoked.get(0)));
    final ObjectNode expectedRevoked =
        expected(
            DecisionKind.REVOKED, CHURN_V2, CHURN, "prod", List.of(checkFailed), List.of(), 2L);
    expectedRevoked.put("requestId", "v2-" + RUN);
    expectedRevoked.put("rollbackCandidate", CHURN_V1);
    assertThat(stable(revokedJson)).isEqualTo(expectedRevoked);
    assertThat(DecisionAttestation.verify(revokedJson, publicKey())).isEmpty();
    // When v2 gets yet another blocking verdict
    final Map<TopicPartition, Long> after = stack.decisionsEnd();
    final RecordMetadata third =
        stack.send(
            verdict(
                CHURN_V2,
                CHURN,
                VerdictStatus.BLOCK,
                3,
                reason(ReasonCode.RUN_FAILED, Severity.BLOCK)));
    stack.awaitConsumed(applicationId, third);
    // Then it is not revoked again
    assertThat(stack.decisionsSince(after, about(CHURN_V1, CHURN_V2), 0)).isEmpty();
    // and its log is the promotion, then the revocation
    final Answer log =
        awaitGet(
            app.url(),
            "/v1/decisions?artifact=" + CHURN_V2,
            a -> a.json().path("decisions").size() >= 2);
    final ObjectNode expectedLog = MAPPER.createObjectNode().put("artifact", CHURN_V2);
    expectedLog.putArray("decisions").add(v2.json()).add(revokedJson);
    assertThat(log.json()).isEqualTo(expectedLog);
  }

  @Test
  @Order(6)
  void shouldRefuseWaiversWhenTokenIsMissingOrLacksTheRole() {
    // Given a WARN verdict, which prod blocks
    stack.send(
        verdict(
            WARNED,
            "model:warned",
            VerdictStatus.WARN,
            1,
            reason(ReasonCode.SUPERSEDED_INPUT, Severity.WARN)));
    answer(WARNED, "prod", 1L);
    final Map<TopicPartition, Long> since = stack.decisionsEnd();
    final JsonNode body =
        waiver(WARNED, Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));
    // When
    final Answer reader = GateStack.post(app.url(), "/v1/waivers", body, "hunter2");
    final Answer anonymous = GateStack.post(app.url(), "/v1/waivers", body, null);
    final Answer stranger = GateStack.post(app.url(), "/v1/waivers", body, "nobody-knows-me");
    // Then
    assertThat(reader.status()).isEqualTo(403);
    assertThat(reader.json())
        .isEqualTo(
            json(
                "{\"type\":\"https://lineage-gate.dev/problems/forbidden\",\"title\":\"Forbidden\","
                    + "\"status\":403,\"detail\":\"principal bob does not hold the waiver role\","
                    + "\"instance\":\"/v1/waivers\"}"));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(anonymous.json())
        .isEqualTo(unauthorized("a bearer token with the waiver role is required"));
    assertThat(stranger.status()).isEqualTo(401);
    assertThat(stranger.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(stranger.json()).isEqualTo(unauthorized("the bearer token is not known"));
    // and nothing was written
    assertThat(stack.decisionsSince(since, about(WARNED), 0)).isEmpty();
    assertThat(GateStack.get(app.url(), gatePath(WARNED, "prod")).json().path("decision").asText())
        .isEqualTo("BLOCK");
  }

  @Test
  @Order(7)
  void shouldAllowUntilExpiryThenBlockAgainWhenAWaiverIsGranted() {
    // Given the WARN verdict of the test before, blocked on prod
    final Reason superseded = reason(ReasonCode.SUPERSEDED_INPUT, Severity.WARN);
    answer(WARNED, "prod", 1L);
    final Map<TopicPartition, Long> since = stack.decisionsEnd();
    final Instant expiresAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
    // When alice waives the WARN reason for a few seconds
    final Answer granted =
        GateStack.post(app.url(), "/v1/waivers", waiver(WARNED, expiresAt), "s3cret");
    // Then 201 WAIVED, signed
    assertThat(granted.status()).isEqualTo(201);
    final ObjectNode expectedWaived =
        expected(DecisionKind.WAIVED, WARNED, "model:warned", "prod", List.of(), List.of(), null);
    expectedWaived.set(
        "waiver",
        MAPPER
            .createObjectNode()
            .put("reason", "SUPERSEDED_INPUT")
            .put("expiresAt", expiresAt.toString())
            .put("justification", "known drift, retrain scheduled")
            .put("grantedBy", "alice"));
    assertThat(stable(granted.json())).isEqualTo(expectedWaived);
    assertThat(DecisionAttestation.verify(granted.json(), publicKey())).isEmpty();
    // and prod allows it, saying what was waived
    final Answer allowed = GateStack.get(app.url(), gatePath(WARNED, "prod"));
    assertThat(stable(allowed.json()))
        .isEqualTo(
            expected(
                DecisionKind.ALLOW,
                WARNED,
                "model:warned",
                "prod",
                List.of(),
                List.of(ReasonCode.SUPERSEDED_INPUT),
                1L));
    // When the waiver expires
    final List<GateDecision> recorded = stack.decisionsSince(since, about(WARNED), 2);
    // Then WAIVER_EXPIRED is recorded once, after the WAIVED
    assertThat(recorded)
        .extracting(GateDecision::getDecision)
        .containsExactly(DecisionKind.WAIVED, DecisionKind.WAIVER_EXPIRED);
    assertThat(normal(DecisionJson.withEnvelope(recorded.get(0)))).isEqualTo(granted.json());
    final JsonNode expiredJson = normal(DecisionJson.withEnvelope(recorded.get(1)));
    final ObjectNode expectedExpired =
        expected(
            DecisionKind.WAIVER_EXPIRED,
            WARNED,
            "model:warned",
            "prod",
            List.of(),
            List.of(),
            null);
    expectedExpired.set("waiver", expectedWaived.get("waiver"));
    assertThat(stable(expiredJson)).isEqualTo(expectedExpired);
    assertThat(recorded.get(1).getWaiver())
        .isEqualTo(
            new Waiver(
                ReasonCode.SUPERSEDED_INPUT, expiresAt, "known drift, retrain scheduled", "alice"));
    assertThat(DecisionAttestation.verify(expiredJson, publicKey())).isEmpty();
    // and prod blocks it again
    final Answer blocked = GateStack.get(app.url(), gatePath(WARNED, "prod"));
    assertThat(stable(blocked.json()))
        .isEqualTo(
            expected(
                DecisionKind.BLOCK,
                WARNED,
                "model:warned",
                "prod",
                List.of(superseded),
                List.of(),
                1L));
  }

  @Test
  @Order(8)
  void shouldRevokeWhenThePromotionRestedOnAWaiverThatExpires() {
    // Given a WARN verdict, waived on prod for a few seconds, and promoted to prod under the waiver
    final Reason superseded = reason(ReasonCode.SUPERSEDED_INPUT, Severity.WARN);
    final String name = "model:waived";
    stack.send(verdict(WAIVED, name, VerdictStatus.WARN, 1, superseded));
    answer(WAIVED, "prod", 1L);
    final Map<TopicPartition, Long> since = stack.decisionsEnd();
    final Instant expiresAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
    final Answer granted =
        GateStack.post(app.url(), "/v1/waivers", waiver(WAIVED, expiresAt), "s3cret");
    assertThat(granted.status()).isEqualTo(201);
    final Answer promoted =
        GateStack.post(
            app.url(), "/v1/promotions", promotion(WAIVED, "prod", "waived-" + RUN), null);
    assertThat(promoted.status()).isEqualTo(201);
    final ObjectNode allow =
        expected(
            DecisionKind.ALLOW,
            WAIVED,
            name,
            "prod",
            List.of(),
            List.of(ReasonCode.SUPERSEDED_INPUT),
            1L);
    allow.put("requestId", "waived-" + RUN);
    allow.put("requestedBy", "release-bot");
    assertThat(stable(promoted.json())).isEqualTo(allow);
    // When the waiver expires
    final List<GateDecision> recorded = stack.decisionsSince(since, about(WAIVED), 4);
    // Then the expiry is recorded, then the promotion is revoked (no other version to go back to)
    assertThat(recorded)
        .extracting(GateDecision::getDecision)
        .containsExactly(
            DecisionKind.WAIVED,
            DecisionKind.ALLOW,
            DecisionKind.WAIVER_EXPIRED,
            DecisionKind.REVOKED);
    final JsonNode revokedJson = normal(DecisionJson.withEnvelope(recorded.get(3)));
    final ObjectNode expectedRevoked =
        expected(DecisionKind.REVOKED, WAIVED, name, "prod", List.of(superseded), List.of(), 1L);
    expectedRevoked.put("requestId", "waived-" + RUN);
    assertThat(stable(revokedJson)).isEqualTo(expectedRevoked);
    assertThat(DecisionAttestation.verify(revokedJson, publicKey())).isEmpty();
  }

  @Test
  @Order(9)
  void shouldRecordNothingThenTheRealDecisionWhenAPromotionPrecedesItsVerdict() {
    // Given an artifact whose verdict has not reached the gate
    final Map<TopicPartition, Long> since = stack.decisionsEnd();
    final String requestId = "late-" + RUN;
    final JsonNode body = promotion(LATE, "prod", requestId);

    // When it is promoted
    final Answer early = GateStack.post(app.url(), "/v1/promotions", body, null);

    // Then the gate says it does not know it yet, to retry, and records nothing
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.header("Content-Type")).startsWith("application/problem+json");
    assertThat(early.header("Retry-After")).isEqualTo("1");
    assertThat(early.json())
        .isEqualTo(
            json(
                "{\"type\":\"https://lineage-gate.dev/problems/unknown-artifact\","
                    + "\"title\":\"Unknown artifact\",\"status\":409,"
                    + "\"detail\":\"no verdict for "
                    + LATE
                    + " after 2s: lineage-stream has not evaluated it (yet); nothing was recorded,"
                    + " retry with the same requestId\",\"instance\":\"/v1/promotions\"}"));
    assertThat(stack.decisionsSince(since, about(LATE), 0)).isEmpty();
    assertThat(GateStack.get(app.url(), "/v1/decisions?artifact=" + LATE).json())
        .isEqualTo(json("{\"artifact\":\"" + LATE + "\",\"decisions\":[]}"));

    // When its verdict arrives and the same request is sent again, twice
    stack.send(verdict(LATE, "model:late", VerdictStatus.PASS, 1));
    answer(LATE, "prod", 1L);
    final Answer retried = GateStack.post(app.url(), "/v1/promotions", body, null);
    final Answer replayed = GateStack.post(app.url(), "/v1/promotions", body, null);

    // Then it is decided on the verdict and recorded once; the second is a replay
    assertThat(retried.status()).isEqualTo(201);
    final ObjectNode allow =
        expected(DecisionKind.ALLOW, LATE, "model:late", "prod", List.of(), List.of(), 1L);
    allow.put("requestId", requestId);
    allow.put("requestedBy", "release-bot");
    assertThat(stable(retried.json())).isEqualTo(allow);
    assertThat(replayed.status()).isEqualTo(200);
    assertThat(replayed.json()).isEqualTo(retried.json());
    final List<GateDecision> recorded = stack.decisionsSince(since, about(LATE), 1);
    assertThat(recorded).hasSize(1);
    assertThat(normal(DecisionJson.withEnvelope(recorded.get(0)))).isEqualTo(retried.json());
  }

  @Test
  @Order(10)
  void shouldDecideOnTheVerdictWhenItArrivesWhileThePromotionWaits() throws Exception {
    // Given a promotion sent before its artifact's verdict, produced 300 ms later
    final Map<TopicPartition, Long> since = stack.decisionsEnd();
    final String requestId = "awaited-" + RUN;
    final Reason runFailed = reason(ReasonCode.RUN_FAILED, Severity.BLOCK);
    final ExecutorService client = Executors.newSingleThreadExecutor();
    try {
      final Future<Answer> promoted =
          client.submit(
              () ->
                  GateStack.post(
                      app.url(), "/v1/promotions", promotion(AWAITED, "prod", requestId), null));
      Thread.sleep(300);
      stack.send(verdict(AWAITED, "model:awaited", VerdictStatus.BLOCK, 1, runFailed));

      // When it is answered
      final Answer answer = promoted.get(30, TimeUnit.SECONDS);

      // Then it was decided on that verdict (its own reason, not UNKNOWN_ARTIFACT), recorded once
      assertThat(answer.status()).isEqualTo(201);
      final ObjectNode block =
          expected(
              DecisionKind.BLOCK,
              AWAITED,
              "model:awaited",
              "prod",
              List.of(runFailed),
              List.of(),
              1L);
      block.put("requestId", requestId);
      block.put("requestedBy", "release-bot");
      assertThat(stable(answer.json())).isEqualTo(block);
      final List<GateDecision> recorded = stack.decisionsSince(since, about(AWAITED), 1);
      assertThat(recorded).hasSize(1);
      assertThat(normal(DecisionJson.withEnvelope(recorded.get(0)))).isEqualTo(answer.json());
    } finally {
      client.shutdownNow();
    }
  }

  @Test
  @Order(20)
  void shouldAnswerTheSameWhenRestartedWithItsStateOrFromTheChangelogsOnly() {
    // Given what the gate answers and has recorded now
    final Map<String, JsonNode> answers = answers();
    final Map<String, JsonNode> logs = logs();
    final String keyId = keyId();
    final Map<TopicPartition, Long> since = stack.decisionsEnd();
    // When it restarts on the same state dir
    app.close();
    app = null;
    app = GateApp.start(stack.config(applicationId, stateDir, keyDir));
    // Then it answers the same, signs with the same key
    assertThat(answers()).isEqualTo(answers);
    assertThat(logs()).isEqualTo(logs);
    assertThat(keyId()).isEqualTo(keyId);
    // When it restarts under the same application id with nothing on disk
    app.close();
    app = null;
    assertThat(emptyStateDir).isEmptyDirectory();
    app = GateApp.start(stack.config(applicationId, emptyStateDir, keyDir));
    // Then the stores are back from the changelogs
    assertThat(answers()).isEqualTo(answers);
    assertThat(logs()).isEqualTo(logs);
    assertThat(keyId()).isEqualTo(keyId);
    // and a retried promotion is still a replay of the decision made before the restarts
    final Answer replay =
        GateStack.post(
            app.url(), "/v1/promotions", promotion(PROMOTED, "prod", "release-" + RUN), null);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.json()).isEqualTo(promotedAnswer);
    // and nothing was decided again by either restart
    assertThat(
            stack.decisionsSince(
                since,
                about(
                    PASSING, BLOCKED, UNKNOWN, REORDERED, PROMOTED, CHURN_V1, CHURN_V2, WARNED,
                    WAIVED),
                0))
        .isEmpty();
  }

  // ---- helpers

  private static String digest(final String what) {
    return Digest.sha256("gate-service-it " + RUN + " " + what).value();
  }

  private static String gatePath(final String digest, final String target) {
    return "/v1/gate/" + digest + "?target=" + target;
  }

  /** The answer once the gate decides on {@code sequence} (bounded wait). */
  private static JsonNode answer(final String digest, final String target, final Long sequence) {
    return awaitGet(
            app.url(),
            gatePath(digest, target),
            a -> a.status() == 200 && a.json().path("verdictSequence").asLong(-1) == sequence)
        .json();
  }

  /** decision, reasons and verdictSequence of every digest and target, once readable. */
  private static Map<String, JsonNode> answers() {
    final Map<String, JsonNode> answers = new LinkedHashMap<>();
    for (final String digest :
        List.of(
            PASSING, BLOCKED, UNKNOWN, REORDERED, PROMOTED, CHURN_V1, CHURN_V2, WARNED, WAIVED)) {
      for (final String target : TARGETS) {
        final JsonNode json = awaitGet(app.url(), gatePath(digest, target), a -> true).json();
        final ObjectNode kept = MAPPER.createObjectNode();
        kept.set("decision", json.get("decision"));
        kept.set("reasons", json.get("reasons"));
        kept.set("waivedReasons", json.get("waivedReasons"));
        kept.set("verdictSequence", json.get("verdictSequence"));
        answers.put(digest + " " + target, kept);
      }
    }
    return answers;
  }

  private static Map<String, JsonNode> logs() {
    final Map<String, JsonNode> logs = new LinkedHashMap<>();
    for (final String digest : List.of(PROMOTED, CHURN_V1, CHURN_V2, WARNED, WAIVED)) {
      logs.put(digest, awaitGet(app.url(), "/v1/decisions?artifact=" + digest, a -> true).json());
    }
    assertThat(logs.values()).allSatisfy(l -> assertThat(l.path("decisions")).isNotEmpty());
    return logs;
  }

  private static JsonNode keys() {
    final Answer keys = GateStack.get(app.url(), "/v1/keys");
    assertThat(keys.status()).isEqualTo(200);
    return keys.json();
  }

  private static String keyId() {
    return keys().path("keys").path(0).path("keyid").asText();
  }

  private static PublicKey publicKey() {
    final JsonNode keys = keys();
    assertThat(keys.path("keys")).hasSize(1);
    return PublicKeys.read(keys.path("keys").path(0).path("publicKeyPem").asText());
  }

  private static JsonNode promotion(
      final String digest, final String target, final String requestId) {
    return MAPPER
        .createObjectNode()
        .put("artifact", digest)
        .put("target", target)
        .put("requestId", requestId)
        .put("requestedBy", "release-bot");
  }

  private static JsonNode waiver(final String digest, final Instant expiresAt) {
    return MAPPER
        .createObjectNode()
        .put("artifact", digest)
        .put("target", "prod")
        .put("reason", "SUPERSEDED_INPUT")
        .put("expiresAt", expiresAt.toString())
        .put("justification", "known drift, retrain scheduled");
  }

  private static JsonNode unauthorized(final String detail) {
    return MAPPER
        .createObjectNode()
        .put("type", "https://lineage-gate.dev/problems/unauthorized")
        .put("title", "Unauthorized")
        .put("status", 401)
        .put("detail", detail)
        .put("instance", "/v1/waivers");
  }

  private static JsonNode json(final String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
