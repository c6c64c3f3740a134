package dev.lineagegate.genai.container;

import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.ImportRefusedException.Kind;
import dev.lineagegate.genai.ReadLimits;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the three PNG text chunks (W3C PNG §11.3.3): {@code tEXt} (keyword, NUL, Latin-1 text),
 * {@code zTXt} (keyword, NUL, method 0, zlib Latin-1 text) and {@code iTXt} (keyword, NUL,
 * compression flag and method, language tag, NUL, translated keyword, NUL, UTF-8 text, maybe zlib).
 * Latin-1 text that is also well-formed UTF-8 with non-ASCII characters is read as UTF-8: some
 * writers put UTF-8 in tEXt, and Latin-1 text is almost never valid UTF-8 by chance.
 */
final class PngText {

  private static final int MAX_KEYWORD = 79;

  private PngText() {}

  static boolean isText(final String type) {
    return "tEXt".equals(type) || "zTXt".equals(type) || "iTXt".equals(type);
  }

  static void decode(
      final String type,
      final byte[] bytes,
      final int at,
      final int length,
      final String where,
      final TextEntries into) {
    final int end = at + length;
    final int nul = nul(bytes, at, Math.min(end, at + MAX_KEYWORD + 1));
    if (nul <= at) {
      throw new ImportRefusedException(
          Kind.CORRUPT,
          "the " + type + " chunk at " + where + " has no keyword of 1 to 79 bytes ending in NUL");
    }
    final String keyword = new String(bytes, at, nul - at, StandardCharsets.ISO_8859_1);
    final String what = "the " + type + " chunk \"" + keyword + "\" at " + where;
    final String text =
        switch (type) {
          case "tEXt" -> latin1(bytes, nul + 1, end - nul - 1);
          case "zTXt" -> compressed(bytes, nul + 1, end, what);
          default -> international(bytes, nul + 1, end, what);
        };
    into.add(keyword, text, what.substring(4));
  }

  private static String compressed(
      final byte[] bytes, final int at, final int end, final String what) {
    if (at >= end || bytes[at] != 0) {
      throw new ImportRefusedException(
          Kind.CORRUPT, what + " names a compression method other than 0 (zlib)");
    }
    final byte[] inflated =
        BoundedInflater.inflate(bytes, at + 1, end - at - 1, ReadLimits.INFLATED_BYTES, what);
    return latin1(inflated, 0, inflated.length);
  }

  private static String international(
      final byte[] bytes, final int at, final int end, final String what) {
    if (end - at < 2) {
      throw new ImportRefusedException(Kind.CORRUPT, what + " is cut before its text");
    }
    final boolean compressed = bytes[at] == 1;
    if (bytes[at] > 1 || compressed && bytes[at + 1] != 0) {
      throw new ImportRefusedException(
          Kind.CORRUPT, what + " has an unknown compression flag or method");
    }
    final int language = nul(bytes, at + 2, end);
    final int translated = language < 0 ? -1 : nul(bytes, language + 1, end);
    if (translated < 0) {
      throw new ImportRefusedException(
          Kind.CORRUPT, what + " lacks the NUL after its language tag or translated keyword");
    }
    final int textAt = translated + 1;
    if (!compressed) {
      return utf8(bytes, textAt, end - textAt, what);
    }
    final byte[] inflated =
        BoundedInflater.inflate(bytes, textAt, end - textAt, ReadLimits.INFLATED_BYTES, what);
    return utf8(inflated, 0, inflated.length, what);
  }

  private static String latin1(final byte[] bytes, final int at, final int length) {
    boolean ascii = true;
    for (int i = at; i < at + length && ascii; i++) {
      ascii = bytes[i] >= 0;
    }
    if (!ascii) {
      try {
        return strictUtf8(bytes, at, length);
      } catch (CharacterCodingException notUtf8) {
        // Latin-1, as the PNG specification says tEXt and zTXt are.
      }
    }
    return new String(bytes, at, length, StandardCharsets.ISO_8859_1);
  }

  private static String utf8(
      final byte[] bytes, final int at, final int length, final String what) {
    try {
      return strictUtf8(bytes, at, length);
    } catch (CharacterCodingException e) {
      throw new ImportRefusedException(Kind.CORRUPT, what + " is not valid UTF-8", e);
    }
  }

  private static String strictUtf8(final byte[] bytes, final int at, final int length)
      throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, at, length))
        .toString();
  }

  private static int nul(final byte[] bytes, final int from, final int end) {
    for (int i = from; i < end; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
