package dev.lineagegate.genai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * EXIF written by hand from the TIFF 6.0 and EXIF 2.32 layouts (big-endian): IFD0 with ASCII tags
 * (where ComfyUI puts {@code prompt:} and {@code workflow:}), and an Exif sub-IFD with a
 * UserComment (where AUTOMATIC1111 puts its parameters), wrapped as a JPEG APP1 segment or a WEBP
 * {@code EXIF} chunk.
 */
public final class ExifFixtures {

  private static final int ASCII = 2;
  private static final int LONG = 4;
  private static final int UNDEFINED = 7;
  private static final int EXIF_IFD_POINTER = 0x8769;
  private static final int USER_COMMENT = 0x9286;

  private final Map<Integer, String> ifd0 = new TreeMap<>();
  private byte[] userComment;

  public static ExifFixtures create() {
    return new ExifFixtures();
  }

  public ExifFixtures ascii(final int tag, final String value) {
    ifd0.put(tag, value);
    return this;
  }

  /** A UserComment as piexif writes A1111's: {@code UNICODE\0} then UTF-16BE. */
  public ExifFixtures unicodeComment(final String text) {
    userComment =
        PngFixtures.concat(
            "UNICODE\0".getBytes(StandardCharsets.US_ASCII),
            text.getBytes(StandardCharsets.UTF_16BE));
    return this;
  }

  /** The TIFF structure: header, IFD0, the Exif IFD, then every value too long for an entry. */
  public byte[] tiff() {
    final int ifd0Entries = ifd0.size() + (userComment == null ? 0 : 1);
    final int ifd0At = 8;
    final int subAt = ifd0At + 2 + ifd0Entries * 12 + 4;
    final int dataAt = subAt + (userComment == null ? 0 : 2 + 12 + 4);
    final ByteBuffer data = ByteBuffer.allocate(1 << 22);
    final ByteBuffer head = ByteBuffer.allocate(dataAt);
    head.put(new byte[] {'M', 'M', 0, 42}).putInt(ifd0At);
    head.putShort((short) ifd0Entries);
    for (final Map.Entry<Integer, String> e : ifd0.entrySet()) {
      final byte[] value = (e.getValue() + "\0").getBytes(StandardCharsets.UTF_8);
      entry(head, e.getKey(), ASCII, value, dataAt, data);
    }
    if (userComment != null) {
      head.putShort((short) EXIF_IFD_POINTER).putShort((short) LONG).putInt(1).putInt(subAt);
    }
    head.putInt(0);
    if (userComment != null) {
      head.putShort((short) 1);
      entry(head, USER_COMMENT, UNDEFINED, userComment, dataAt, data);
      head.putInt(0);
    }
    final byte[] out = new byte[dataAt + data.position()];
    System.arraycopy(head.array(), 0, out, 0, dataAt);
    System.arraycopy(data.array(), 0, out, dataAt, data.position());
    return out;
  }

  /** A JPEG: SOI, the EXIF in APP1, EOI. */
  public byte[] jpeg() {
    final byte[] app1 = PngFixtures.concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff());
    final ByteBuffer b = ByteBuffer.allocate(2 + 4 + app1.length + 2);
    b.put(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1});
    b.putShort((short) (app1.length + 2)).put(app1);
    b.put(new byte[] {(byte) 0xFF, (byte) 0xD9});
    return b.array();
  }

  /** An extended WEBP: RIFF, VP8X (with the EXIF flag) and the EXIF chunk. */
  public byte[] webp() {
    final byte[] vp8x = riffChunk("VP8X", new byte[] {0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    final byte[] exif = riffChunk("EXIF", tiff());
    final byte[] body = PngFixtures.concat("WEBP".getBytes(StandardCharsets.US_ASCII), vp8x, exif);
    final ByteBuffer riff = ByteBuffer.allocate(8).put("RIFF".getBytes(StandardCharsets.US_ASCII));
    riff.order(ByteOrder.LITTLE_ENDIAN).putInt(body.length);
    return PngFixtures.concat(riff.array(), body);
  }

  private static byte[] riffChunk(final String fourCc, final byte[] payload) {
    final int padded = payload.length + (payload.length % 2);
    final ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    b.put(fourCc.getBytes(StandardCharsets.US_ASCII)).putInt(payload.length).put(payload);
    return b.array();
  }

  private static void entry(
      final ByteBuffer head,
      final int tag,
      final int type,
      final byte[] value,
      final int dataAt,
      final ByteBuffer data) {
    head.putShort((short) tag).putShort((short) type).putInt(value.length);
    if (value.length <= 4) {
      head.put(Arrays.copyOf(value, 4));
    } else {
      head.putInt(dataAt + data.position());
      data.put(value);
      if (data.position() % 2 == 1) {
        data.put((byte) 0);
      }
    }
  }
}
