package dev.lineagegate.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.attest.DecisionAttestation;
import dev.lineagegate.attest.DecisionJson;
import dev.lineagegate.attest.SigningKey;
import dev.lineagegate.avro.DecisionKind;
import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Signed gate decisions as the gate answers them (DecisionJson with envelope), for the CLI tests.
 */
final class Decisions {

  static final String ARTIFACT = "sha256:" + "ab".repeat(32);
  static final String POLICY = "sha256:" + "cd".repeat(32);
  static final SigningKey KEY = SigningKey.generate();

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Decisions() {}

  /** ALLOW of model:churn for prod, no reasons. */
  static GateDecision allow() {
    return GateDecision.newBuilder()
        .setDecisionId("d-1")
        .setDecision(DecisionKind.ALLOW)
        .setArtifact(ARTIFACT)
        .setName("model:churn")
        .setTarget("prod")
        .setReasons(List.of())
        .setVerdictSequence(3L)
        .setPolicyVersion(POLICY)
        .setDecidedAt(Instant.parse("2026-11-22T10:00:00.123Z"))
        .build();
  }

  /** BLOCK of model:churn for prod: one stale input. */
  static GateDecision block() {
    return GateDecision.newBuilder(allow())
        .setDecisionId("d-2")
        .setDecision(DecisionKind.BLOCK)
        .setReasons(
            List.of(
                new Reason(
                    ReasonCode.STALE_INPUT,
                    Severity.BLOCK,
                    "input features is 30h old",
                    Map.of("input", "s3://raw/features", "age", "PT30H"))))
        .build();
  }

  /** {@code decision} signed by {@link #KEY}, as JSON text. */
  static String json(final GateDecision decision) {
    try {
      return MAPPER.writeValueAsString(
          DecisionJson.withEnvelope(DecisionAttestation.sign(decision, KEY)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
