package dev.lineagegate.genai.a1111;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.genai.FileRef;
import dev.lineagegate.genai.Generation;
import dev.lineagegate.genai.Generator;
import dev.lineagegate.genai.Hashes;
import dev.lineagegate.genai.json.CanonicalJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AUTOMATIC1111 and Forge (and Fooocus' A1111 scheme) as a {@link Generation}: the checkpoint
 * ({@code Model}, with {@code Model hash}), refiner, VAE, the LoRAs, LyCORIS and hypernetworks the
 * prompt loads ({@code <lora:NAME:weight>}), the embeddings {@code TI hashes} lists and the
 * ControlNet models become inputs named {@code <scheme>://models/<folder>/<name>} (ComfyUI's folder
 * names; A1111 writes names without extension); every setting becomes a parameter; the tool's
 * {@code Version} is the code version; the config digest is the SHA-256 of the canonical prompt,
 * negative prompt and settings. Forge is told by its version ({@code f2.0.1v1.10.1-...}).
 */
public final class A1111Reader {

  private static final Pattern EXTRA_NETWORK =
      Pattern.compile("<(lora|lyco|hypernet):([^:>]+)(?::([^:>]*))?[^>]*>");
  private static final Pattern NAME_AND_HASH =
      Pattern.compile("^(.*?)\\s*\\[([0-9a-fA-F]{8,64})]$");
  private static final Pattern FORGE_VERSION = Pattern.compile("^f\\d.*");

  private A1111Reader() {}

  public static Generation read(final Infotext info) {
    final Map<String, String> s = info.settings();
    final String version = s.get("Version");
    final Generator generator =
        version != null && version.startsWith("Fooocus")
            ? Generator.FOOOCUS
            : version != null && FORGE_VERSION.matcher(version).matches()
                ? Generator.FORGE
                : Generator.A1111;
    final boolean img2img =
        s.containsKey("Denoising strength")
            && s.keySet().stream().noneMatch(k -> k.startsWith("Hires"));
    final Map<String, FileRef> files = new LinkedHashMap<>();
    final Map<String, String> parameters = new LinkedHashMap<>();
    model(
        files,
        generator,
        "checkpoints",
        s.get("Model"),
        first(s.get("Model hash"), info.hashes().get("model")),
        "Model");
    model(files, generator, "checkpoints", s.get("Refiner"), s.get("Refiner hash"), "Refiner");
    model(
        files,
        generator,
        "vae",
        s.get("VAE"),
        first(s.get("VAE hash"), info.hashes().get("vae")),
        "VAE");
    final Map<String, String> loraHashes = pairs(s.get("Lora hashes"));
    final Matcher networks = EXTRA_NETWORK.matcher(info.prompt());
    while (networks.find()) {
      final String folder = "hypernet".equals(networks.group(1)) ? "hypernetworks" : "loras";
      final String name = networks.group(2).strip();
      model(
          files,
          generator,
          folder,
          name,
          first(loraHashes.get(name), info.hashes().get("lora:" + name)),
          "prompt");
      if (networks.group(3) != null) {
        parameters.put(
            ("loras".equals(folder) ? "lora." : "hypernetwork.") + name + ".weight",
            networks.group(3).strip());
      }
    }
    // Fooocus lists its LoRAs in the settings, not the prompt.
    loraHashes.forEach((name, hash) -> model(files, generator, "loras", name, hash, "Lora hashes"));
    pairs(s.get("TI hashes"))
        .forEach(
            (name, hash) ->
                model(
                    files,
                    generator,
                    "embeddings",
                    name,
                    first(hash, info.hashes().get("embed:" + name)),
                    "TI hashes"));
    s.forEach(
        (key, value) -> {
          if (key.startsWith("ControlNet")) {
            final Matcher cn = Pattern.compile("Model: ([^,]+)").matcher(value);
            if (cn.find()) {
              final Matcher named = NAME_AND_HASH.matcher(cn.group(1).strip());
              model(
                  files,
                  generator,
                  "controlnet",
                  named.matches() ? named.group(1) : cn.group(1).strip(),
                  named.matches() ? named.group(2) : null,
                  key);
            }
          }
          if (!"Version".equals(key)) {
            parameters.put(key, value);
          }
        });
    return new Generation(
        generator,
        generator.scheme() + "/" + (img2img ? "img2img" : "txt2img"),
        version,
        CanonicalJson.digest(config(info)),
        parameters,
        seed(s.get("Seed")),
        new ArrayList<>(files.values()),
        Map.of());
  }

  private static void model(
      final Map<String, FileRef> files,
      final Generator generator,
      final String folder,
      final String value,
      final String hash,
      final String usedBy) {
    if (value == null || value.isBlank() || "None".equals(value)) {
      return;
    }
    final Matcher named = NAME_AND_HASH.matcher(value.strip());
    final String name = named.matches() ? named.group(1) : value.strip();
    final FileRef file =
        Hashes.attach(
            FileRef.model(generator, folder, name, usedBy),
            hash != null ? hash : named.matches() ? named.group(2) : null);
    files.merge(file.name(), file, (a, b) -> a.recorded() != null || a.shortHash() != null ? a : b);
  }

  /** {@code "a: 0123abcd, b: 4567ef01"} as a map; empty for null. */
  static Map<String, String> pairs(final String list) {
    final Map<String, String> pairs = new LinkedHashMap<>();
    if (list == null) {
      return pairs;
    }
    for (final String item : list.split(",")) {
      final int colon = item.lastIndexOf(':');
      if (colon > 0) {
        pairs.put(item.substring(0, colon).strip(), item.substring(colon + 1).strip());
      }
    }
    return pairs;
  }

  private static ObjectNode config(final Infotext info) {
    final ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.put("prompt", info.prompt());
    config.put("negativePrompt", info.negativePrompt());
    final ObjectNode settings = config.putObject("settings");
    info.settings().forEach(settings::put);
    return config;
  }

  private static Long seed(final String text) {
    try {
      return text == null ? null : Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String first(final String a, final String b) {
    return a != null ? a : b;
  }
}
