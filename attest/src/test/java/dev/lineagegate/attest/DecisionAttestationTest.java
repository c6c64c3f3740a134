package dev.lineagegate.attest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.DecisionKind;
import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A signed decision verifies exactly as shown, and every change to it is named. */
class DecisionAttestationTest {

  private static final String HEX = "ab".repeat(32);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SigningKey KEY = SigningKey.generate();

  static GateDecision decision() {
    return GateDecision.newBuilder()
        .setDecisionId("d-1")
        .setDecision(DecisionKind.ALLOW)
        .setArtifact("sha256:" + HEX)
        .setName("model:churn")
        .setTarget("prod")
        .setReasons(
            List.of(
                new Reason(
                    ReasonCode.STALE_INPUT,
                    Severity.WARN,
                    "input features is 30h old",
                    Map.of("input", "s3://raw/features", "age", "PT30H"))))
        .setVerdictSequence(3L)
        .setPolicyVersion("sha256:" + "cd".repeat(32))
        .setDecidedAt(Instant.parse("2026-11-22T10:00:00.123Z"))
        .build();
  }

  @Test
  void shouldRefuseWhenTheDocumentIsNotAnObject() throws IOException {
    assertThat(DecisionAttestation.verify(MAPPER.readTree("[1, 2]"), KEY.publicKey()))
        .containsExactly("a decision is a JSON object");
  }

  @Test
  void shouldFindNoProblemWhenTheDecisionIsAsSigned() {
    // Given
    final GateDecision signed = DecisionAttestation.sign(decision(), KEY);
    // When
    final List<String> problems =
        DecisionAttestation.verify(DecisionJson.withEnvelope(signed), KEY.publicKey());
    // Then
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldFindNoProblemWhenTheDecisionWasReadBackFromText() throws IOException {
    // Given: what a client gets, the gate's answer as bytes
    final byte[] answer =
        MAPPER.writeValueAsBytes(
            DecisionJson.withEnvelope(DecisionAttestation.sign(decision(), KEY)));
    // When
    final List<String> problems =
        DecisionAttestation.verify(MAPPER.readTree(answer), KEY.publicKey());
    // Then
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldStillVerifyWhenTheDecisionTimeHadMicrosecondsAndWentThroughAvro() throws IOException {
    // Given: decided at Instant.now() precision, signed, then stored (Avro keeps milliseconds)
    final GateDecision signed =
        DecisionAttestation.sign(
            GateDecision.newBuilder(decision())
                .setDecidedAt(Instant.parse("2026-11-22T10:00:00.123456Z"))
                .build(),
            KEY);
    final GateDecision stored = GateDecision.fromByteBuffer(signed.toByteBuffer());
    // When
    final ObjectNode answered = DecisionJson.withEnvelope(stored);
    // Then
    assertThat(answered.path("decidedAt").asText()).isEqualTo("2026-11-22T10:00:00.123Z");
    assertThat(answered).isEqualTo(DecisionJson.withEnvelope(signed));
    assertThat(DecisionAttestation.verify(answered, KEY.publicKey())).isEmpty();
  }

  @Test
  void shouldNameTheDecisionWhenItIsTampered() {
    assertThat(verifyTampered(json -> json.put("decision", "BLOCK")))
        .containsExactly("field decision differs from what was signed");
  }

  @Test
  void shouldNameTheTargetWhenItIsTampered() {
    assertThat(verifyTampered(json -> json.put("target", "dev")))
        .containsExactly("field target differs from what was signed");
  }

  @Test
  void shouldNameTheVerdictSequenceWhenItIsTampered() {
    assertThat(verifyTampered(json -> json.put("verdictSequence", 4)))
        .containsExactly("field verdictSequence differs from what was signed");
  }

  @Test
  void shouldNameTheReasonsWhenOneIsDropped() {
    assertThat(verifyTampered(json -> json.putArray("reasons")))
        .containsExactly("field reasons differs from what was signed");
  }

  @Test
  void shouldNameTheArtifactWhenItIsTampered() {
    assertThat(verifyTampered(json -> json.put("artifact", "sha256:" + "ef".repeat(32))))
        .containsExactly(
            "the statement's subject is sha256:" + HEX + ", not sha256:" + "ef".repeat(32),
            "field artifact differs from what was signed");
  }

  @Test
  void shouldNameAFieldWhenItIsRemoved() {
    assertThat(verifyTampered(json -> json.remove("policyVersion")))
        .containsExactly("signed field policyVersion is missing beside the envelope");
  }

  @Test
  void shouldSayNoSignatureVerifiesWhenTheKeyIsAnother() {
    // Given
    final SigningKey other = SigningKey.generate();
    final ObjectNode json = DecisionJson.withEnvelope(DecisionAttestation.sign(decision(), KEY));
    // When
    final List<String> problems = DecisionAttestation.verify(json, other.publicKey());
    // Then
    assertThat(problems).containsExactly("no signature by key " + other.keyId() + " verifies");
  }

  @Test
  void shouldSaySoWhenThereIsNoEnvelope() {
    // When
    final List<String> problems =
        DecisionAttestation.verify(DecisionJson.of(decision()), KEY.publicKey());
    // Then
    assertThat(problems)
        .containsExactly("no readable envelope: envelope field payloadType is missing or not text");
  }

  @Test
  void shouldRefuseASignedPayloadWhenAKeyIsRepeated() {
    // Given a payload signed by the key that says "decision" twice (BLOCK first, ALLOW last)
    final GateDecision decision = decision();
    final String statement =
        new String(DecisionAttestation.statement(decision), StandardCharsets.UTF_8)
            .replace("\"predicate\":{", "\"predicate\":{\"decision\":\"BLOCK\",");
    final ObjectNode json = DecisionJson.of(decision);
    json.set(
        "envelope",
        Dsse.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, statement.getBytes(StandardCharsets.UTF_8), KEY)
            .toJson());
    // When
    final List<String> problems = DecisionAttestation.verify(json, KEY.publicKey());
    // Then
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("the signed payload is not JSON: Duplicate field 'decision'");
  }

  @Test
  void shouldSignAnInTotoStatementOfTheArtifactWhenSigning() throws IOException {
    // Given
    final GateDecision decision = decision();
    // When
    final JsonNode statement = MAPPER.readTree(DecisionAttestation.statement(decision));
    // Then
    assertThat(statement.path("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
    assertThat(statement.path("subject")).hasSize(1);
    assertThat(statement.path("subject").path(0).path("name").asText()).isEqualTo("model:churn");
    assertThat(statement.path("subject").path(0).path("digest").path("sha256").asText())
        .isEqualTo(HEX);
    assertThat(statement.path("predicateType").asText())
        .isEqualTo(DecisionAttestation.PREDICATE_TYPE);
    assertThat(statement.path("predicate"))
        .isEqualTo(MAPPER.readTree(MAPPER.writeValueAsBytes(DecisionJson.of(decision))));
  }

  @Test
  void shouldSignTheSameEnvelopeWhenSigningTwice() {
    // When
    final ObjectNode first = DecisionJson.withEnvelope(DecisionAttestation.sign(decision(), KEY));
    final ObjectNode second = DecisionJson.withEnvelope(DecisionAttestation.sign(decision(), KEY));
    // Then
    assertThat(first).isEqualTo(second);
  }

  private static List<String> verifyTampered(final Consumer<ObjectNode> edit) {
    // Given a signed decision as a client reads it
    final ObjectNode json;
    try {
      json =
          (ObjectNode)
              MAPPER.readTree(
                  MAPPER.writeValueAsBytes(
                      DecisionJson.withEnvelope(DecisionAttestation.sign(decision(), KEY))));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    // When one field is changed beside the envelope
    edit.accept(json);
    // Then the caller asserts on what verify says
    return DecisionAttestation.verify(json, KEY.publicKey());
  }
}
