package dev.lineagegate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.avro.GateDecision;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code lineage-gate promote}: the request it sends, and its exit codes. */
class PromoteCommandTest {

  private static final String A = Decisions.ARTIFACT;
  private static final String TRAILER =
      ", verdict 3, policy " + Decisions.POLICY + ", at 2026-11-22T10:00:00.123Z";

  private final CliHarness cli = new CliHarness();

  private static GateDecision requested(final GateDecision decision, final String id) {
    return GateDecision.newBuilder(decision).setRequestId(id).setRequestedBy("ci-bot").build();
  }

  @Test
  void shouldPostExactlyTheRequestAndExitZeroWhenTheGateAllows() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given
      gate.answer(201, Decisions.json(requested(Decisions.allow(), "r-7")));
      // When
      final int exit =
          cli.run(
              "promote",
              A,
              "--target",
              "prod",
              "--request-id",
              "r-7",
              "--requested-by",
              "ci-bot",
              "--gate",
              gate.url().toString());
      // Then
      assertThat(exit).isZero();
      assertThat(gate.requests())
          .containsExactly(
              new FakeGate.Request(
                  "POST",
                  "/v1/promotions",
                  "{\"artifact\":\""
                      + A
                      + "\",\"target\":\"prod\",\"requestId\":\"r-7\",\"requestedBy\":\"ci-bot\"}"));
      assertThat(cli.out())
          .isEqualTo(
              "ALLOW "
                  + A
                  + " (model:churn) for prod\ndecision d-1"
                  + TRAILER
                  + ", request r-7 by ci-bot\n");
      assertThat(cli.err()).isEmpty();
    }
  }

  @Test
  void shouldGenerateAndPrintTheRequestIdWhenNoneIsGiven() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given
      gate.answer(201, Decisions.json(Decisions.allow()));
      // When: neither --request-id nor --requested-by
      final int exit = cli.run("promote", A, "--target", "prod", "--gate", gate.url().toString());
      // Then: the id sent is a UUID, stderr tells it for a retry, and the requester is $USER
      assertThat(exit).isZero();
      final JsonNode body = new ObjectMapper().readTree(gate.requests().get(0).body());
      final String id = body.path("requestId").asText();
      assertThat(UUID.fromString(id)).hasToString(id);
      assertThat(gate.requests().get(0).body())
          .isEqualTo(
              "{\"artifact\":\""
                  + A
                  + "\",\"target\":\"prod\",\"requestId\":\""
                  + id
                  + "\",\"requestedBy\":\""
                  + Objects.requireNonNullElse(System.getenv("USER"), "unknown")
                  + "\"}");
      assertThat(cli.err())
          .isEqualTo("request id " + id + " (to retry this promotion: --request-id " + id + ")\n");
    }
  }

  @Test
  void shouldSayItIsAReplayWhenTheGateAnswers200() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given
      gate.answer(200, Decisions.json(requested(Decisions.block(), "r-7")));
      // When
      final int exit =
          cli.run(
              "promote",
              A,
              "--target",
              "prod",
              "--request-id",
              "r-7",
              "--requested-by",
              "ci-bot",
              "--gate",
              gate.url().toString());
      // Then
      assertThat(exit).isEqualTo(1);
      assertThat(cli.out()).startsWith("BLOCK " + A + " (model:churn) for prod\n");
      assertThat(cli.err()).isEqualTo("request r-7 was decided before: the same decision again\n");
    }
  }

  @Test
  void shouldPrintTheProblemAndExitTwoWhenTheRequestIdIsReusedForAnother() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given
      gate.problem(
          409,
          "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,"
              + "\"detail\":\"request r-7 was for another artifact\"}",
          Map.of());
      // When
      final int exit =
          cli.run(
              "promote",
              A,
              "--target",
              "prod",
              "--request-id",
              "r-7",
              "--requested-by",
              "ci-bot",
              "--gate",
              gate.url().toString());
      // Then
      assertThat(exit).isEqualTo(2);
      assertThat(cli.out()).isEmpty();
      assertThat(cli.err())
          .isEqualTo(
              "lineage-gate promote: POST /v1/promotions: Conflict (HTTP 409):"
                  + " request r-7 was for another artifact\n");
    }
  }
}
