package dev.lineagegate.genai.container;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text of an EXIF UserComment (EXIF 2.32 §4.6.5): an 8-byte character code, then the text.
 * {@code UNICODE} is UCS-2/UTF-16 without a stated byte order: AUTOMATIC1111 writes big-endian
 * through piexif ({@code UserComment.dump(..., encoding="unicode")}), Windows little-endian, so the
 * order is taken from a byte-order mark, else from where the zero bytes of ASCII text fall. Writers
 * that put plain text without the 8-byte code (Fooocus through Pillow) are read as UTF-8.
 */
final class UserComment {

  private static final byte[] ASCII = "ASCII\0\0\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UNICODE = "UNICODE\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] JIS = "JIS\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UNDEFINED = new byte[8];

  private UserComment() {}

  static String decode(final byte[] raw) {
    if (raw.length < 8) {
      return trim(new String(raw, StandardCharsets.UTF_8));
    }
    final byte[] code = Arrays.copyOf(raw, 8);
    final byte[] text = Arrays.copyOfRange(raw, 8, raw.length);
    if (Arrays.equals(code, UNICODE)) {
      return trim(new String(text, utf16(text)));
    }
    if (Arrays.equals(code, ASCII) || Arrays.equals(code, UNDEFINED)) {
      return trim(new String(text, StandardCharsets.UTF_8));
    }
    if (Arrays.equals(code, JIS)) {
      return trim(new String(text, Charset.forName("ISO-2022-JP")));
    }
    return trim(new String(raw, StandardCharsets.UTF_8));
  }

  private static Charset utf16(final byte[] text) {
    if (text.length >= 2 && (text[0] & 0xFF) == 0xFE && (text[1] & 0xFF) == 0xFF) {
      return StandardCharsets.UTF_16; // reads the mark
    }
    if (text.length >= 2 && (text[0] & 0xFF) == 0xFF && (text[1] & 0xFF) == 0xFE) {
      return StandardCharsets.UTF_16;
    }
    int evenZeros = 0;
    int oddZeros = 0;
    for (int i = 0; i + 1 < text.length; i += 2) {
      evenZeros += text[i] == 0 ? 1 : 0;
      oddZeros += text[i + 1] == 0 ? 1 : 0;
    }
    return evenZeros >= oddZeros ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE;
  }

  private static String trim(final String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\0' || text.charAt(end - 1) == ' ')) {
      end--;
    }
    return text.substring(0, end);
  }
}
