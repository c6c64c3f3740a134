package dev.lineagegate.genai.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.genai.FileRef;
import dev.lineagegate.genai.Generator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which inputs of which nodes name a file, and in which of ComfyUI's folders it lives ({@code
 * folder_paths}: checkpoints, loras, vae, diffusion_models (formerly unet), text_encoders (formerly
 * clip), clip_vision, controlnet, upscale_models, hypernetworks, style_models, gligen, photomaker,
 * embeddings; input for LoadImage). Core loaders are known by class; custom loaders (Efficient
 * Loader, rgthree, pysssss ...) by their inputs' usual names, when the value looks like a model
 * file. Embeddings are named in prompt text as {@code embedding:NAME} (ComfyUI's {@code sd1_clip}
 * tokenizer).
 */
final class ComfyLoaders {

  private static final Map<String, Map<String, String>> BY_CLASS =
      Map.ofEntries(
          Map.entry("CheckpointLoaderSimple", Map.of("ckpt_name", "checkpoints")),
          Map.entry(
              "CheckpointLoader", Map.of("ckpt_name", "checkpoints", "config_name", "configs")),
          Map.entry("unCLIPCheckpointLoader", Map.of("ckpt_name", "checkpoints")),
          Map.entry("ImageOnlyCheckpointLoader", Map.of("ckpt_name", "checkpoints")),
          Map.entry("LoraLoader", Map.of("lora_name", "loras")),
          Map.entry("LoraLoaderModelOnly", Map.of("lora_name", "loras")),
          Map.entry("VAELoader", Map.of("vae_name", "vae")),
          Map.entry("UNETLoader", Map.of("unet_name", "diffusion_models")),
          Map.entry("CLIPLoader", Map.of("clip_name", "text_encoders")),
          Map.entry(
              "DualCLIPLoader",
              Map.of("clip_name1", "text_encoders", "clip_name2", "text_encoders")),
          Map.entry(
              "TripleCLIPLoader",
              Map.of(
                  "clip_name1", "text_encoders",
                  "clip_name2", "text_encoders",
                  "clip_name3", "text_encoders")),
          Map.entry(
              "QuadrupleCLIPLoader",
              Map.of(
                  "clip_name1", "text_encoders",
                  "clip_name2", "text_encoders",
                  "clip_name3", "text_encoders",
                  "clip_name4", "text_encoders")),
          Map.entry("CLIPVisionLoader", Map.of("clip_name", "clip_vision")),
          Map.entry("ControlNetLoader", Map.of("control_net_name", "controlnet")),
          Map.entry("DiffControlNetLoader", Map.of("control_net_name", "controlnet")),
          Map.entry("UpscaleModelLoader", Map.of("model_name", "upscale_models")),
          Map.entry("HypernetworkLoader", Map.of("hypernetwork_name", "hypernetworks")),
          Map.entry("StyleModelLoader", Map.of("style_model_name", "style_models")),
          Map.entry("GLIGENLoader", Map.of("gligen_name", "gligen")),
          Map.entry("PhotoMakerLoader", Map.of("photomaker_model_name", "photomaker")));

  /** Input names that custom loaders share with the core ones. */
  private static final Map<String, String> BY_INPUT =
      Map.ofEntries(
          Map.entry("ckpt_name", "checkpoints"),
          Map.entry("lora_name", "loras"),
          Map.entry("vae_name", "vae"),
          Map.entry("unet_name", "diffusion_models"),
          Map.entry("clip_name", "text_encoders"),
          Map.entry("clip_name1", "text_encoders"),
          Map.entry("clip_name2", "text_encoders"),
          Map.entry("control_net_name", "controlnet"),
          Map.entry("hypernetwork_name", "hypernetworks"),
          Map.entry("upscale_model", "upscale_models"),
          Map.entry("style_model_name", "style_models"));

  /** Nodes whose {@code image} input names a file of the input (or output) folder. */
  private static final Set<String> IMAGE_LOADERS =
      Set.of("LoadImage", "LoadImageMask", "LoadImageOutput", "LoadVideo", "VHS_LoadVideo");

  private static final Pattern MODEL_FILE =
      Pattern.compile(".*\\.(safetensors|ckpt|pt|pth|bin|gguf|sft|onnx|pkl)$");

  /** {@code embedding:NAME}, NAME ending where ComfyUI's tokenizer would stop reading it. */
  private static final Pattern EMBEDDING = Pattern.compile("embedding:([^\\s,()\\[\\]{}:<>|\"]+)");

  /** {@code name.png [output]}: the folder ComfyUI's annotated file names point to. */
  private static final Pattern ANNOTATED = Pattern.compile("^(.*) \\[(input|output|temp)]$");

  private ComfyLoaders() {}

  /** Every file {@code node} names, handed to {@code found} with the input that names it. */
  static void files(final PromptGraph.Node node, final BiConsumer<String, FileRef> found) {
    final String usedBy = "node " + node.id() + " " + node.classType();
    final Map<String, String> known = BY_CLASS.get(node.classType());
    for (final Iterator<Map.Entry<String, JsonNode>> it = node.inputs().fields(); it.hasNext(); ) {
      final Map.Entry<String, JsonNode> input = it.next();
      if (!input.getValue().isTextual()) {
        continue;
      }
      final String value = input.getValue().asText();
      if (IMAGE_LOADERS.contains(node.classType())
          && ("image".equals(input.getKey()) || "video".equals(input.getKey()))) {
        image(value, usedBy, input.getKey(), found);
      } else if (known != null && known.containsKey(input.getKey())) {
        if (named(value)) {
          found.accept(
              input.getKey(),
              FileRef.model(Generator.COMFYUI, known.get(input.getKey()), value, usedBy));
        }
      } else if (BY_INPUT.containsKey(input.getKey())
          && MODEL_FILE.matcher(value.toLowerCase(Locale.ROOT)).matches()) {
        found.accept(
            input.getKey(),
            FileRef.model(Generator.COMFYUI, BY_INPUT.get(input.getKey()), value, usedBy));
      }
      embeddings(value, usedBy, found);
    }
  }

  private static void image(
      final String value,
      final String usedBy,
      final String input,
      final BiConsumer<String, FileRef> found) {
    if (!named(value)) {
      return;
    }
    final Matcher annotated = ANNOTATED.matcher(value);
    final String folder = annotated.matches() ? annotated.group(2) : "input";
    final String file = annotated.matches() ? annotated.group(1) : value;
    found.accept(input, FileRef.image(Generator.COMFYUI, folder, file, usedBy));
  }

  private static void embeddings(
      final String text, final String usedBy, final BiConsumer<String, FileRef> found) {
    if (!text.contains("embedding:")) {
      return;
    }
    final Matcher m = EMBEDDING.matcher(text);
    while (m.find()) {
      final String name = m.group(1).replaceAll("[.;]+$", "");
      if (!name.isEmpty()) {
        found.accept("embedding", FileRef.model(Generator.COMFYUI, "embeddings", name, usedBy));
      }
    }
  }

  private static boolean named(final String value) {
    return !value.isBlank() && !List.of("None", "none", "Baked VAE").contains(value);
  }
}
