package dev.lineagegate.genai.event;

import dev.lineagegate.schema.id.Digest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids (name-based UUIDs, RFC 4122 version 3), so that importing the same file twice
 * sends the same eventIds and nothing new happens downstream (DESIGN.md §6.6): the image's run is
 * named by the image's digest alone; a hashed file's registration by its name and digest.
 */
public final class ImportIds {

  private static final String IMAGE = "lineage-gate import image\0";
  private static final String FILE = "lineage-gate import file version\0";

  private ImportIds() {}

  public static String imageRun(final Digest image) {
    return uuid(IMAGE + image.value());
  }

  public static String imageEvent(final Digest image) {
    return uuid(IMAGE + image.value() + "\0COMPLETE");
  }

  public static String fileRun(final String name, final Digest file) {
    return uuid(FILE + name + "\0" + file.value());
  }

  public static String fileEvent(final String name, final Digest file) {
    return uuid(FILE + name + "\0" + file.value() + "\0COMPLETE");
  }

  private static String uuid(final String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
