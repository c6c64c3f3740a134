package dev.lineagegate.genai.event;

import dev.lineagegate.genai.FileRef;
import java.util.Optional;

/**
 * Finds and hashes the files an image's metadata names: the CLI looks in ComfyUI's {@code models/}
 * and {@code input/} folders ({@code --models-dir}, {@code --input-dir}); ingest has none and finds
 * nothing, so its imports carry names without digests.
 */
@FunctionalInterface
public interface FileDigests {

  FileDigests NONE = file -> Optional.empty();

  /** The file on disk, hashed; empty when it is not found (or not looked for). */
  Optional<LocalFile> find(FileRef file);
}
