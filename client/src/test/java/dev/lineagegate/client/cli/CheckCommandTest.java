package dev.lineagegate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code lineage-gate check} against a gate on 127.0.0.1 answering canned decisions. */
class CheckCommandTest {

  private static final String A = Decisions.ARTIFACT;
  private static final String TRAILER =
      ", verdict 3, policy " + Decisions.POLICY + ", at 2026-11-22T10:00:00.123Z\n";

  // The web view's page of the artifact, last (no lineage.public-url set: the default address).
  private static final String WEB = "web view: http://127.0.0.1:8081/artifacts/" + A + "\n";

  private final CliHarness cli = new CliHarness();

  @Test
  void shouldPrintTheDecisionAndExitZeroWhenTheGateAllows() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given
      gate.answer(200, Decisions.json(Decisions.allow()));
      // When
      final int exit = cli.run("check", A, "--target", "prod", "--gate", gate.url().toString());
      // Then
      assertThat(exit).isZero();
      assertThat(gate.requests())
          .containsExactly(new FakeGate.Request("GET", "/v1/gate/" + A + "?target=prod", ""));
      assertThat(cli.out())
          .isEqualTo("ALLOW " + A + " (model:churn) for prod\ndecision d-1" + TRAILER + WEB);
      assertThat(cli.err()).isEmpty();
    }
  }

  @Test
  void shouldPrintEachReasonAndExitOneWhenTheGateBlocks() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given
      gate.answer(200, Decisions.json(Decisions.block()));
      // When
      final int exit = cli.run("check", A, "--target", "prod", "--gate", gate.url().toString());
      // Then
      assertThat(exit).isEqualTo(1);
      assertThat(cli.out())
          .isEqualTo(
              "BLOCK "
                  + A
                  + " (model:churn) for prod\n"
                  + "  BLOCK STALE_INPUT: input features is 30h old"
                  + " [age=PT30H, input=s3://raw/features]\n"
                  + "decision d-2"
                  + TRAILER
                  + WEB);
      assertThat(cli.err()).isEmpty();
    }
  }

  @Test
  void shouldPrintTheAnswerAsItCameWhenJsonIsAsked() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given
      final String answer = Decisions.json(Decisions.block());
      gate.answer(200, answer);
      // When
      final int exit =
          cli.run("check", A, "--target", "prod", "--gate", gate.url().toString(), "--json");
      // Then
      assertThat(exit).isEqualTo(1);
      assertThat(cli.out()).isEqualTo(answer + "\n");
    }
  }

  @Test
  void shouldPrintTheProblemAndExitTwoWhenTheGateRefusesTheTarget() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given
      gate.problem(
          400,
          "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
              + "\"detail\":\"unknown target staging2\",\"instance\":\"/v1/gate/"
              + A
              + "\",\"errors\":[{\"pointer\":\"/target\",\"message\":\"not a target of the"
              + " policy\"}]}",
          Map.of());
      // When
      final int exit = cli.run("check", A, "--target", "staging2", "--gate", gate.url().toString());
      // Then
      assertThat(exit).isEqualTo(2);
      assertThat(cli.out()).isEmpty();
      assertThat(cli.err())
          .isEqualTo(
              "lineage-gate check: GET /v1/gate: Bad Request (HTTP 400): unknown target staging2\n"
                  + "/target: not a target of the policy\n");
    }
  }

  @Test
  void shouldExitTwoWhenNothingListens() throws IOException {
    // Given a loopback port that was free a moment ago and is closed now
    final int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    // When
    final int exit = cli.run("check", A, "--target", "prod", "--gate", "http://127.0.0.1:" + port);
    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err())
        .startsWith(
            "lineage-gate check: GET /v1/gate: gate unreachable at http://127.0.0.1:"
                + port
                + ": java.net.ConnectException");
  }

  @Test
  void shouldRetryWhenTheGateIsNotReadyYet() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given
      gate.problem(
              503,
              "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"catching up\"}",
              Map.of("Retry-After", "1"))
          .answer(200, Decisions.json(Decisions.allow()));
      // When
      final Instant start = Instant.now();
      final int exit = cli.run("check", A, "--target", "prod", "--gate", gate.url().toString());
      // Then: the second attempt came after the Retry-After second
      assertThat(exit).isZero();
      assertThat(Duration.between(start, Instant.now()))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(gate.requests()).hasSize(2);
      assertThat(cli.err()).isEmpty();
    }
  }

  @Test
  void shouldGiveUpAtOnceWhenRetryAfterIsBeyondTheTimeout() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given
      gate.problem(
          503,
          "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"catching up\"}",
          Map.of("Retry-After", "30"));
      // When
      final int exit =
          cli.run(
              "check", A, "--target", "prod", "--gate", gate.url().toString(), "--timeout", "2");
      // Then
      assertThat(exit).isEqualTo(2);
      assertThat(gate.requests()).hasSize(1);
      assertThat(cli.err())
          .isEqualTo(
              "lineage-gate check: GET /v1/gate: Service Unavailable (HTTP 503): catching up\n");
    }
  }

  @Test
  void shouldStopRetryingWhenTheGateStaysUnavailable() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given: more 503s than attempts
      for (int i = 0; i <= GateHttp.MAX_ATTEMPTS; i++) {
        gate.problem(
            503, "{\"title\":\"Service Unavailable\",\"status\":503}", Map.of("Retry-After", "0"));
      }
      // When
      final int exit = cli.run("check", A, "--target", "prod", "--gate", gate.url().toString());
      // Then
      assertThat(exit).isEqualTo(2);
      assertThat(gate.requests()).hasSize(GateHttp.MAX_ATTEMPTS);
      assertThat(cli.err())
          .isEqualTo("lineage-gate check: GET /v1/gate: Service Unavailable (HTTP 503)\n");
    }
  }

  @Test
  void shouldExitTwoWhenTheAnswerIsNotJson() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given
      gate.answer(200, "text/html", "<html>proxy login</html>", Map.of());
      // When
      final int exit = cli.run("check", A, "--target", "prod", "--gate", gate.url().toString());
      // Then
      assertThat(exit).isEqualTo(2);
      assertThat(cli.out()).isEmpty();
      assertThat(cli.err())
          .startsWith("lineage-gate check: GET /v1/gate: the gate's answer is not JSON: ");
    }
  }

  @Test
  void shouldExitTwoWithoutAskingWhenTheDigestIsMalformed() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // When
      final int exit =
          cli.run("check", "md5:abc", "--target", "prod", "--gate", gate.url().toString());
      // Then
      assertThat(exit).isEqualTo(2);
      assertThat(gate.requests()).isEmpty();
      assertThat(cli.err())
          .isEqualTo(
              "lineage-gate check: not a digest: expected sha256:<64 lowercase hex>, got md5:abc\n");
    }
  }

  @Test
  void shouldExitTwoWhenTheTargetIsMissing() {
    // When
    final int exit = cli.run("check", A);
    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo(
            "lineage-gate check: Missing required option: '--target=<target>'\n"
                + "Try 'lineage-gate check --help' for usage.\n");
  }
}
