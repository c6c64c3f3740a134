package dev.lineagegate.genai.container;

import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.ImportRefusedException.Kind;
import dev.lineagegate.genai.ReadLimits;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * zlib decompression with a ceiling on the output, checked while inflating: a zTXt chunk of 16 KB
 * that would inflate to 16 GB is refused after 16 MiB, in milliseconds. metadata-extractor inflates
 * text chunks without a bound ({@code StreamUtil.readAllBytes}), which is why PNG text is decoded
 * here.
 */
final class BoundedInflater {

  private static final int STEP = 64 * 1024;

  private BoundedInflater() {}

  /**
   * @param what names the data in a refusal, e.g. {@code the zTXt chunk "prompt" at byte 33}
   */
  static byte[] inflate(
      final byte[] data, final int offset, final int length, final int limit, final String what) {
    final Inflater inflater = new Inflater();
    try {
      inflater.setInput(data, offset, length);
      final ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, length * 4));
      final byte[] buffer = new byte[STEP];
      while (!inflater.finished()) {
        final int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new ImportRefusedException(
              Kind.CORRUPT, what + " ends before its compressed text does");
        }
        if (out.size() + n > limit) {
          throw new ImportRefusedException(
              Kind.LIMIT,
              what
                  + " inflates to more than "
                  + ReadLimits.size(limit)
                  + " (a compression bomb?): refused");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new ImportRefusedException(
          Kind.CORRUPT, what + " is not valid zlib data: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }
}
