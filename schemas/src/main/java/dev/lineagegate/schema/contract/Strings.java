package dev.lineagegate.schema.contract;

/** Character-level helpers for the contract's rules and messages. */
final class Strings {

  private static final int CLIP = 80;

  private Strings() {}

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
