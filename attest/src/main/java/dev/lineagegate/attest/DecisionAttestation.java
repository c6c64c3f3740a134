package dev.lineagegate.attest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.DsseEnvelope;
import dev.lineagegate.avro.DsseSignature;
import dev.lineagegate.avro.GateDecision;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Signs and verifies gate decisions: a DSSE envelope over an in-toto Statement v1 whose subject is
 * the artifact (name + sha256 digest) and whose predicate is the decision's JSON ({@link
 * DecisionJson#of}). Verifying a decision therefore checks the signature and that every field shown
 * beside the envelope is the one that was signed.
 */
public final class DecisionAttestation {

  public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
  public static final String PREDICATE_TYPE = "https://lineage-gate.dev/attestations/decision/v1";

  /**
   * Repeated keys are an error, not "the last one wins": a signed payload that says {@code
   * "decision"} twice could read as ALLOW to one parser and BLOCK to another.
   */
  private static final ObjectMapper MAPPER = strict();

  private static final String SHA256 = "sha256:";

  /**
   * JSON equality with numbers compared by value: a tree built by {@link DecisionJson} holds a long
   * where the same number parsed from text is an int, and Jackson's own equals tells them apart.
   */
  private static final Comparator<JsonNode> SAME_VALUE =
      (a, b) ->
          a.isNumber() && b.isNumber()
              ? a.decimalValue().compareTo(b.decimalValue())
              : a.equals(b) ? 0 : 1;

  private DecisionAttestation() {}

  /**
   * A mapper for anything whose meaning is signed: it refuses repeated keys in an object and
   * anything after the first value ({@code {...}{...}}), which parsers disagree on.
   */
  public static ObjectMapper strict() {
    return JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  /** The in-toto Statement of {@code decision}, as the bytes that get signed. */
  public static byte[] statement(final GateDecision decision) {
    final ObjectNode statement = MAPPER.createObjectNode();
    statement.put("_type", STATEMENT_TYPE);
    final ObjectNode subject = statement.putArray("subject").addObject();
    final String artifact = decision.getArtifact();
    subject.put("name", decision.getName() != null ? decision.getName() : artifact);
    subject.putObject("digest").put("sha256", hex(artifact));
    statement.put("predicateType", PREDICATE_TYPE);
    statement.set("predicate", DecisionJson.of(decision));
    try {
      return MAPPER.writeValueAsBytes(statement);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** {@code decision} with its envelope set (any previous envelope is replaced). */
  public static GateDecision sign(final GateDecision decision, final Signer key) {
    final GateDecision unsigned = GateDecision.newBuilder(decision).setEnvelope(null).build();
    final Envelope envelope = Dsse.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, statement(unsigned), key);
    final List<DsseSignature> signatures = new ArrayList<>();
    for (final Envelope.Signature s : envelope.signatures()) {
      signatures.add(new DsseSignature(s.keyid(), ByteBuffer.wrap(s.sig())));
    }
    return GateDecision.newBuilder(unsigned)
        .setEnvelope(
            new DsseEnvelope(
                envelope.payloadType(), ByteBuffer.wrap(envelope.payload()), signatures))
        .build();
  }

  /**
   * What is wrong with a decision's JSON (as the gate answers it, envelope included) under {@code
   * key}; empty when the signature holds and the statement says exactly what the JSON says.
   */
  public static List<String> verify(final JsonNode decision, final PublicKey key) {
    if (decision == null || !decision.isObject()) {
      return List.of("a decision is a JSON object");
    }
    final List<String> problems = new ArrayList<>();
    final Envelope envelope;
    try {
      envelope = Envelope.fromJson(decision.path("envelope"));
    } catch (IllegalArgumentException e) {
      return List.of("no readable envelope: " + e.getMessage());
    }
    if (!Dsse.IN_TOTO_PAYLOAD_TYPE.equals(envelope.payloadType())) {
      problems.add("payloadType is " + envelope.payloadType() + ", not an in-toto statement");
    }
    if (!Dsse.verify(envelope, key)) {
      problems.add("no signature by key " + PublicKeys.keyId(key) + " verifies");
      return problems;
    }
    final JsonNode statement;
    try {
      statement = MAPPER.readTree(envelope.payload());
    } catch (IOException e) {
      problems.add("the signed payload is not JSON: " + e.getMessage());
      return problems;
    }
    if (!STATEMENT_TYPE.equals(statement.path("_type").asText())) {
      problems.add("the payload is not an in-toto Statement v1");
    }
    if (!PREDICATE_TYPE.equals(statement.path("predicateType").asText())) {
      problems.add("the predicate is not a lineage-gate decision");
    }
    final String artifact = decision.path("artifact").asText();
    final String signedDigest =
        statement.path("subject").path(0).path("digest").path("sha256").asText();
    if (!artifact.equals(SHA256 + signedDigest)) {
      problems.add("the statement's subject is sha256:" + signedDigest + ", not " + artifact);
    }
    final ObjectNode shown = ((ObjectNode) decision).deepCopy();
    shown.remove("envelope");
    final JsonNode signed = statement.path("predicate");
    shown
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!shown.get(field).equals(SAME_VALUE, signed.path(field))) {
                problems.add("field " + field + " differs from what was signed");
              }
            });
    signed
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!shown.has(field)) {
                problems.add("signed field " + field + " is missing beside the envelope");
              }
            });
    return problems;
  }

  static Envelope envelope(final DsseEnvelope avro) {
    final List<Envelope.Signature> signatures = new ArrayList<>();
    for (final DsseSignature s : avro.getSignatures()) {
      signatures.add(new Envelope.Signature(s.getKeyid(), bytes(s.getSig())));
    }
    return new Envelope(avro.getPayloadType(), bytes(avro.getPayload()), signatures);
  }

  private static byte[] bytes(final ByteBuffer buffer) {
    final ByteBuffer copy = buffer.duplicate();
    final byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  private static String hex(final String digest) {
    if (!digest.startsWith(SHA256)) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    return digest.substring(SHA256.length());
  }
}
