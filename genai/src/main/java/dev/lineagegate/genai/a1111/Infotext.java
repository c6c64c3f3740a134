package dev.lineagegate.genai.a1111;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.ImportRefusedException.Kind;
import dev.lineagegate.genai.json.MetadataJson;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AUTOMATIC1111's "infotext", the {@code parameters} text its forks (Forge, SD.Next) and Fooocus
 * write too, parsed as {@code modules/infotext_utils.parse_generation_parameters} does: the prompt,
 * then a line starting {@code Negative prompt:}, then a last line of {@code Key: value} pairs
 * separated by commas, a value in double quotes when it holds commas (read as a JSON string). The
 * last line counts only when it holds at least three pairs; else it is prompt text. Civitai's
 * {@code Hashes: {...}} object is taken out first, since its commas are not quoted.
 *
 * @param prompt the positive prompt
 * @param negativePrompt the negative prompt, empty when none
 * @param settings every {@code Key: value} of the last line, in order
 * @param hashes Civitai's {@code Hashes} object ({@code model}, {@code lora:NAME} ...), else empty
 */
public record Infotext(
    String prompt,
    String negativePrompt,
    Map<String, String> settings,
    Map<String, String> hashes) {

  private static final Pattern PARAM =
      Pattern.compile("\\s*(\\w[\\w \\-/]{1,63}):\\s*(\"(?:\\\\.|[^\\\\\"])+\"|[^,]*)(?:,|$)");
  private static final Pattern HASHES = Pattern.compile("(?:,\\s*)?Hashes:\\s*(\\{[^}]*})\\s*");
  private static final String NEGATIVE = "Negative prompt:";

  /** The settings line is a few KB in practice; the bound keeps the pattern's work linear. */
  static final int MAX_SETTINGS_LINE = 64 * 1024;

  public Infotext {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    hashes = Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
  }

  /** {@code text} parsed; null when it holds no settings line (not an infotext). */
  public static Infotext parse(final String text) {
    final String[] lines = text.strip().split("\n", -1);
    String last = lines[lines.length - 1];
    if (last.length() > MAX_SETTINGS_LINE) {
      throw new ImportRefusedException(
          Kind.METADATA,
          "the last line of the parameters text is "
              + String.format("%,d", last.length())
              + " characters, more than the "
              + String.format("%,d", MAX_SETTINGS_LINE)
              + " a settings line is read for");
    }
    final Map<String, String> hashes = new LinkedHashMap<>();
    final Matcher civitai = HASHES.matcher(last);
    if (civitai.find()) {
      final JsonNode object = MetadataJson.objectOrNull(civitai.group(1));
      if (object != null) {
        for (final Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
          final Map.Entry<String, JsonNode> e = it.next();
          hashes.put(e.getKey(), e.getValue().asText());
        }
      }
      last = last.substring(0, civitai.start()) + last.substring(civitai.end());
    }
    final Map<String, String> settings = settings(last);
    if (settings.size() < 3) {
      return null;
    }
    final StringBuilder prompt = new StringBuilder();
    final StringBuilder negative = new StringBuilder();
    boolean negativeStarted = false;
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i].strip();
      if (line.startsWith(NEGATIVE)) {
        negativeStarted = true;
        line = line.substring(NEGATIVE.length()).strip();
      }
      final StringBuilder into = negativeStarted ? negative : prompt;
      into.append(into.length() == 0 ? "" : "\n").append(line);
    }
    return new Infotext(prompt.toString(), negative.toString(), settings, hashes);
  }

  private static Map<String, String> settings(final String line) {
    final Map<String, String> settings = new LinkedHashMap<>();
    final Matcher m = PARAM.matcher(line);
    while (m.find()) {
      settings.put(m.group(1).strip(), unquote(m.group(2).strip()));
    }
    return settings;
  }

  private static String unquote(final String value) {
    if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
      return value;
    }
    final JsonNode parsed = MetadataJson.valueOrNull(value);
    return parsed != null && parsed.isTextual() ? parsed.asText() : value;
  }
}
