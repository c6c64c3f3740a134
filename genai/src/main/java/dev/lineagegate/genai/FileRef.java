package dev.lineagegate.genai;

import dev.lineagegate.schema.id.Digest;

/**
 * A file a generation read: a model (checkpoint, LoRA, VAE, ...) or an input image, named as an
 * artifact ({@code comfyui://models/loras/x.safetensors}, {@code comfyui://input/photo.png}).
 *
 * @param name the artifact name the event gives it
 * @param kind model or input image
 * @param folder the models folder it lives in, as ComfyUI names them ({@code checkpoints}, {@code
 *     loras}, {@code diffusion_models} ...); {@code input} or {@code output} for images
 * @param file its path in that folder as the metadata wrote it ({@code /} separators), maybe
 *     without extension (AUTOMATIC1111 writes model names without one)
 * @param recorded its full SHA-256 when the metadata records one (Fooocus, InvokeAI); else null
 * @param shortHash a short hash the metadata records (A1111's {@code Model hash}), kept as
 *     evidence, never as a digest; else null
 * @param usedBy who names it, for messages: {@code node 4 CheckpointLoaderSimple}
 * @param hosted a model that lives with a hosted service (NovelAI) and cannot be found on disk
 */
public record FileRef(
    String name,
    Kind kind,
    String folder,
    String file,
    Digest recorded,
    String shortHash,
    String usedBy,
    boolean hosted) {

  /** What a file is to the generation. */
  public enum Kind {
    MODEL,
    INPUT
  }

  /** A model file in {@code folder}, named {@code <scheme>://models/<folder>/<file>}. */
  public static FileRef model(
      final Generator generator, final String folder, final String file, final String usedBy) {
    final String clean = file.replace('\\', '/');
    return new FileRef(
        generator.scheme() + "://models/" + folder + "/" + clean,
        Kind.MODEL,
        folder,
        clean,
        null,
        null,
        usedBy,
        false);
  }

  /** An input image, named {@code <scheme>://<folder>/<file>} ({@code input} or {@code output}). */
  public static FileRef image(
      final Generator generator, final String folder, final String file, final String usedBy) {
    final String clean = file.replace('\\', '/');
    return new FileRef(
        generator.scheme() + "://" + folder + "/" + clean,
        Kind.INPUT,
        folder,
        clean,
        null,
        null,
        usedBy,
        false);
  }

  public FileRef withRecorded(final Digest digest) {
    return new FileRef(name, kind, folder, file, digest, shortHash, usedBy, hosted);
  }

  public FileRef withShortHash(final String hash) {
    return new FileRef(name, kind, folder, file, recorded, hash, usedBy, hosted);
  }

  public FileRef asHosted() {
    return new FileRef(name, kind, folder, file, recorded, shortHash, usedBy, true);
  }

  /** The last segment of {@link #file}: what people recognise. */
  public String fileName() {
    return file.substring(file.lastIndexOf('/') + 1);
  }
}
