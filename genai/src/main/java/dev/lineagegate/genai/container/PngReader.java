package dev.lineagegate.genai.container;

import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.ImportRefusedException.Kind;
import dev.lineagegate.genai.ReadLimits;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Walks a PNG's chunks (ISO/IEC 15948, W3C PNG 3rd edition §5) and decodes its text chunks. Hand-
 * parsed rather than read with metadata-extractor, which skips CRCs, inflates zTXt/iTXt without a
 * bound, allocates a chunk's declared length before reading it and stops silently at IEND: here
 * every chunk's CRC is checked, a chunk's length is checked against what remains (and a text
 * chunk's against {@link ReadLimits#TEXT_BYTES}) before anything is allocated, compressed text is
 * inflated with a ceiling, and bytes after IEND are refused. Text chunks may legally come after the
 * image data (IDAT) and are read there too.
 */
public final class PngReader {

  private static final int SIGNATURE = 8;
  private static final int HEADER = 8;
  private static final int CRC = 4;

  private PngReader() {}

  /** The text chunks of the PNG in {@code bytes}, or a refusal naming what is wrong and where. */
  public static TextEntries read(final byte[] bytes) {
    final TextEntries text = new TextEntries();
    int pos = SIGNATURE;
    boolean first = true;
    while (true) {
      if (bytes.length - pos < HEADER + CRC) {
        throw new ImportRefusedException(
            Kind.CORRUPT,
            "truncated PNG: it ends at byte "
                + bytes.length
                + (pos == bytes.length
                    ? " without an IEND chunk"
                    : " inside a chunk header (byte " + pos + ")"));
      }
      final long length = u32(bytes, pos);
      final String type = type(bytes, pos + 4);
      final long end = pos + HEADER + length + CRC;
      if (length > Integer.MAX_VALUE || end > bytes.length) {
        throw new ImportRefusedException(
            Kind.CORRUPT,
            "truncated PNG: the "
                + type
                + " chunk at byte "
                + pos
                + " declares "
                + String.format("%,d", length)
                + " bytes, only "
                + String.format("%,d", Math.max(0, bytes.length - pos - HEADER - CRC))
                + " remain");
      }
      final int dataAt = pos + HEADER;
      checkCrc(bytes, pos, (int) length, type);
      if (first && !"IHDR".equals(type)) {
        throw new ImportRefusedException(
            Kind.CORRUPT, "not a valid PNG: the first chunk is " + type + ", not IHDR");
      }
      first = false;
      if (PngText.isText(type)) {
        if (length > ReadLimits.TEXT_BYTES) {
          throw new ImportRefusedException(
              Kind.LIMIT,
              "the "
                  + type
                  + " chunk at byte "
                  + pos
                  + " is "
                  + String.format("%,d", length)
                  + " bytes, more than the "
                  + ReadLimits.size(ReadLimits.TEXT_BYTES)
                  + " a text chunk may have: refused");
        }
        PngText.decode(type, bytes, dataAt, (int) length, "byte " + pos, text);
      }
      pos = (int) end;
      if ("IEND".equals(type)) {
        if (pos != bytes.length) {
          throw new ImportRefusedException(
              Kind.CORRUPT, "data after the end of the PNG: " + after(bytes, pos));
        }
        return text;
      }
    }
  }

  /** What follows IEND, named: a chunk (the usual way text gets appended) or stray bytes. */
  private static String after(final byte[] bytes, final int pos) {
    final int left = bytes.length - pos;
    if (left >= HEADER && isChunkType(bytes, pos + 4)) {
      return "a " + type(bytes, pos + 4) + " chunk at byte " + pos + " follows IEND";
    }
    return String.format("%,d", left) + " bytes follow IEND at byte " + pos;
  }

  private static void checkCrc(
      final byte[] bytes, final int pos, final int length, final String type) {
    final CRC32 crc = new CRC32();
    crc.update(bytes, pos + 4, 4 + length);
    final long stored = u32(bytes, pos + HEADER + length);
    if (crc.getValue() != stored) {
      throw new ImportRefusedException(
          Kind.CORRUPT,
          String.format(
              "bad CRC in the %s chunk at byte %d (stored %08x, computed %08x): the file is corrupt",
              type, pos, stored, crc.getValue()));
    }
  }

  private static boolean isChunkType(final byte[] bytes, final int at) {
    for (int i = 0; i < 4; i++) {
      final int c = bytes[at + i];
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
        return false;
      }
    }
    return true;
  }

  private static String type(final byte[] bytes, final int at) {
    if (!isChunkType(bytes, at)) {
      throw new ImportRefusedException(
          Kind.CORRUPT, "not a valid PNG: the chunk type at byte " + at + " is not 4 letters");
    }
    return new String(bytes, at, 4, StandardCharsets.US_ASCII);
  }

  static long u32(final byte[] bytes, final int at) {
    return ((bytes[at] & 0xFFL) << 24)
        | ((bytes[at + 1] & 0xFFL) << 16)
        | ((bytes[at + 2] & 0xFFL) << 8)
        | (bytes[at + 3] & 0xFFL);
  }
}
