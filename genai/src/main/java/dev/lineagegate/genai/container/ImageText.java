package dev.lineagegate.genai.container;

import dev.lineagegate.genai.ImageFormat;
import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.ImportRefusedException.Kind;

/** The text an image carries, read from its container: PNG chunks, or EXIF in WEBP and JPEG. */
public final class ImageText {

  private ImageText() {}

  /**
   * The format of {@code bytes} and its text; refused when it is not a PNG, WEBP or JPEG, or when
   * the container is damaged.
   */
  public static Read read(final byte[] bytes) {
    final ImageFormat format =
        ImageFormat.detect(bytes)
            .orElseThrow(
                () ->
                    new ImportRefusedException(
                        Kind.NOT_AN_IMAGE,
                        bytes.length == 0
                            ? "the file is empty"
                            : "not a PNG, WEBP or JPEG image (its first bytes are none of theirs)"));
    final TextEntries text =
        format == ImageFormat.PNG ? PngReader.read(bytes) : ExifText.read(format, bytes);
    return new Read(format, text);
  }

  /** What {@link #read} found. */
  public record Read(ImageFormat format, TextEntries text) {}
}
