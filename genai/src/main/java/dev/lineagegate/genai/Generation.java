package dev.lineagegate.genai;

import dev.lineagegate.schema.id.Digest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an image's metadata says about the run that made it, before it becomes an event: the tool,
 * the step, the tool's version, the configuration (its digest and the parameters that matter), the
 * seed, the files it read and the environment's tools.
 *
 * @param generator the tool; {@link Generator#NONE} for an image without generation metadata
 * @param step the event's {@code run.step}, e.g. {@code comfyui/prompt}
 * @param codeVersion the tool's version when the metadata records it; else null
 * @param configDigest SHA-256 of the canonical configuration (ComfyUI: the prompt graph); null when
 *     there is none
 * @param parameters sampler settings, strengths, evidence (a workflow's digest, short hashes), in a
 *     stable order
 * @param seed the (first) sampler's seed; null when not recorded or not resolvable
 * @param files every model and input file read
 * @param tools environment tools the metadata names (a frontend version)
 */
public record Generation(
    Generator generator,
    String step,
    String codeVersion,
    Digest configDigest,
    Map<String, String> parameters,
    Long seed,
    List<FileRef> files,
    Map<String, String> tools) {

  public Generation {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    files = List.copyOf(files);
    tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
  }

  /** An image that carries no generation metadata. */
  public static Generation none() {
    return new Generation(
        Generator.NONE, "import/unknown", null, null, Map.of(), null, List.of(), Map.of());
  }
}
