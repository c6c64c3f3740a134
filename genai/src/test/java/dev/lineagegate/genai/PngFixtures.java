package dev.lineagegate.genai;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * PNGs written chunk by chunk from the PNG specification (W3C PNG 3rd edition §5, §11.3.3), so that
 * tests can build every shape a reader must take or refuse: text before or after the image data,
 * compressed text, a bad CRC, a truncated file. The image itself is one transparent pixel.
 */
public final class PngFixtures {

  static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private PngFixtures() {
    out.writeBytes(SIGNATURE);
  }

  /** A PNG begun with its IHDR (1×1, 8-bit RGBA). */
  public static PngFixtures start() {
    final PngFixtures png = new PngFixtures();
    png.chunk(
        "IHDR",
        ByteBuffer.allocate(13).putInt(1).putInt(1).put(new byte[] {8, 6, 0, 0, 0}).array());
    return png;
  }

  /** A whole 1×1 PNG with the given tEXt chunks before its image data. */
  public static byte[] withText(final String... keywordsAndTexts) {
    final PngFixtures png = start();
    for (int i = 0; i < keywordsAndTexts.length; i += 2) {
      png.text(keywordsAndTexts[i], keywordsAndTexts[i + 1]);
    }
    return png.image().end();
  }

  public PngFixtures text(final String keyword, final String text) {
    return chunk("tEXt", concat(latin1(keyword), new byte[] {0}, latin1(text)));
  }

  public PngFixtures ztxt(final String keyword, final byte[] uncompressed) {
    return chunk("zTXt", concat(latin1(keyword), new byte[] {0, 0}, deflate(uncompressed)));
  }

  public PngFixtures itxt(final String keyword, final String text, final boolean compressed) {
    final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return chunk(
        "iTXt",
        concat(
            latin1(keyword),
            new byte[] {0, (byte) (compressed ? 1 : 0), 0},
            latin1("en"),
            new byte[] {0, 0},
            compressed ? deflate(utf8) : utf8));
  }

  /** The image data: one scanline (filter byte and an RGBA pixel), deflated. */
  public PngFixtures image() {
    return chunk("IDAT", deflate(new byte[5]));
  }

  public PngFixtures chunk(final String type, final byte[] data) {
    final byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    final CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    return this;
  }

  public byte[] end() {
    chunk("IEND", new byte[0]);
    return out.toByteArray();
  }

  public static byte[] deflate(final byte[] data) {
    final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(data);
    deflater.finish();
    final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    final byte[] buffer = new byte[64 * 1024];
    while (!deflater.finished()) {
      compressed.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return compressed.toByteArray();
  }

  public static byte[] concat(final byte[]... parts) {
    final ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (final byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  private static byte[] latin1(final String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
