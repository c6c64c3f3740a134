package dev.lineagegate.genai.novelai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.genai.FileRef;
import dev.lineagegate.genai.Generation;
import dev.lineagegate.genai.Generator;
import dev.lineagegate.genai.Hashes;
import dev.lineagegate.genai.json.CanonicalJson;
import dev.lineagegate.genai.json.JsonFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NovelAI's PNG text as a {@link Generation}: {@code Software} is {@code NovelAI}, {@code Source}
 * names the model and its short hash ({@code NovelAI Diffusion V4.5 4BDE2A90}), {@code Comment} is
 * a JSON object with the settings ({@code steps}, {@code scale}, {@code seed}, {@code sampler},
 * {@code noise_schedule}, {@code uc} ...), {@code Description} the prompt. The model lives with the
 * hosted service: it is an input that can never be content-addressed here, and the service's
 * version is never recorded. (NovelAI's alpha-channel "stealth" copy of the same data is not read.)
 */
public final class NovelAiReader {

  private static final Pattern SOURCE = Pattern.compile("^(.*?)\\s+([0-9A-Fa-f]{8})$");
  private static final Set<String> NOT_PARAMETERS =
      Set.of("prompt", "uc", "v4_prompt", "v4_negative_prompt", "request_type", "signed_hash");

  private NovelAiReader() {}

  public static Generation read(final String source, final JsonNode comment, final String time) {
    final Map<String, String> parameters = new LinkedHashMap<>();
    JsonFields.scalars(comment, "", NOT_PARAMETERS, parameters);
    if (time != null) {
      parameters.put("Generation time", time);
    }
    List<FileRef> files = List.of();
    if (source != null && !source.isBlank()) {
      final Matcher named = SOURCE.matcher(source.strip());
      final FileRef model =
          FileRef.model(
                  Generator.NOVELAI,
                  "checkpoints",
                  named.matches() ? named.group(1) : source.strip(),
                  "Source")
              .asHosted();
      files = List.of(named.matches() ? Hashes.attach(model, named.group(2)) : model);
    }
    return new Generation(
        Generator.NOVELAI,
        "novelai/generate",
        null,
        CanonicalJson.digest(comment),
        parameters,
        JsonFields.seed(JsonFields.text(comment, "seed")),
        files,
        Map.of());
  }
}
