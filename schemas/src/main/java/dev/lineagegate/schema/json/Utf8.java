package dev.lineagegate.schema.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 (RFC 3629, the Unicode standard's table of well-formed byte sequences): what a JSON
 * body must be (RFC 8259 §8.1). Jackson decodes leniently, so an overlong {@code C0 AF} would
 * arrive as {@code /} and {@code F4 90 80 80} (beyond U+10FFFF) as lone surrogates; bodies are
 * checked here first and refused, never repaired.
 *
 * <p>Accepts and refuses exactly what the JDK's decoder does with {@code CodingErrorAction.REPORT}
 * (the tests compare them), at a fraction of its cost: eight ASCII bytes per step, no output.
 */
public final class Utf8 {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /** The offset of the first byte that does not start a well-formed sequence, or -1. */
  public static int firstInvalid(final byte[] bytes) {
    final int n = bytes.length;
    int i = 0;
    while (i < n) {
      while (i + Long.BYTES <= n && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
        i += Long.BYTES;
      }
      while (i < n && bytes[i] >= 0) {
        i++;
      }
      if (i == n) {
        return -1;
      }
      final int length = sequenceLength(bytes, i);
      if (length == 0) {
        return i;
      }
      i += length;
    }
    return -1;
  }

  /** The length of the well-formed multi-byte sequence at {@code i}, or 0. */
  private static int sequenceLength(final byte[] bytes, final int i) {
    final int lead = bytes[i] & 0xFF;
    final int n = bytes.length;
    if (lead < 0xC2) {
      return 0; // a continuation byte, or C0/C1: only ever overlong
    }
    if (lead < 0xE0) {
      return i + 1 < n && isContinuation(bytes[i + 1]) ? 2 : 0;
    }
    if (lead < 0xF0) {
      // E0 needs A0..BF (else overlong), ED needs 80..9F (else a surrogate)
      final int low = lead == 0xE0 ? 0xA0 : 0x80;
      final int high = lead == 0xED ? 0x9F : 0xBF;
      return i + 2 < n && within(bytes[i + 1], low, high) && isContinuation(bytes[i + 2]) ? 3 : 0;
    }
    if (lead < 0xF5) {
      // F0 needs 90..BF (else overlong), F4 needs 80..8F (else beyond U+10FFFF)
      final int low = lead == 0xF0 ? 0x90 : 0x80;
      final int high = lead == 0xF4 ? 0x8F : 0xBF;
      return i + 3 < n
              && within(bytes[i + 1], low, high)
              && isContinuation(bytes[i + 2])
              && isContinuation(bytes[i + 3])
          ? 4
          : 0;
    }
    return 0;
  }

  private static boolean isContinuation(final byte b) {
    return (b & 0xC0) == 0x80;
  }

  private static boolean within(final byte b, final int low, final int high) {
    final int value = b & 0xFF;
    return value >= low && value <= high;
  }
}
