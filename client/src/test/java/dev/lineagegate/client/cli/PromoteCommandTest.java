package dev.lineagegate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.avro.GateDecision;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
                  + ", request r-7 by ci-bot\n"
                  + "web view: http://127.0.0.1:8081/artifacts/"
                  + A
                  + "\n");
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

  @Test
  void shouldAskAgainAndExitWithTheDecisionWhenTheGateLearnsTheVerdictMeanwhile()
      throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given a gate without the verdict yet, then with it
      gate.problem(409, unknownArtifact(), Map.of("Retry-After", "1"));
      gate.answer(201, Decisions.json(requested(Decisions.allow(), "r-7")));
      // When
      final int exit = promote(gate, "--request-id", "r-7");
      // Then the same request was sent twice, and the decision is the second answer
      assertThat(exit).isZero();
      final FakeGate.Request sent = new FakeGate.Request("POST", "/v1/promotions", body("r-7"));
      assertThat(gate.requests()).containsExactly(sent, sent);
      assertThat(cli.out()).startsWith("ALLOW " + A + " (model:churn) for prod\n");
      assertThat(cli.err())
          .isEqualTo(
              "lineage-gate promote: the gate has no verdict for "
                  + A
                  + " yet (nothing recorded); asking again for up to 30s\n");
    }
  }

  @Test
  void shouldExitTwoWhenTheGateStillHasNoVerdictAfterTheWait() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given a gate that never gets the verdict
      gate.problem(409, unknownArtifact(), Map.of("Retry-After", "1"));
      gate.problem(409, unknownArtifact(), Map.of("Retry-After", "1"));
      // When the CLI may wait 1.5 s: a second attempt after 1 s, no third
      final int exit = promote(gate, "--request-id", "r-7", "--wait-for-verdict", "1.5");
      // Then it gives up with the request id to promote again with
      assertThat(exit).isEqualTo(2);
      assertThat(gate.requests()).hasSize(2);
      assertThat(cli.out()).isEmpty();
      assertThat(cli.err())
          .isEqualTo(
              "lineage-gate promote: the gate has no verdict for "
                  + A
                  + " yet (nothing recorded); asking again for up to 1.5s\n"
                  + "lineage-gate promote: the gate has no verdict for "
                  + A
                  + " within --wait-for-verdict 1.5s; nothing was recorded: promote again with"
                  + " --request-id r-7 once lineage-stream has evaluated it\n");
    }
  }

  @Test
  void shouldPrintEveryFieldErrorWhenTheGateRefusesTheRequest() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given a gate refusing the body, field by field, as gate-service writes its problems
      gate.problem(
          400,
          "{\"type\":\"https://lineage-gate.dev/problems/invalid-request\","
              + "\"title\":\"Invalid request\",\"status\":400,\"detail\":\"1 invalid field(s)\","
              + "\"instance\":\"/v1/promotions\",\"errors\":[{\"pointer\":\"/requestId\","
              + "\"detail\":\"must be at most 200 characters\"}]}",
          Map.of());
      // When
      final int exit = promote(gate, "--request-id", "r-7");
      // Then each error shows its sentence, not only its pointer
      assertThat(exit).isEqualTo(2);
      assertThat(gate.requests()).hasSize(1);
      assertThat(cli.err())
          .isEqualTo(
              "lineage-gate promote: POST /v1/promotions: Invalid request (HTTP 400): 1 invalid"
                  + " field(s)\n/requestId: must be at most 200 characters\n");
    }
  }

  private int promote(final FakeGate gate, final String... options) {
    final List<String> args =
        new ArrayList<>(
            List.of(
                "promote",
                A,
                "--target",
                "prod",
                "--requested-by",
                "ci-bot",
                "--gate",
                gate.url().toString()));
    args.addAll(List.of(options));
    return cli.run(args.toArray(String[]::new));
  }

  private static String body(final String requestId) {
    return "{\"artifact\":\""
        + A
        + "\",\"target\":\"prod\",\"requestId\":\""
        + requestId
        + "\",\"requestedBy\":\"ci-bot\"}";
  }

  /** The problem gate-service answers for an artifact it has no verdict for. */
  private static String unknownArtifact() {
    return "{\"type\":\"https://lineage-gate.dev/problems/unknown-artifact\","
        + "\"title\":\"Unknown artifact\",\"status\":409,\"detail\":\"no verdict for "
        + A
        + " after 2s: lineage-stream has not evaluated it (yet); nothing was recorded, retry with"
        + " the same requestId\",\"instance\":\"/v1/promotions\"}";
  }
}
