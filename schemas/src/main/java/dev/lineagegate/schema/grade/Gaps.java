package dev.lineagegate.schema.grade;

import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gaps behind a reproducibility grade (DESIGN.md §4.6), worded once for lineage-stream's
 * verdicts and for what {@code lineage-gate import} says to expect, so that both read the same. A
 * missing code version names the tool when the run names its repository ({@code ComfyUI version not
 * recorded}); an input without digest named like an imported model or image file ({@code
 * comfyui://models/loras/x.safetensors}, {@code comfyui://input/photo.png}) is a file that was not
 * content-addressed.
 */
public final class Gaps {

  /**
   * The {@code producer} of the events {@code lineage-gate import} and {@code /v1/imports} send.
   */
  public static final String IMPORT_PRODUCER = "https://lineage-gate.dev/import";

  /** The first gap of a run that recorded nothing about how it made its outputs. */
  public static final String NOTHING_RECORDED = "nothing recorded about how it was made";

  private static final Pattern MODEL = Pattern.compile("^[a-z][a-z0-9+.-]*://models/(.+)$");
  private static final Pattern IMAGE =
      Pattern.compile("^[a-z][a-z0-9+.-]*://(?:input|output)/(.+)$");

  private Gaps() {}

  /** What keeps {@code event}'s outputs PARTIAL, in the order of §4.6; empty when nothing does. */
  public static List<String> missing(final ExecutionEvent event) {
    final List<String> missing = new ArrayList<>();
    final boolean imported = IMPORT_PRODUCER.equals(event.getProducer());
    if (event.getCode() == null || blank(event.getCode().getVersion())) {
      missing.add(imported ? codeVersion(event.getCode()) : "code version not captured");
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
        missing.add(
            imported ? input(input.getName()) : "input " + input.getName() + " has no digest");
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

  private static String codeVersion(final CodeInfo code) {
    final String tool = code == null ? null : tool(code.getRepository());
    return tool == null ? "code version not captured" : tool + " version not recorded";
  }

  private static String input(final String name) {
    if (name != null) {
      final Matcher model = MODEL.matcher(name);
      if (model.matches()) {
        return "model file " + last(model.group(1)) + " not content-addressed";
      }
      final Matcher image = IMAGE.matcher(name);
      if (image.matches()) {
        return "input file " + last(image.group(1)) + " not content-addressed";
      }
    }
    return "input " + name + " has no digest";
  }

  /** The last path segment of a repository ({@code .git} dropped), else its host. */
  private static String tool(final String repository) {
    if (blank(repository)) {
      return null;
    }
    String path = repository.strip();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    final String segment = last(path);
    final String name =
        segment.endsWith(".git") ? segment.substring(0, segment.length() - 4) : segment;
    return name.isEmpty() ? null : name;
  }

  private static String last(final String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static boolean blank(final String value) {
    return value == null || value.isBlank();
  }
}
