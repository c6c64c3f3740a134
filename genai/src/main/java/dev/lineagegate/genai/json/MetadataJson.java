package dev.lineagegate.genai.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.ImportRefusedException.Kind;
import dev.lineagegate.genai.ReadLimits;

/**
 * Parses the JSON that generators embed (a ComfyUI prompt, InvokeAI's metadata ...), with the
 * nesting and string limits of {@link ReadLimits} and numbers kept exact (a seed of 2^64-1 stays
 * 18446744073709551615, 0.1 stays 0.1), so that the canonical form hashes what was written.
 */
public final class MetadataJson {

  static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(ReadLimits.JSON_DEPTH)
                          .maxStringLength(ReadLimits.INFLATED_BYTES)
                          .build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private MetadataJson() {}

  /**
   * {@code text} parsed; refused naming {@code what} (e.g. {@code the ComfyUI prompt}) when it is
   * not JSON.
   */
  public static JsonNode parse(final String text, final String what) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ImportRefusedException(
          Kind.METADATA,
          what
              + " is not JSON: "
              + e.getOriginalMessage()
              + " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")",
          e);
    }
  }

  /** {@code text} parsed when it is a JSON object; else null (no refusal: a guess that failed). */
  public static JsonNode objectOrNull(final String text) {
    final String trimmed = text.strip();
    if (!trimmed.startsWith("{")) {
      return null;
    }
    try {
      final JsonNode node = MAPPER.readTree(trimmed);
      return node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** {@code text} parsed as any JSON value; null when it is not JSON. */
  public static JsonNode valueOrNull(final String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
