package dev.lineagegate.schema.contract;

/** Character-level facts about the strings of an event, each in one pass without allocating. */
final class Strings {

  private static final int CLIP = 80;

  private Strings() {}

  /**
   * The bytes UTF-8 needs for {@code value}: a surrogate pair is 4, as UTF-8 writes it; a lone
   * surrogate counts 2, more than the one {@code ?} Java would write for it (it is refused anyway).
   */
  static int utf8Length(final String value) {
    final int n = value.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      final char c = value.charAt(i);
      if (c >= 0x80) {
        bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
      }
    }
    return bytes;
  }

  /** The index of the first surrogate that is not half of a pair, or -1. */
  static int unpairedSurrogate(final String value) {
    final int n = value.length();
    for (int i = 0; i < n; i++) {
      final char c = value.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** The index of the first control character (Character.isISOControl), or -1. */
  static int controlCharacter(final String value) {
    final int n = value.length();
    for (int i = 0; i < n; i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Up to 80 characters of {@code value}, for a message. */
  static String clip(final String value) {
    return value.length() > CLIP ? value.substring(0, CLIP) + "…" : value;
  }

  /** {@code value} as one segment of an RFC 6901 JSON pointer. */
  static String escapePointer(final String value) {
    return value.indexOf('~') < 0 && value.indexOf('/') < 0
        ? value
        : value.replace("~", "~0").replace("/", "~1");
  }
}
