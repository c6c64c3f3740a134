package dev.lineagegate.attest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;

/**
 * Dead Simple Signing Envelope v1 (github.com/secure-systems-lab/dsse, protocol.md): a signature is
 * over {@code PAE(payloadType, payload)}, never over the payload alone, so that a payload cannot be
 * replayed as another type.
 */
public final class Dsse {

  /** The payload type of an in-toto Statement (in-toto attestation framework, envelope.md). */
  public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private static final String ALGORITHM = "Ed25519";

  private Dsse() {}

  /**
   * Pre-Authentication Encoding: {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, LEN
   * being the byte length in ASCII decimal.
   */
  public static byte[] pae(final String payloadType, final byte[] payload) {
    final byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    final byte[] head =
        ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
            .getBytes(StandardCharsets.UTF_8);
    final byte[] pae = new byte[head.length + payload.length];
    System.arraycopy(head, 0, pae, 0, head.length);
    System.arraycopy(payload, 0, pae, head.length, payload.length);
    return pae;
  }

  /** An envelope of {@code payload} with one signature by {@code key}. */
  public static Envelope sign(final String payloadType, final byte[] payload, final Signer key) {
    final byte[] sig = key.sign(pae(payloadType, payload));
    return new Envelope(payloadType, payload, List.of(new Envelope.Signature(key.keyId(), sig)));
  }

  /**
   * True when one of the envelope's signatures is by {@code key} over its PAE. Signatures of other
   * keys are ignored (an envelope may carry several), as DSSE's verification procedure says.
   */
  public static boolean verify(final Envelope envelope, final PublicKey key) {
    final byte[] pae = pae(envelope.payloadType(), envelope.payload());
    for (final Envelope.Signature signature : envelope.signatures()) {
      try {
        final Signature verifier = Signature.getInstance(ALGORITHM);
        verifier.initVerify(key);
        verifier.update(pae);
        if (verifier.verify(signature.sig())) {
          return true;
        }
      } catch (GeneralSecurityException e) {
        // A malformed signature (wrong length) is no signature by this key: try the next one.
      }
    }
    return false;
  }
}
