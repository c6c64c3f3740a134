package dev.lineagegate.genai.invokeai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.genai.FileRef;
import dev.lineagegate.genai.Generation;
import dev.lineagegate.genai.Generator;
import dev.lineagegate.genai.Hashes;
import dev.lineagegate.genai.json.CanonicalJson;
import dev.lineagegate.genai.json.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * InvokeAI's metadata as a {@link Generation}. Version 3 and later write {@code invokeai_metadata}
 * (the core metadata node: {@code app_version}, {@code generation_mode}, prompts, {@code seed},
 * {@code cfg_scale}, {@code steps}, {@code scheduler}, {@code model}, {@code vae}, {@code loras},
 * {@code controlnets}, {@code ipAdapters}, {@code t2iAdapters}, {@code refiner_model}); a model is
 * {@code {model_name, base_model, model_type}} in 3.x and {@code {key, hash, name, base, type}}
 * from 4.0, its {@code hash} a BLAKE3 by default (kept as evidence) or a {@code sha256:} digest
 * (the file's, when the model is one file). Version 2 wrote {@code sd-metadata}: {@code
 * model_weights}, {@code model_hash} (the checkpoint's SHA-256) and an {@code image} object.
 */
public final class InvokeAiReader {

  private static final Set<String> NOT_PARAMETERS =
      Set.of(
          "positive_prompt",
          "negative_prompt",
          "positive_style_prompt",
          "negative_style_prompt",
          "app_version",
          "init_image");

  private InvokeAiReader() {}

  /** Version 3 and later: the {@code invokeai_metadata} object. */
  public static Generation read(final JsonNode metadata) {
    final Map<String, FileRef> files = new LinkedHashMap<>();
    final Map<String, String> parameters = new LinkedHashMap<>();
    model(files, parameters, metadata.path("model"), "checkpoints");
    model(files, parameters, metadata.path("refiner_model"), "checkpoints");
    model(files, parameters, metadata.path("vae"), "vae");
    for (final JsonNode lora : metadata.path("loras")) {
      final JsonNode model = lora.has("model") ? lora.get("model") : lora.path("lora");
      final String name = model(files, parameters, model, "loras");
      if (name != null && lora.has("weight")) {
        parameters.put("lora." + name + ".weight", JsonFields.text(lora, "weight"));
      }
    }
    for (final JsonNode control : metadata.path("controlnets")) {
      model(files, parameters, control.path("control_model"), "controlnet");
    }
    for (final JsonNode adapter : metadata.path("ipAdapters")) {
      model(files, parameters, adapter.path("ip_adapter_model"), "ipadapter");
    }
    for (final JsonNode adapter : metadata.path("t2iAdapters")) {
      model(files, parameters, adapter.path("t2i_adapter_model"), "t2i_adapter");
    }
    final JsonNode init = metadata.path("init_image");
    final String initName = init.isTextual() ? init.asText() : JsonFields.text(init, "image_name");
    if (initName != null) {
      files.putIfAbsent(
          initName, FileRef.image(Generator.INVOKEAI, "input", initName, "init_image"));
    }
    JsonFields.scalars(metadata, "", NOT_PARAMETERS, parameters);
    final String mode = JsonFields.text(metadata, "generation_mode");
    return new Generation(
        Generator.INVOKEAI,
        "invokeai/" + (mode == null ? "generate" : mode),
        JsonFields.text(metadata, "app_version"),
        CanonicalJson.digest(metadata),
        parameters,
        JsonFields.seed(JsonFields.text(metadata, "seed")),
        new ArrayList<>(files.values()),
        Map.of());
  }

  /** Version 2: the {@code sd-metadata} object. */
  public static Generation readLegacy(final JsonNode metadata) {
    final JsonNode image = metadata.path("image");
    final Map<String, FileRef> files = new LinkedHashMap<>();
    final String weights = JsonFields.text(metadata, "model_weights");
    if (weights != null) {
      final FileRef file =
          Hashes.attach(
              FileRef.model(Generator.INVOKEAI, "checkpoints", weights, "sd-metadata"),
              JsonFields.text(metadata, "model_hash"));
      files.put(file.name(), file);
    }
    final Map<String, String> parameters = new LinkedHashMap<>();
    if (image.isObject()) {
      JsonFields.scalars(
          image, "", Set.of("prompt", "init_image_path", "mask_image_path"), parameters);
    }
    return new Generation(
        Generator.INVOKEAI,
        "invokeai/" + (image.has("type") ? image.get("type").asText() : "generate"),
        JsonFields.text(metadata, "app_version"),
        CanonicalJson.digest(metadata),
        parameters,
        JsonFields.seed(JsonFields.text(image, "seed")),
        new ArrayList<>(files.values()),
        Map.of());
  }

  /** Adds the model an identifier names; returns its name, or null when there is none. */
  private static String model(
      final Map<String, FileRef> files,
      final Map<String, String> parameters,
      final JsonNode model,
      final String folder) {
    if (!model.isObject()) {
      return null;
    }
    final String name = JsonFields.first(model, "name", "model_name");
    if (name == null) {
      return null;
    }
    final String base = JsonFields.first(model, "base", "base_model");
    final String path = base == null ? name : base + "/" + name;
    final String hash = JsonFields.text(model, "hash");
    FileRef file = FileRef.model(Generator.INVOKEAI, folder, path, "InvokeAI metadata");
    if (hash != null && hash.startsWith("sha256:")) {
      file = Hashes.attach(file, hash);
    } else if (hash != null) {
      parameters.put("hash." + path, hash); // a BLAKE3: evidence, not our content address
    }
    files.putIfAbsent(file.name(), file);
    return name;
  }
}
