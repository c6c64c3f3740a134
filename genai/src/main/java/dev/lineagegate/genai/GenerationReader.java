package dev.lineagegate.genai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.genai.a1111.A1111Reader;
import dev.lineagegate.genai.a1111.Infotext;
import dev.lineagegate.genai.comfyui.ComfyUiReader;
import dev.lineagegate.genai.container.TextEntries;
import dev.lineagegate.genai.fooocus.FooocusReader;
import dev.lineagegate.genai.invokeai.InvokeAiReader;
import dev.lineagegate.genai.json.MetadataJson;
import dev.lineagegate.genai.novelai.NovelAiReader;
import java.util.Optional;

/**
 * Tells which tool wrote an image's text and reads it. ComfyUI first (its {@code prompt} is the
 * whole graph; some custom savers add A1111 {@code parameters} beside it), then InvokeAI, NovelAI,
 * Fooocus' JSON scheme, and the A1111 infotext (AUTOMATIC1111, Forge, Fooocus' A1111 scheme). Text
 * that none of them wrote is no generation metadata: the image is recorded with grade NONE.
 */
public final class GenerationReader {

  private GenerationReader() {}

  public static Generation read(final TextEntries text) {
    final Optional<String> prompt = text.get("prompt");
    if (prompt.isPresent() && (text.has("workflow") || looksLikeJson(prompt.get()))) {
      return ComfyUiReader.read(prompt.get(), text.get("workflow").orElse(null));
    }
    final Optional<String> invoke = text.get("invokeai_metadata");
    if (invoke.isPresent()) {
      return InvokeAiReader.read(object(invoke.get(), "InvokeAI's invokeai_metadata"));
    }
    final Optional<String> legacy = text.get("sd-metadata");
    if (legacy.isPresent()) {
      return InvokeAiReader.readLegacy(object(legacy.get(), "InvokeAI's sd-metadata"));
    }
    if ("NovelAI".equals(text.get("Software").orElse(null)) && text.has("Comment")) {
      return NovelAiReader.read(
          text.get("Source").orElse(null),
          object(text.get("Comment").get(), "NovelAI's Comment"),
          text.get("Generation time").orElse(null));
    }
    final Optional<String> parameters = text.get("parameters");
    if (parameters.isPresent()) {
      final JsonNode json = MetadataJson.objectOrNull(parameters.get());
      if (json != null) {
        return FooocusReader.read(json);
      }
      final Infotext infotext = Infotext.parse(parameters.get());
      if (infotext != null) {
        return A1111Reader.read(infotext);
      }
    }
    return Generation.none();
  }

  private static boolean looksLikeJson(final String text) {
    final String t = text.strip();
    return t.startsWith("{") || t.startsWith("[");
  }

  private static JsonNode object(final String text, final String what) {
    final JsonNode node = MetadataJson.parse(text, what);
    if (!node.isObject()) {
      throw new ImportRefusedException(
          ImportRefusedException.Kind.METADATA, what + " is not a JSON object");
    }
    return node;
  }
}
