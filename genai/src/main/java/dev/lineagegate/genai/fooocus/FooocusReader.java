package dev.lineagegate.genai.fooocus;

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
 * Fooocus' own metadata scheme ({@code modules/meta_parser.py}, {@code FooocusMetadataParser}): a
 * JSON object in {@code parameters} (PNG) or the EXIF UserComment, with {@code fooocus_scheme} (the
 * EXIF MakerNote) saying {@code fooocus}. The base and refiner models with their hashes (the file's
 * SHA-256 until 2.1, its first 10 hex digits since), the VAE and the LoRAs ({@code loras}: {@code
 * [name, weight, hash]}, or {@code lora_combined_N}: {@code "name : weight"}) become inputs named
 * {@code fooocus://models/<folder>/<name>}; every other scalar becomes a parameter. Its A1111
 * scheme is read by {@link dev.lineagegate.genai.a1111.A1111Reader}.
 */
public final class FooocusReader {

  private static final Set<String> NOT_PARAMETERS =
      Set.of(
          "prompt",
          "negative_prompt",
          "full_prompt",
          "full_negative_prompt",
          "version",
          "base_model",
          "base_model_hash",
          "refiner_model",
          "refiner_model_hash",
          "vae",
          "loras",
          "created_by");

  private FooocusReader() {}

  public static Generation read(final JsonNode metadata) {
    final Map<String, FileRef> files = new LinkedHashMap<>();
    model(
        files,
        "checkpoints",
        JsonFields.text(metadata, "base_model"),
        JsonFields.text(metadata, "base_model_hash"));
    model(
        files,
        "checkpoints",
        JsonFields.text(metadata, "refiner_model"),
        JsonFields.text(metadata, "refiner_model_hash"));
    final String vae = JsonFields.text(metadata, "vae");
    if (vae != null && !vae.startsWith("Default")) {
      model(files, "vae", vae, null);
    }
    final Map<String, String> parameters = new LinkedHashMap<>();
    for (final JsonNode lora : metadata.path("loras")) {
      if (lora.isArray() && lora.size() >= 2) {
        model(files, "loras", lora.get(0).asText(), lora.size() > 2 ? lora.get(2).asText() : null);
        parameters.put(
            "lora." + lora.get(0).asText() + ".weight",
            lora.get(1).isNumber() ? CanonicalJson.number(lora.get(1)) : lora.get(1).asText());
      }
    }
    metadata
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (field.startsWith("lora_combined_")) {
                final String[] parts = metadata.get(field).asText().split(" : ");
                if (parts.length >= 2) {
                  final String name = parts[parts.length - 2].strip();
                  model(files, "loras", name, null);
                  parameters.putIfAbsent(
                      "lora." + name + ".weight", parts[parts.length - 1].strip());
                }
              }
            });
    JsonFields.scalars(metadata, "", NOT_PARAMETERS, parameters);
    parameters.keySet().removeIf(k -> k.startsWith("lora_combined_"));
    return new Generation(
        Generator.FOOOCUS,
        "fooocus/generate",
        JsonFields.text(metadata, "version"),
        CanonicalJson.digest(metadata),
        parameters,
        JsonFields.seed(JsonFields.text(metadata, "seed")),
        new ArrayList<>(files.values()),
        Map.of());
  }

  private static void model(
      final Map<String, FileRef> files, final String folder, final String name, final String hash) {
    if (name == null || name.isBlank() || "None".equals(name)) {
      return;
    }
    final FileRef file =
        Hashes.attach(
            FileRef.model(Generator.FOOOCUS, folder, name.strip(), "Fooocus metadata"), hash);
    files.putIfAbsent(file.name(), file);
  }
}
