package dev.lineagegate.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's key pair on disk: created once, owner-only, the same key on every later start. */
class SigningKeyTest {

  @TempDir Path dir;

  @Test
  void shouldWriteBothFilesOwnerOnlyWhenTheDirectoryIsEmpty() throws IOException {
    // Given
    final Path keys = dir.resolve("keys");
    // When
    final SigningKey key = SigningKey.loadOrCreate(keys);
    // Then
    try (var files = Files.list(keys)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .containsExactly(SigningKey.PRIVATE_FILE, SigningKey.PUBLIC_FILE);
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.resolve(SigningKey.PRIVATE_FILE))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(keys.resolve(SigningKey.PUBLIC_FILE)))
        .isEqualTo(key.publicKeyPem());
    assertThat(key.keyId()).matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void shouldLoadTheSameKeyWhenCalledAgain() {
    // Given
    final SigningKey first = SigningKey.loadOrCreate(dir);
    // When
    final SigningKey second = SigningKey.loadOrCreate(dir);
    // Then: same key id, and a signature of one verifies under the other
    assertThat(second.keyId()).isEqualTo(first.keyId());
    final Envelope envelope = Dsse.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, new byte[] {1}, second);
    assertThat(Dsse.verify(envelope, first.publicKey())).isTrue();
  }

  @Test
  void shouldReadTheSameKeyWhenThePemRoundTrips() {
    // Given
    final SigningKey key = SigningKey.generate();
    // When
    final PublicKey read = PublicKeys.read(key.publicKeyPem());
    // Then
    assertThat(read.getEncoded()).isEqualTo(key.publicKey().getEncoded());
    assertThat(PublicKeys.keyId(read)).isEqualTo(key.keyId());
    assertThat(key.publicKeyPem())
        .startsWith("-----BEGIN PUBLIC KEY-----\n")
        .endsWith("\n-----END PUBLIC KEY-----\n");
  }

  @Test
  void shouldSayWhyWhenThePemHoldsNoPublicKey() {
    assertThatThrownBy(() -> PublicKeys.read("hello"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("<public key> holds no PEM block \"PUBLIC KEY\"");
  }

  @Test
  void shouldNeverPrintThePrivateKeyWhenShown() {
    final SigningKey key = SigningKey.generate();
    assertThat(key).hasToString("SigningKey[" + key.keyId() + "]");
  }
}
