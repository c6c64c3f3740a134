package dev.lineagegate.genai.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.genai.FileRef;
import dev.lineagegate.genai.Generation;
import dev.lineagegate.genai.Generator;
import dev.lineagegate.genai.json.CanonicalJson;
import dev.lineagegate.genai.json.JsonFields;
import dev.lineagegate.genai.json.MetadataJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ComfyUI's metadata (DESIGN.md §6.6) as a {@link Generation}: the prompt graph in API format is
 * walked from its output nodes (what ComfyUI executes); every file a loader names and every
 * LoadImage input become inputs; each sampler's settings become parameters ({@code
 * sampler.<node>.<setting>}), LoRA strengths too ({@code lora.<node>.strength_model}); the config
 * digest is the SHA-256 of the canonical prompt; the workflow's digest is kept as evidence ({@code
 * workflow.digest}); the seed is the first sampler's when every sampler's seed is known.
 */
public final class ComfyUiReader {

  /** Output nodes of ComfyUI and common custom nodes; any class named Save* or Preview* too. */
  private static final Set<String> OUTPUTS =
      Set.of("SaveImageWebsocket", "VHS_VideoCombine", "Image Save", "SaveImageExtended");

  private ComfyUiReader() {}

  /**
   * @param promptText the {@code prompt} text (API format)
   * @param workflowText the {@code workflow} text, or null when the image has none
   */
  public static Generation read(final String promptText, final String workflowText) {
    final JsonNode prompt = MetadataJson.parse(promptText, "the ComfyUI prompt");
    final ComfyWorkflow workflow =
        workflowText == null
            ? ComfyWorkflow.ABSENT
            : ComfyWorkflow.of(MetadataJson.objectOrNull(workflowText));
    final PromptGraph graph = PromptGraph.of(prompt, workflow.ignored(), workflow.bypassed());
    final Set<String> outputs = new LinkedHashSet<>();
    prompt
        .fieldNames()
        .forEachRemaining(
            id -> {
              final PromptGraph.Node node = graph.node(id);
              if (node != null && isOutput(node.classType())) {
                outputs.add(id);
              }
            });
    final List<PromptGraph.Node> executed = graph.executed(outputs);
    final Map<String, FileRef> files = new LinkedHashMap<>();
    final Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("prompt.nodes", Integer.toString(executed.size()));
    Long seed = null;
    boolean seedsKnown = true;
    boolean firstSampler = true;
    for (final PromptGraph.Node node : executed) {
      ComfyLoaders.files(
          node,
          (input, file) -> {
            files.putIfAbsent(file.name(), file);
            if ("loras".equals(file.folder()) || "hypernetworks".equals(file.folder())) {
              strengths(node, file.folder(), parameters);
            }
          });
      if (ComfySamplers.isSampler(node)) {
        final Map<String, String> settings = ComfySamplers.settings(graph, node);
        settings.forEach(
            (k, v) ->
                parameters.put(
                    "sampler." + node.id() + "." + ("sampler_name".equals(k) ? "sampler" : k), v));
        final Long own =
            settings.containsKey("seed") ? JsonFields.seed(settings.get("seed")) : null;
        seedsKnown &= own != null;
        if (firstSampler) {
          seed = own;
          firstSampler = false;
        }
      }
    }
    if (workflow.digest() != null) {
      parameters.put("workflow.digest", workflow.digest().value());
    }
    if (!workflow.ignored().isEmpty()) {
      parameters.put("workflow.ignoredNodes", String.join(",", workflow.ignored()));
    }
    final Map<String, String> tools = new LinkedHashMap<>();
    if (workflow.frontendVersion() != null) {
      tools.put("comfyui-frontend", workflow.frontendVersion());
    }
    return new Generation(
        Generator.COMFYUI,
        "comfyui/" + (workflow.name() == null ? "prompt" : workflow.name()),
        null,
        CanonicalJson.digest(prompt),
        parameters,
        seedsKnown ? seed : null,
        new ArrayList<>(files.values()),
        tools);
  }

  private static boolean isOutput(final String classType) {
    return OUTPUTS.contains(classType)
        || classType.startsWith("Save")
        || classType.startsWith("Preview");
  }

  private static void strengths(
      final PromptGraph.Node node, final String folder, final Map<String, String> parameters) {
    final String prefix = ("loras".equals(folder) ? "lora." : "hypernetwork.") + node.id() + ".";
    for (final Iterator<Map.Entry<String, JsonNode>> it = node.inputs().fields(); it.hasNext(); ) {
      final Map.Entry<String, JsonNode> input = it.next();
      if (input.getKey().startsWith("strength") && input.getValue().isNumber()) {
        parameters.put(prefix + input.getKey(), CanonicalJson.number(input.getValue()));
      }
    }
  }
}
