package dev.lineagegate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference images of the generative-AI import (DESIGN.md §6.6) in the project's shared folder
 * beside the repository ({@code shared/genai-samples/}: real ComfyUI and AUTOMATIC1111 outputs),
 * read where they lie and never copied into the repository. Found through the system property
 * {@value #PROPERTY}, else in a {@code shared/genai-samples} folder beside the working directory or
 * one of its parents.
 */
public final class GenAiSamples {

  public static final String PROPERTY = "lineagegate.genai.samples";

  /** A ComfyUI PNG: SD1.5 checkpoint and two chained LoraLoader nodes. */
  public static final String COMFYUI_TWO_LORAS = "lora_multiple.png";

  /** An AUTOMATIC1111 PNG with a {@code parameters} text chunk. */
  public static final String A1111 = "automatic1111_cropped.png";

  /** A ComfyUI API-format prompt (JSON, not an image). */
  public static final String COMFYUI_API_PROMPT = "basic_api_example.prompt.json";

  private GenAiSamples() {}

  /** The {@code genai-samples} folder; fails, saying where it looked, when there is none. */
  public static Path root() {
    final String configured = System.getProperty(PROPERTY);
    if (configured != null) {
      return Path.of(configured);
    }
    final Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      final Path candidate = dir.resolve("shared").resolve("genai-samples");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no shared/genai-samples folder beside "
            + start
            + " or its parents; set -D"
            + PROPERTY
            + "=<folder>");
  }

  public static Path path(final String file) {
    return root().resolve(file);
  }

  public static byte[] bytes(final String file) {
    try {
      return Files.readAllBytes(path(file));
    } catch (IOException e) {
      throw new UncheckedIOException(file, e);
    }
  }
}
