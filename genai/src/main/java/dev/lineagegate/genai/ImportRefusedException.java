package dev.lineagegate.genai;

/**
 * An image that cannot be imported, with a sentence that names the problem (where in the file, what
 * was expected). Nothing is sent for it. {@link #kind()} tells callers which answer fits: ingest
 * maps every kind to 400 except {@link Kind#NOT_AN_IMAGE} of the wrong media type (415).
 */
public final class ImportRefusedException extends RuntimeException {

  /** Why an image is refused. */
  public enum Kind {
    /** Not a PNG, WEBP or JPEG image at all (empty, a text file, another format). */
    NOT_AN_IMAGE,
    /** The container is damaged: truncated, a bad CRC, data after the end of the image. */
    CORRUPT,
    /** Something is larger than a reader accepts (a 50 MB text chunk, a compression bomb). */
    LIMIT,
    /**
     * The generator's metadata is there but cannot be read as such (a prompt graph with a cycle).
     */
    METADATA
  }

  private final Kind kind;

  public ImportRefusedException(final Kind kind, final String message) {
    super(message);
    this.kind = kind;
  }

  public ImportRefusedException(final Kind kind, final String message, final Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
