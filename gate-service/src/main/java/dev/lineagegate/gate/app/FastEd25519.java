package dev.lineagegate.gate.app;

import dev.lineagegate.attest.Signer;
import dev.lineagegate.attest.SigningKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The gate's key, signing with Bouncy Castle's Ed25519 instead of the JDK's: the gate signs every
 * answer, and on JDK 17 one signature costs ~0.6 ms of CPU against ~0.04 ms here, which bounds a
 * 2-core gate near 2,000 answers/s (docs/BENCHMARKS.md). RFC 8032 signatures are deterministic, so
 * the bytes are the JDK's (pinned by {@code FastEd25519Test}) and any verifier accepts them.
 */
public final class FastEd25519 implements Signer {

  private final Ed25519PrivateKeyParameters key;
  private final String keyId;

  public FastEd25519(final SigningKey signingKey) {
    this.key = new Ed25519PrivateKeyParameters(signingKey.seed(), 0);
    this.keyId = signingKey.keyId();
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public byte[] sign(final byte[] data) {
    // A signer per call: Ed25519Signer buffers the message and is not thread-safe.
    final Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(data, 0, data.length);
    return signer.generateSignature();
  }

  @Override
  public String toString() {
    return "FastEd25519[" + keyId + "]";
  }
}
