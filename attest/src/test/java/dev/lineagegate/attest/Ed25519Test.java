package dev.lineagegate.attest;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Ed25519 as the JDK does it is RFC 8032's: deterministic (a replayed decision keeps its bytes) and
 * equal to the RFC's own vector.
 */
class Ed25519Test {

  /** PKCS#8 header of an Ed25519 private key: the only way the JDK imports a raw 32-byte seed. */
  private static final String PKCS8_PREFIX = "302e020100300506032b657004220420";

  private static final String RFC8032_TEST1_SEED =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  private static final String RFC8032_TEST1_SIGNATURE =
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

  @Test
  void shouldSignTheSameBytesWhenSigningTwice() {
    // Given
    final SigningKey key = SigningKey.generate();
    final byte[] data = Dsse.pae(Dsse.IN_TOTO_PAYLOAD_TYPE, "{}".getBytes());
    // When
    final byte[] first = key.sign(data);
    final byte[] second = key.sign(data);
    // Then
    assertThat(first).hasSize(64).isEqualTo(second);
  }

  @Test
  void shouldMatchRfc8032Test1WhenTheMessageIsEmpty() throws Exception {
    // Given
    final byte[] pkcs8 = HexFormat.of().parseHex(PKCS8_PREFIX + RFC8032_TEST1_SEED);
    final PrivateKey key =
        KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    // When
    final Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(key);
    signer.update(new byte[0]);
    // Then
    assertThat(HexFormat.of().formatHex(signer.sign())).isEqualTo(RFC8032_TEST1_SIGNATURE);
  }
}
