package dev.lineagegate.client.imports;

/**
 * Text from an image's metadata made safe to print on a terminal: a node's class or id, a keyword,
 * a file name, a refusal that quotes them. Metadata is anyone's; an escape sequence in a LoRA's
 * name must not move the cursor, recolour the screen or forge a line of output. Control characters
 * (Character.isISOControl, newlines included) are written as {@code \\u} and four hex digits.
 */
final class Printable {

  private Printable() {}

  static String of(final String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      final boolean escaped = Character.isISOControl(c);
      if (escaped && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escaped) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }
}
