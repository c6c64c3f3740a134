package dev.lineagegate.lineagestream.web;

import dev.lineagegate.schema.id.Digest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Escaping for the web view. Everything a producer controls (names, steps, messages, evidence,
 * owners) goes through {@link #text} before it is part of a page, and through {@link #json} before
 * it is part of a script block; control characters become visible as {@code \\u0007}-style escapes
 * (plain ASCII, which every font draws), so that a name cannot hide text or break a line silently.
 */
public final class Html {

  private Html() {}

  /** Text for an element's content or a quoted attribute value. Null is an empty string. */
  public static String text(final String value) {
    if (value == null) {
      return "";
    }
    final StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      final char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> visible(out, c);
      }
    }
    return out.toString();
  }

  /**
   * Control characters (C0, DEL, C1, and the line and paragraph separators) as {@code \\u0007}:
   * plain ASCII, safe in HTML, and drawn by any font (the U+2400 pictures are not, in Debian's).
   */
  static void visible(final StringBuilder out, final char c) {
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
      out.append(String.format("\\u%04x", (int) c));
    } else {
      out.append(c);
    }
  }

  /** A control-free label for the graph (drawn on a canvas, so no markup to escape). */
  public static String label(final String value) {
    if (value == null) {
      return "";
    }
    final StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      visible(out, value.charAt(i));
    }
    return out.toString();
  }

  /**
   * JSON for a {@code <script type="application/json">} block: {@code <}, {@code >} and {@code &}
   * (only ever inside JSON strings) as \\u escapes, so that no string can close the block.
   */
  public static String json(final String json) {
    return json.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029");
  }

  /** One path segment (a name holds '/', ':' and spaces). */
  public static String segment(final String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A query parameter's value. */
  public static String param(final String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A digest is plain ASCII ({@code sha256:<hex>}): left readable, as people quote it. */
  public static String artifactHref(final String digest) {
    return "/artifacts/" + (Digest.isValid(digest) ? digest : segment(digest));
  }

  public static String nameHref(final String name) {
    return "/names/" + segment(name);
  }

  /** A link, text and href both escaped. */
  public static String link(final String href, final String text) {
    return "<a href=\"" + text(href) + "\">" + text(text) + "</a>";
  }

  /** A status badge in the DOT output's colours ({@link GraphView#colour}). */
  public static String badge(final String status) {
    final String shown = status == null ? "no verdict" : status;
    return "<span class=\"badge\" data-status=\""
        + text(shown)
        + "\" style=\"background:"
        + GraphView.colour(status)
        + "\">"
        + text(shown)
        + "</span>";
  }
}
