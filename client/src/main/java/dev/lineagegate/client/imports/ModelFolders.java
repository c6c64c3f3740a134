package dev.lineagegate.client.imports;

import dev.lineagegate.genai.FileRef;
import dev.lineagegate.genai.event.FileDigests;
import dev.lineagegate.genai.event.LocalFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the files an image names in ComfyUI's folder layout (DESIGN.md §6.6) and hashes them
 * through the {@link HashCache}: a model in {@code <models-dir>/<folder>/<file>}, an input image in
 * {@code <input-dir>/<file>}. ComfyUI's renamed folders are tried under both names ({@code
 * diffusion_models} and {@code unet}, {@code text_encoders} and {@code clip}), AUTOMATIC1111's own
 * layout too ({@code Stable-diffusion}, {@code Lora}, {@code VAE}), and a name written without
 * extension (A1111, embeddings in prompt text) with the usual model extensions. A name that climbs
 * out of its folder ({@code ../}) is never looked up.
 */
public final class ModelFolders implements FileDigests {

  private static final Map<String, List<String>> ALIASES =
      Map.of(
          "checkpoints", List.of("checkpoints", "Stable-diffusion"),
          "loras", List.of("loras", "Lora", "LyCORIS"),
          "vae", List.of("vae", "VAE"),
          "diffusion_models", List.of("diffusion_models", "unet"),
          "text_encoders", List.of("text_encoders", "clip"),
          "controlnet", List.of("controlnet", "ControlNet"),
          "hypernetworks", List.of("hypernetworks", "hypernetwork"),
          "upscale_models", List.of("upscale_models", "ESRGAN"));

  private static final List<String> EXTENSIONS =
      List.of("", ".safetensors", ".ckpt", ".pt", ".pth", ".bin", ".gguf");

  private final Path models;
  private final Path input;
  private final HashCache cache;

  /**
   * @param models ComfyUI's {@code models/} folder, or null
   * @param input ComfyUI's {@code input/} folder, or null
   */
  public ModelFolders(final Path models, final Path input, final HashCache cache) {
    this.models = models == null ? null : models.toAbsolutePath().normalize();
    this.input = input == null ? null : input.toAbsolutePath().normalize();
    this.cache = cache;
  }

  @Override
  public Optional<LocalFile> find(final FileRef file) {
    for (final Path candidate : candidates(file)) {
      if (Files.isRegularFile(candidate)) {
        try {
          return Optional.of(
              new LocalFile(
                  candidate.toString(),
                  cache.digest(candidate),
                  Files.size(candidate),
                  Instant.ofEpochMilli(Files.getLastModifiedTime(candidate).toMillis())));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot hash " + candidate, e);
        }
      }
    }
    return Optional.empty();
  }

  /** Where {@code file} is looked for, in order; empty when its folder was not given. */
  public List<Path> candidates(final FileRef file) {
    final List<Path> paths = new ArrayList<>();
    if (file.kind() == FileRef.Kind.INPUT) {
      if (input != null && "input".equals(file.folder())) {
        inside(input, file.file(), paths);
      } else if (input != null && input.getParent() != null) {
        inside(input.getParent().resolve(file.folder()), file.file(), paths);
      }
      return paths;
    }
    if (models == null) {
      return paths;
    }
    for (final String folder : ALIASES.getOrDefault(file.folder(), List.of(file.folder()))) {
      for (final String extension : EXTENSIONS) {
        inside(models.resolve(folder), file.file() + extension, paths);
      }
    }
    return paths;
  }

  /** Where a missing file was looked for first: for messages. */
  public String lookedIn(final FileRef file) {
    final List<Path> paths = candidates(file);
    return paths.isEmpty() ? "(no folder given)" : paths.get(0).getParent().toString();
  }

  private static void inside(final Path folder, final String file, final List<Path> into) {
    final Path path = folder.resolve(file).normalize();
    if (path.startsWith(folder)) {
      into.add(path);
    }
  }
}
