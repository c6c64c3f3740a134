package dev.lineagegate.schema.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The UTF-8 check against the JDK's strict decoder, which stays the reference. */
class Utf8Test {

  @Test
  void shouldRefuseWhenBytesAreOverlongSurrogatesBeyondUnicodeOrCut() {
    // Given the classic malformations, each after five ASCII bytes
    for (final String bad :
        List.of(
            "c0af",
            "c1bf",
            "e080af",
            "eda080",
            "edbfbf",
            "f08080af",
            "f4908080",
            "f5808080",
            "ff",
            "fe",
            "80",
            "bf",
            "c3",
            "e282",
            "f09f98",
            "c328",
            "e228a1",
            "f0289f98")) {
      final byte[] bytes = concat("abcde", HexFormat.of().parseHex(bad), "xyz");
      // When / Then the offset of the sequence, as the JDK reports it
      assertThat(Utf8.firstInvalid(bytes)).as(bad).isEqualTo(5).isEqualTo(jdk(bytes));
    }
  }

  @Test
  void shouldAcceptWhenBytesAreWellFormedUtf8() {
    // Given text of 1 to 4 byte sequences at the edges of each range
    final String text = "a\u0080\u07ff\u0800\ud7ff\ue000\uffff\ud800\udc00\udbff\udfff é 😀 ok";
    // When / Then
    assertThat(Utf8.firstInvalid(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    assertThat(Utf8.firstInvalid(new byte[0])).isEqualTo(-1);
  }

  @Test
  void shouldAgreeWithTheJdkWhenBytesAreRandom() {
    // Given a million byte arrays, short and long, mostly ASCII with bytes of every kind in them
    final Random random = new Random(7);
    for (int i = 0; i < 1_000_000; i++) {
      final byte[] bytes = new byte[random.nextInt(i % 10 == 0 ? 40 : 9)];
      for (int b = 0; b < bytes.length; b++) {
        bytes[b] =
            (byte)
                switch (random.nextInt(4)) {
                  case 0 -> random.nextInt(128);
                  case 1 -> 0x80 + random.nextInt(64);
                  default -> random.nextInt(256);
                };
      }
      // When / Then
      assertThat(Utf8.firstInvalid(bytes))
          .as(HexFormat.of().formatHex(bytes))
          .isEqualTo(jdk(bytes));
    }
  }

  /** Where the JDK's decoder, told to report, stops: -1 when it decodes everything. */
  private static int jdk(final byte[] bytes) {
    final CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    final ByteBuffer in = ByteBuffer.wrap(bytes);
    final CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length), true);
    return result.isError() ? in.position() : -1;
  }

  private static byte[] concat(final String before, final byte[] bad, final String after) {
    final byte[] head = before.getBytes(StandardCharsets.US_ASCII);
    final byte[] tail = after.getBytes(StandardCharsets.US_ASCII);
    final byte[] all = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
    return all;
  }
}
