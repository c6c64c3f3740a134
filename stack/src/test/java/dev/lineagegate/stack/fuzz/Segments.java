package dev.lineagegate.stack.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Path segments and query values as they go on the request line (already percent-encoded, or
 * deliberately not): digests known and unknown, malformed, path traversal, encoded NULs and bytes
 * that are not UTF-8, and lengths past Jetty's 8 KiB request-header limit.
 */
final class Segments {

  /** What a segment is: a digest with a verdict, a valid one without, malformed, or unclear. */
  enum Kind {
    KNOWN,
    UNKNOWN,
    BAD,
    ODD
  }

  record Segment(String wire, Kind kind) {}

  /** Malformed in any digest position: refused with a 4xx by every route. */
  static final List<String> BAD =
      List.of(
          "..",
          "%2e%2e",
          "..%2f..%2f..%2fetc%2fpasswd",
          "%2e%2e%2f%2e%2e%2fetc",
          "..%5c..%5cwindows",
          "%252e%252e%252f",
          "....%2f%2f",
          "%00",
          "a%00b",
          "sha256:%00",
          "%c0%af",
          "%c0%ae%c0%ae%c0%af",
          "%ed%a0%80",
          "%f4%90%80%80",
          "%ff%fe",
          "%0d%0aX-Injected:%201",
          "%",
          "%zz",
          "%20",
          "+",
          "a".repeat(1_000),
          "a".repeat(9_000),
          "%41".repeat(3_000),
          "\u0000",
          "a b",
          "\\..\\..");

  private Segments() {}

  /** A digest segment: the known one, a fresh valid one, or malformed. */
  static Segment digest(final Known known, final String fresh, final Random random) {
    final int roll = random.nextInt(10);
    if (roll < 2) {
      return new Segment(known.digest(), Kind.KNOWN);
    }
    if (roll < 4) {
      return new Segment(fresh, Kind.UNKNOWN);
    }
    if (roll < 5) {
      // A path parameter or a trailing segment after a valid digest: Jetty may strip the first.
      final String odd = random.nextBoolean() ? ";x=y" : "%2Fextra";
      return new Segment(fresh + odd, Kind.ODD);
    }
    if (roll < 7) {
      return new Segment(encode(Values.badDigest(random)), Kind.BAD);
    }
    return new Segment(BodyMutations.pick(BAD, random), Kind.BAD);
  }

  /** Percent-encoding of every byte but the unreserved characters and ':'. */
  static String encode(final String text) {
    final StringBuilder out = new StringBuilder();
    for (final byte b : text.getBytes(StandardCharsets.UTF_8)) {
      final char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~:".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", (int) c));
      }
    }
    return out.toString();
  }

  /** A query string of {@code pairs} ({@code null} values left out), plus noise at times. */
  static String query(final List<String[]> pairs, final Random random) {
    final List<String> parts = new ArrayList<>();
    for (final String[] pair : pairs) {
      if (pair[1] != null) {
        parts.add(pair[0] + "=" + pair[1]);
      }
    }
    if (random.nextInt(10) == 0) {
      parts.add("junk=" + "j".repeat(random.nextBoolean() ? 3_000 : 9_000));
    }
    return parts.isEmpty() ? "" : "?" + String.join("&", parts);
  }

  /** Whether a request target this long is refused by Jetty (414 or 431) whatever it holds. */
  static boolean tooLong(final String target) {
    return target.length() > 8_192;
  }
}
