package dev.lineagegate.genai;

/**
 * What the readers accept, so that any input is refused in bounded time and memory. Real metadata
 * is far below these: ComfyUI's largest workflows are a few MB of JSON, A1111's parameters a few
 * KB. Each limit is checked before the memory it guards is allocated.
 */
public final class ReadLimits {

  /**
   * One image file: generators write a few MB; the bound keeps a stray video or disk image from
   * being read into memory whole. Ingest's own request limit may be lower.
   */
  public static final int IMAGE_BYTES = 256 * 1024 * 1024;

  /** One text chunk's data (PNG tEXt/zTXt/iTXt), compressed or not, and one EXIF string. */
  public static final int TEXT_BYTES = 16 * 1024 * 1024;

  /** What one compressed text chunk may inflate to: more is taken for a compression bomb. */
  public static final int INFLATED_BYTES = 16 * 1024 * 1024;

  /** All text of one image together. */
  public static final int TOTAL_TEXT_BYTES = 32 * 1024 * 1024;

  /** Nodes in one ComfyUI prompt graph. */
  public static final int GRAPH_NODES = 10_000;

  /** How deeply JSON metadata may nest (Jackson's own default is 1,000). */
  public static final int JSON_DEPTH = 200;

  private ReadLimits() {}

  /** {@code bytes} as people write sizes: {@code 16 MiB}, {@code 52,428,800 bytes}. */
  public static String size(final long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    return String.format("%,d bytes", bytes);
  }
}
