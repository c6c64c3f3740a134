package dev.lineagegate.genai;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The image containers lineage-gate reads generation metadata from, told by their magic bytes. */
public enum ImageFormat {
  PNG("image/png"),
  WEBP("image/webp"),
  JPEG("image/jpeg");

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private final String mediaType;

  ImageFormat(final String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The format whose magic bytes {@code bytes} starts with; empty for anything else. */
  public static Optional<ImageFormat> detect(final byte[] bytes) {
    if (bytes.length >= 8 && Arrays.equals(bytes, 0, 8, PNG_SIGNATURE, 0, 8)) {
      return Optional.of(PNG);
    }
    if (bytes.length >= 12
        && bytes[0] == 'R'
        && bytes[1] == 'I'
        && bytes[2] == 'F'
        && bytes[3] == 'F'
        && bytes[8] == 'W'
        && bytes[9] == 'E'
        && bytes[10] == 'B'
        && bytes[11] == 'P') {
      return Optional.of(WEBP);
    }
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xFF
        && (bytes[1] & 0xFF) == 0xD8
        && (bytes[2] & 0xFF) == 0xFF) {
      return Optional.of(JPEG);
    }
    return Optional.empty();
  }

  /** The format of a media type ({@code image/png; charset=…} too); empty when not one of ours. */
  public static Optional<ImageFormat> ofMediaType(final String mediaType) {
    if (mediaType == null) {
      return Optional.empty();
    }
    final String mime = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.mediaType.equals(mime)).findFirst();
  }
}
