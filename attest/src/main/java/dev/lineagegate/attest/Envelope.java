package dev.lineagegate.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A DSSE envelope. In JSON, {@code payload} and {@code sig} are standard base64, as DSSE's
 * envelope.md specifies.
 *
 * @param payloadType how to read the payload, e.g. {@link Dsse#IN_TOTO_PAYLOAD_TYPE}
 * @param payload the signed bytes
 * @param signatures one or more signatures over the PAE of type and payload
 */
public record Envelope(String payloadType, byte[] payload, List<Signature> signatures) {

  public Envelope {
    Objects.requireNonNull(payloadType, "payloadType");
    payload = Objects.requireNonNull(payload, "payload").clone();
    signatures = List.copyOf(signatures);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * One signature.
   *
   * @param keyid which key made it (lineage-gate: SHA-256 of the public key), may be null
   * @param sig the signature bytes
   */
  public record Signature(String keyid, byte[] sig) {
    public Signature {
      sig = Objects.requireNonNull(sig, "sig").clone();
    }

    @Override
    public byte[] sig() {
      return sig.clone();
    }
  }

  public ObjectNode toJson() {
    final ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("payloadType", payloadType);
    json.put("payload", Base64.getEncoder().encodeToString(payload));
    final var sigs = json.putArray("signatures");
    for (final Signature signature : signatures) {
      final ObjectNode s = sigs.addObject();
      if (signature.keyid() != null) {
        s.put("keyid", signature.keyid());
      }
      s.put("sig", Base64.getEncoder().encodeToString(signature.sig()));
    }
    return json;
  }

  /** Reads the JSON form; a missing or non-base64 field is an {@link IllegalArgumentException}. */
  public static Envelope fromJson(final JsonNode json) {
    final String type = text(json, "payloadType");
    final byte[] payload = base64(text(json, "payload"), "payload");
    final JsonNode sigs = json.path("signatures");
    if (!sigs.isArray() || sigs.isEmpty()) {
      throw new IllegalArgumentException("envelope has no signatures");
    }
    final List<Signature> signatures = new ArrayList<>();
    for (final JsonNode s : sigs) {
      final JsonNode keyid = s.path("keyid");
      signatures.add(
          new Signature(
              keyid.isTextual() ? keyid.asText() : null, base64(text(s, "sig"), "signature")));
    }
    return new Envelope(type, payload, signatures);
  }

  private static String text(final JsonNode json, final String field) {
    final JsonNode value = json.path(field);
    if (!value.isTextual()) {
      throw new IllegalArgumentException("envelope field " + field + " is missing or not text");
    }
    return value.asText();
  }

  private static byte[] base64(final String text, final String what) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("envelope " + what + " is not base64", e);
    }
  }
}
