package dev.lineagegate.schema.grade;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gaps behind a reproducibility grade (DESIGN.md §4.6), worded once for lineage-stream's
 * verdicts and for what {@code lineage-gate import} says to expect, so that both read the same. An
 * imported image's run (§6.6) gets the tool's words: its code is one of the generative tools below,
 * so a missing version reads {@code ComfyUI version not recorded}; its inputs are named {@code
 * <tool>://models/…} or {@code <tool>://input/…}, so one without digest reads {@code model file
 * x.safetensors not content-addressed}. Both are read from what the verdict's facts keep
 * (lineage-stream drops the event's producer from them). Every other run keeps the general words,
 * whatever its names look like ({@code s3://models/churn.pkl} is not an imported model).
 */
public final class Gaps {

  /**
   * The {@code producer} of the events {@code lineage-gate import} and {@code /v1/imports} send.
   */
  public static final String IMPORT_PRODUCER = "https://lineage-gate.dev/import";

  /** The first gap of a run that recorded nothing about how it made its outputs. */
  public static final String NOTHING_RECORDED = "nothing recorded about how it was made";

  /** The generative tools, by the repository an imported event names as its code (genai's). */
  private static final Map<String, String> TOOLS =
      Map.of(
          "https://github.com/comfyanonymous/ComfyUI", "ComfyUI",
          "https://github.com/AUTOMATIC1111/stable-diffusion-webui", "AUTOMATIC1111",
          "https://github.com/lllyasviel/stable-diffusion-webui-forge", "Forge",
          "https://github.com/invoke-ai/InvokeAI", "InvokeAI",
          "https://novelai.net", "NovelAI",
          "https://github.com/lllyasviel/Fooocus", "Fooocus");

  private static final Pattern IMPORTED =
      Pattern.compile(
          "^(?:comfyui|a1111|forge|invokeai|novelai|fooocus)://(models|input|output)/(.+)$");

  private Gaps() {}

  /** What keeps {@code event}'s outputs PARTIAL, in the order of §4.6; empty when nothing does. */
  public static List<String> missing(final ExecutionEvent event) {
    final List<String> missing = new ArrayList<>();
    if (event.getCode() == null || blank(event.getCode().getVersion())) {
      final String tool = event.getCode() == null ? null : tool(event.getCode().getRepository());
      missing.add(tool == null ? "code version not captured" : tool + " version not recorded");
    }
    if (event.getConfig() == null || event.getConfig().getDigest() == null) {
      missing.add("config digest not captured");
    }
    if (event.getEnvironment() == null || event.getEnvironment().getDigest() == null) {
      missing.add("environment digest not captured");
    }
    if (event.getSeed() == null) {
      missing.add("seed not captured");
    }
    for (final InputArtifact input : event.getInputs()) {
      if (input.getDigest() == null) {
        missing.add(input(input.getName()));
      }
    }
    return missing;
  }

  /**
   * True when the run recorded nothing about how it made its outputs: no code version, config
   * digest, environment digest or seed, and no input at all. Its outputs are no more reproducible
   * than an artifact without a producing run (an image imported without generation metadata).
   */
  public static boolean nothingRecorded(final ExecutionEvent event) {
    return (event.getCode() == null || blank(event.getCode().getVersion()))
        && (event.getConfig() == null || event.getConfig().getDigest() == null)
        && (event.getEnvironment() == null || event.getEnvironment().getDigest() == null)
        && event.getSeed() == null
        && event.getInputs().isEmpty();
  }

  /** The generative tool whose repository this is ({@code ComfyUI}), else null. */
  public static String tool(final String repository) {
    return repository == null ? null : TOOLS.get(repository);
  }

  private static String input(final String name) {
    final Matcher imported = name == null ? null : IMPORTED.matcher(name);
    if (imported != null && imported.matches()) {
      final String file = imported.group(2).substring(imported.group(2).lastIndexOf('/') + 1);
      return ("models".equals(imported.group(1)) ? "model file " : "input file ")
          + file
          + " not content-addressed";
    }
    return "input " + name + " has no digest";
  }

  private static boolean blank(final String value) {
    return value == null || value.isBlank();
  }
}
