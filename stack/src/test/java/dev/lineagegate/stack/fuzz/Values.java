package dev.lineagegate.stack.fuzz;

import dev.lineagegate.schema.id.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * The values a case is personalized with, derived from the seed and the case number only (so a
 * replay sends the same bytes), and the malformed values the mutations put in their place.
 */
final class Values {

  private static final String HEX = Digest.sha256("fuzz").hex();

  private Values() {}

  /** A fresh id for {@code what} of case {@code number}: the same on every replay. */
  static String uuid(final long seed, final long number, final String what) {
    return UUID.nameUUIDFromBytes(
            ("fuzz/" + seed + "/" + number + "/" + what).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** A fresh digest for {@code what} of case {@code number}. */
  static String digest(final long seed, final long number, final String what) {
    return Digest.sha256("fuzz/" + seed + "/" + number + "/" + what).value();
  }

  /** Digests the contract refuses: wrong length, case, algorithm, alphabet, spacing. */
  static final List<String> BAD_DIGESTS =
      List.of(
          "sha256:" + HEX.substring(1),
          "sha256:" + HEX + "0",
          "sha256:" + HEX.toUpperCase(Locale.ROOT),
          "SHA256:" + HEX,
          "sha256:" + "g".repeat(64),
          "sha512:" + HEX + HEX,
          "md5:" + HEX.substring(32),
          "sha256:",
          "sha256",
          "",
          " sha256:" + HEX,
          "sha256:" + HEX + " ",
          "sha256:" + HEX.substring(0, 63) + "\u0000",
          "sha256:" + "\uff10".repeat(64),
          HEX);

  static String badDigest(final Random random) {
    return BodyMutations.pick(BAD_DIGESTS, random);
  }

  /** A string of {@code length} UTF-16 units, of characters 1 to 4 bytes long in UTF-8. */
  static String huge(final int length, final Random random) {
    final String unit =
        BodyMutations.pick(List.of("a", "\u00e9", "\u20ac", "\ud83d\ude00"), random);
    final String text = unit.repeat(length / unit.length());
    return text.length() < length ? text + "a".repeat(length - text.length()) : text;
  }
}
