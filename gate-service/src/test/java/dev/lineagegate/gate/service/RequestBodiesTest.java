package dev.lineagegate.gate.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.gate.GateFixtures;
import dev.lineagegate.gate.http.GateProblems;
import dev.lineagegate.schema.json.FieldError;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldReadAPromotionWhenEveryFieldIsValid() throws Exception {
    final var body =
        json.readTree(
            "{\"artifact\":\""
                + GateFixtures.V1
                + "\",\"target\":\"prod\",\"requestId\":\"r-1\",\"requestedBy\":\"ci\"}");
    assertThat(RequestBodies.promotion(body))
        .isEqualTo(new RequestBodies.Promotion(GateFixtures.V1, "prod", "r-1", "ci"));
  }

  @Test
  void shouldListEveryInvalidFieldWhenAPromotionIsBad() throws Exception {
    // Given a body with a bad digest, no target, a numeric requestId
    final var body = json.readTree("{\"artifact\":\"md5:x\",\"requestId\":7}");

    // When it is read
    final GateRefusal refused =
        catchThrowableOfType(GateRefusal.class, () -> RequestBodies.promotion(body));

    // Then one 400 names all three fields
    assertThat(GateProblems.problem(refused).status()).isEqualTo(400);
    assertThat(GateProblems.problem(refused).errors())
        .containsExactly(
            new FieldError("/artifact", "not a digest: expected sha256:<64 lowercase hex>"),
            new FieldError("/target", "is required"),
            new FieldError("/requestId", "must be a non-empty string"));
  }

  @Test
  void shouldReadAWaiverWhenEveryFieldIsValid() throws Exception {
    final var body =
        json.readTree(
            "{\"artifact\":\""
                + GateFixtures.V1
                + "\",\"target\":\"prod\",\"reason\":\"MISSING_SEED\","
                + "\"expiresAt\":\"2026-12-02T00:00:00Z\",\"justification\":\"seedless\"}");
    assertThat(RequestBodies.waiver(body))
        .isEqualTo(
            new RequestBodies.WaiverRequest(
                GateFixtures.V1,
                "prod",
                ReasonCode.MISSING_SEED,
                Instant.parse("2026-12-02T00:00:00Z"),
                "seedless"));
  }

  @Test
  void shouldNameTheReasonAndTheTimeWhenAWaiverHasBadOnes() throws Exception {
    final var body =
        json.readTree(
            "{\"artifact\":\""
                + GateFixtures.V1
                + "\",\"target\":\"prod\",\"reason\":\"NOPE\",\"expiresAt\":\"tomorrow\"}");
    final GateRefusal refused =
        catchThrowableOfType(GateRefusal.class, () -> RequestBodies.waiver(body));
    assertThat(GateProblems.problem(refused).errors())
        .extracting(FieldError::pointer)
        .containsExactly("/reason", "/expiresAt", "/justification");
  }

  @Test
  void shouldRefuseABodyWhenItIsNotAnObject() throws Exception {
    final GateRefusal refused =
        catchThrowableOfType(
            GateRefusal.class, () -> RequestBodies.promotion(json.readTree("[1]")));
    assertThat(GateProblems.problem(refused).errors())
        .containsExactly(new FieldError("", "the body must be a JSON object"));
  }
}
