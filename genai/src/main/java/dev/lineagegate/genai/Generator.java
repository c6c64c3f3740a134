package dev.lineagegate.genai;

/**
 * The tools whose metadata lineage-gate reads (DESIGN.md §6.6): the scheme of the names it gives
 * their files ({@code comfyui://models/checkpoints/x.safetensors}), and the code repository that
 * stands for the tool in the event, so that a missing version reads "ComfyUI version not recorded".
 */
public enum Generator {
  COMFYUI("comfyui", "ComfyUI", "https://github.com/comfyanonymous/ComfyUI"),
  A1111("a1111", "AUTOMATIC1111", "https://github.com/AUTOMATIC1111/stable-diffusion-webui"),
  FORGE("forge", "Forge", "https://github.com/lllyasviel/stable-diffusion-webui-forge"),
  INVOKEAI("invokeai", "InvokeAI", "https://github.com/invoke-ai/InvokeAI"),
  NOVELAI("novelai", "NovelAI", "https://novelai.net"),
  FOOOCUS("fooocus", "Fooocus", "https://github.com/lllyasviel/Fooocus"),
  /** No generation metadata at all: a Midjourney download, a screenshot, a photo. */
  NONE("image", "none", null);

  private final String scheme;
  private final String label;
  private final String repository;

  Generator(final String scheme, final String label, final String repository) {
    this.scheme = scheme;
    this.label = label;
    this.repository = repository;
  }

  /** The URI scheme of the names of its files and outputs. */
  public String scheme() {
    return scheme;
  }

  /** How people call it. */
  public String label() {
    return label;
  }

  /** Its source repository, the event's {@code code.repository}; null for {@link #NONE}. */
  public String repository() {
    return repository;
  }
}
