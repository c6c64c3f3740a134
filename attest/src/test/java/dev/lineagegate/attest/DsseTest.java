package dev.lineagegate.attest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DSSE v1: the PAE byte layout, and which envelopes verify under which key. */
class DsseTest {

  private static final String TYPE = "http://example.com/HelloWorld";
  private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);
  private static final SigningKey KEY = SigningKey.generate();

  @Test
  void shouldEncodeTheSpecVectorWhenThePayloadIsAscii() {
    // When
    final byte[] pae = Dsse.pae(TYPE, HELLO);
    // Then: the example of DSSE's protocol.md, written out by hand
    assertThat(new String(pae, StandardCharsets.US_ASCII))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  void shouldCountBytesNotCharactersWhenTextIsMultiByte() {
    // Given: "é" is 2 bytes in UTF-8, "€" 3 and "😀" 4 (a surrogate pair: 2 Java chars)
    final String type = "application/é";
    final byte[] payload = "€😀".getBytes(StandardCharsets.UTF_8);
    // When
    final byte[] pae = Dsse.pae(type, payload);
    // Then: 12 ASCII bytes + 2 = 14; 3 + 4 = 7
    final ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes("DSSEv1 14 application/".getBytes(StandardCharsets.US_ASCII));
    expected.writeBytes(new byte[] {(byte) 0xC3, (byte) 0xA9});
    expected.writeBytes(" 7 ".getBytes(StandardCharsets.US_ASCII));
    expected.writeBytes(new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xAC});
    expected.writeBytes(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80});
    assertThat(pae).isEqualTo(expected.toByteArray());
  }

  @Test
  void shouldVerifyWhenTheEnvelopeIsAsSigned() {
    // Given
    final Envelope envelope = Dsse.sign(TYPE, HELLO, KEY);
    // When / Then
    assertThat(envelope.signatures()).hasSize(1);
    assertThat(envelope.signatures().get(0).keyid()).isEqualTo(KEY.keyId());
    assertThat(Dsse.verify(envelope, KEY.publicKey())).isTrue();
  }

  @Test
  void shouldNotVerifyWhenOnePayloadByteIsFlipped() {
    // Given
    final Envelope signed = Dsse.sign(TYPE, HELLO, KEY);
    final byte[] payload = signed.payload();
    payload[0] ^= 0x01;
    // When
    final Envelope tampered = new Envelope(TYPE, payload, signed.signatures());
    // Then
    assertThat(Dsse.verify(tampered, KEY.publicKey())).isFalse();
  }

  @Test
  void shouldNotVerifyWhenThePayloadTypeIsAnother() {
    // Given
    final Envelope signed = Dsse.sign(TYPE, HELLO, KEY);
    // When
    final Envelope retyped =
        new Envelope(Dsse.IN_TOTO_PAYLOAD_TYPE, signed.payload(), signed.signatures());
    // Then
    assertThat(Dsse.verify(retyped, KEY.publicKey())).isFalse();
  }

  @Test
  void shouldNotVerifyWhenTheKeyIsAnother() {
    // Given
    final Envelope signed = Dsse.sign(TYPE, HELLO, KEY);
    // When / Then
    assertThat(Dsse.verify(signed, SigningKey.generate().publicKey())).isFalse();
  }

  @Test
  void shouldVerifyWhenAGarbageSignatureComesBeforeAValidOne() {
    // Given: one signature of the wrong length, one of the right length but random, one valid
    final Envelope signed = Dsse.sign(TYPE, HELLO, KEY);
    final Envelope envelope =
        new Envelope(
            TYPE,
            HELLO,
            List.of(
                new Envelope.Signature(KEY.keyId(), new byte[] {1, 2, 3}),
                new Envelope.Signature(null, new byte[64]),
                signed.signatures().get(0)));
    // When / Then
    assertThat(Dsse.verify(envelope, KEY.publicKey())).isTrue();
  }

  @Test
  void shouldNotVerifyWhenEverySignatureIsGarbage() {
    // Given
    final Envelope envelope =
        new Envelope(TYPE, HELLO, List.of(new Envelope.Signature(KEY.keyId(), new byte[64])));
    // When / Then
    assertThat(Dsse.verify(envelope, KEY.publicKey())).isFalse();
  }

  @Test
  void shouldRoundTripWhenWrittenAsJson() {
    // Given
    final Envelope signed = Dsse.sign(TYPE, HELLO, KEY);
    // When
    final Envelope read = Envelope.fromJson(signed.toJson());
    // Then
    assertThat(read.payloadType()).isEqualTo(TYPE);
    assertThat(read.payload()).isEqualTo(HELLO);
    assertThat(read.signatures().get(0).sig()).isEqualTo(signed.signatures().get(0).sig());
    assertThat(Dsse.verify(read, KEY.publicKey())).isTrue();
  }
}
