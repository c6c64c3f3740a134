package dev.lineagegate.gate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.attest.Dsse;
import dev.lineagegate.attest.Envelope;
import dev.lineagegate.attest.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FastEd25519Test {

  @Test
  void shouldSignTheSameBytesAsTheJdkWhenGivenTheSameKey() {
    // Given one key, signed with the JDK and with Bouncy Castle
    final SigningKey jdk = SigningKey.generate();
    final FastEd25519 fast = new FastEd25519(jdk);
    final Random random = new Random(7);

    // When / Then: RFC 8032 is deterministic, so every message gets identical signatures
    for (final int length : new int[] {0, 1, 64, 600, 4096}) {
      final byte[] message = new byte[length];
      random.nextBytes(message);
      assertThat(fast.sign(message)).isEqualTo(jdk.sign(message));
    }
    assertThat(fast.keyId()).isEqualTo(jdk.keyId());
  }

  @Test
  void shouldBeVerifiedByTheJdkWhenItSignsAnEnvelope() {
    final SigningKey jdk = SigningKey.generate();
    final Envelope envelope =
        Dsse.sign(
            Dsse.IN_TOTO_PAYLOAD_TYPE,
            "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8),
            new FastEd25519(jdk));
    assertThat(Dsse.verify(envelope, jdk.publicKey())).isTrue();
    assertThat(Dsse.verify(envelope, SigningKey.generate().publicKey())).isFalse();
  }
}
