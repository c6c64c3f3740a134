package dev.lineagegate.genai;

import dev.lineagegate.schema.id.Digest;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hashes that generators record beside a model's name. A full SHA-256 (Fooocus up to 2.1 writes the
 * file's, InvokeAI's {@code sha256:} model hashes) is the file's content address and becomes the
 * input's digest. A short one (A1111's {@code Model hash}, the first 10 hex digits of the file's
 * SHA-256; 8 for the legacy hash; 12 for a LoRA's AutoV3) cannot identify content: it is kept as
 * evidence, and {@code import --check} compares it with the file on disk.
 */
public final class Hashes {

  private static final Pattern FULL = Pattern.compile("(?:sha256:)?[0-9a-fA-F]{64}");
  private static final Pattern SHORT = Pattern.compile("[0-9a-fA-F]{8,16}");

  private Hashes() {}

  /** The file with what {@code hash} tells of it (nothing when it is null or not a hash). */
  public static FileRef attach(final FileRef file, final String hash) {
    if (hash == null) {
      return file;
    }
    final String h = hash.strip();
    if (FULL.matcher(h).matches()) {
      return file.withRecorded(new Digest("sha256:" + last64(h).toLowerCase(Locale.ROOT)));
    }
    return SHORT.matcher(h).matches() ? file.withShortHash(h.toLowerCase(Locale.ROOT)) : file;
  }

  private static String last64(final String h) {
    return h.substring(h.length() - 64);
  }
}
