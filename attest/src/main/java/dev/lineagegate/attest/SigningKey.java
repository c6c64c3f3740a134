package dev.lineagegate.attest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * The gate's Ed25519 key pair (JDK built-in, RFC 8032: deterministic, so the same statement always
 * gets the same signature, which keeps a replayed decision byte-identical). Kept as PEM files in a
 * directory: {@value #PRIVATE_FILE} (PKCS#8, owner-only) and {@value #PUBLIC_FILE} (SPKI).
 */
public final class SigningKey implements Signer {

  public static final String PRIVATE_FILE = "gate-ed25519.key";
  public static final String PUBLIC_FILE = "gate-ed25519.pub";
  private static final String ALGORITHM = "Ed25519";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  private SigningKey(final PrivateKey privateKey, final PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = PublicKeys.keyId(publicKey);
  }

  public static SigningKey generate() {
    try {
      final KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      return new SigningKey(pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519 (needs Java 15+)", e);
    }
  }

  /**
   * The key pair in {@code dir}; generated and written there first when absent. Written to a
   * temporary file and moved, so that a crash never leaves half a key behind.
   */
  public static SigningKey loadOrCreate(final Path dir) {
    final Path privateFile = dir.resolve(PRIVATE_FILE);
    try {
      if (Files.exists(privateFile)) {
        return load(dir);
      }
      Files.createDirectories(dir);
      final SigningKey key = generate();
      write(dir.resolve(PUBLIC_FILE), key.publicKeyPem(), false);
      write(privateFile, Pem.encode("PRIVATE KEY", key.privateKey.getEncoded()), true);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the signing key in " + dir, e);
    }
  }

  /** The key pair written by {@link #loadOrCreate}; its public half is derived from the file. */
  public static SigningKey load(final Path dir) throws IOException {
    final Path privateFile = dir.resolve(PRIVATE_FILE);
    final byte[] der = Pem.decode(Files.readString(privateFile), "PRIVATE KEY", privateFile);
    try {
      final KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
      final PrivateKey priv = factory.generatePrivate(new PKCS8EncodedKeySpec(der));
      final PublicKey pub = PublicKeys.read(Files.readString(dir.resolve(PUBLIC_FILE)));
      final SigningKey key = new SigningKey(priv, pub);
      key.checkPair(dir);
      return key;
    } catch (GeneralSecurityException e) {
      throw new IOException(privateFile + " is not an Ed25519 private key: " + e.getMessage(), e);
    }
  }

  /** A public key file from another pair would publish a key no signature verifies under. */
  private void checkPair(final Path dir) throws GeneralSecurityException, IOException {
    final byte[] probe = "lineage-gate key pair check".getBytes(StandardCharsets.UTF_8);
    final Signature verifier = Signature.getInstance(ALGORITHM);
    verifier.initVerify(publicKey);
    verifier.update(probe);
    if (!verifier.verify(sign(probe))) {
      throw new IOException(
          dir.resolve(PUBLIC_FILE) + " is not the public half of " + dir.resolve(PRIVATE_FILE));
    }
  }

  @Override
  public byte[] sign(final byte[] data) {
    try {
      final Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(privateKey);
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /**
   * The 32-byte private key (RFC 8032 "seed"), for another implementation of the same key (see
   * {@link Signer}). A copy: the caller owns it and should not keep it longer than needed.
   */
  public byte[] seed() {
    // The key's own bytes, not an offset into its PKCS#8 encoding (a v2 file embeds more).
    return ((EdECPrivateKey) privateKey).getBytes().orElseThrow().clone();
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** SHA-256 of the public key's SPKI encoding, {@code sha256:<hex>}: the DSSE keyid. */
  @Override
  public String keyId() {
    return keyId;
  }

  public String publicKeyPem() {
    return Pem.encode("PUBLIC KEY", publicKey.getEncoded());
  }

  @Override
  public String toString() {
    return "SigningKey[" + keyId + "]"; // never the private key
  }

  private static void write(final Path file, final String pem, final boolean secret)
      throws IOException {
    final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(
          tmp,
          PosixFilePermissions.asFileAttribute(
              PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp); // not a POSIX file system
    } catch (FileAlreadyExistsException e) {
      throw new IOException("another process is writing " + file, e);
    }
    Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
