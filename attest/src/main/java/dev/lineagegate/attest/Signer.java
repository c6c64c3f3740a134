package dev.lineagegate.attest;

/**
 * Makes Ed25519 signatures under one key. {@link SigningKey} is the JDK's implementation; a service
 * that signs on a hot path may use a faster one of the same key: RFC 8032 signatures are
 * deterministic, so every implementation gives the same bytes and any verifier accepts them.
 */
public interface Signer {

  /** {@code sha256:<hex>} of the public key's SPKI encoding: the DSSE keyid. */
  String keyId();

  byte[] sign(byte[] data);
}
