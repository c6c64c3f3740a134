package dev.lineagegate.attest;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/** Ed25519 public keys as PEM (SPKI, "BEGIN PUBLIC KEY"), the form {@code GET /v1/keys} serves. */
public final class PublicKeys {

  private PublicKeys() {}

  /** Reads a PEM public key; anything else is an {@link IllegalArgumentException} saying why. */
  public static PublicKey read(final String pem) {
    final byte[] der = Pem.decode(pem, "PUBLIC KEY", Path.of("<public key>"));
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  /** {@code sha256:<hex>} of the SPKI encoding. */
  public static String keyId(final PublicKey key) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always there", e);
    }
  }
}
