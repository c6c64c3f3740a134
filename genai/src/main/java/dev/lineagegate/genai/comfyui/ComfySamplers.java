package dev.lineagegate.genai.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.genai.json.CanonicalJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each sampler's seed, steps, cfg, sampler, scheduler and denoise, resolved through links: a
 * KSampler's seed may come from a primitive or seed node, SamplerCustomAdvanced reads its noise
 * (RandomNoise: noise_seed), guider (CFGGuider: cfg), sampler (KSamplerSelect: sampler_name) and
 * sigmas (BasicScheduler: scheduler, steps, denoise) from other nodes. A node counts as a sampler
 * when its class is one of ComfyUI's, or when it has a seed and steps (FaceDetailer, the Efficient
 * and Impact samplers).
 */
final class ComfySamplers {

  static final List<String> SETTINGS =
      List.of("seed", "steps", "cfg", "sampler_name", "scheduler", "denoise");

  private static final Set<String> SAMPLERS =
      Set.of("KSampler", "KSamplerAdvanced", "SamplerCustom", "SamplerCustomAdvanced");

  /** Inputs that hand a sampler its settings from another node, and the settings each holds. */
  private static final Map<String, List<String>> PROVIDERS =
      Map.of(
          "noise", List.of("seed"),
          "guider", List.of("cfg"),
          "sampler", List.of("sampler_name"),
          "sigmas", List.of("scheduler", "steps", "denoise"));

  /** What a primitive node calls the value it passes on. */
  private static final List<String> PRIMITIVE_VALUES =
      List.of("value", "seed", "noise_seed", "int", "float", "number", "string", "text");

  private static final int MAX_HOPS = 4;

  private ComfySamplers() {}

  static boolean isSampler(final PromptGraph.Node node) {
    return SAMPLERS.contains(node.classType())
        || (node.inputs().has("steps")
            && (node.inputs().has("seed") || node.inputs().has("noise_seed")));
  }

  /**
   * The settings of sampler {@code node} that could be resolved to literals, by setting name; the
   * seed as the decimal text of the prompt.
   */
  static Map<String, String> settings(final PromptGraph graph, final PromptGraph.Node node) {
    final Map<String, String> found = new LinkedHashMap<>();
    for (final String setting : SETTINGS) {
      final JsonNode own = own(node, setting);
      if (own != null) {
        final String value = resolve(graph, own, setting, 0);
        if (value != null) {
          found.put(setting, value);
        }
      }
    }
    for (final Map.Entry<String, List<String>> provider : PROVIDERS.entrySet()) {
      final String to = PromptGraph.linkTarget(node.inputs().path(provider.getKey()));
      if (to == null) {
        continue;
      }
      final PromptGraph.Node from = graph.node(to);
      for (final String setting : provider.getValue()) {
        final JsonNode value = from == null ? null : own(from, setting);
        if (!found.containsKey(setting) && value != null) {
          final String resolved = resolve(graph, value, setting, 1);
          if (resolved != null) {
            found.put(setting, resolved);
          }
        }
      }
    }
    final Map<String, String> ordered = new LinkedHashMap<>();
    SETTINGS.forEach(
        s -> {
          if (found.containsKey(s)) {
            ordered.put(s, found.get(s));
          }
        });
    return ordered;
  }

  private static JsonNode own(final PromptGraph.Node node, final String setting) {
    if ("seed".equals(setting) && !node.inputs().has("seed")) {
      return node.inputs().get("noise_seed");
    }
    return node.inputs().get(setting);
  }

  private static String resolve(
      final PromptGraph graph, final JsonNode value, final String setting, final int hops) {
    final String to = PromptGraph.linkTarget(value);
    if (to == null) {
      return value.isValueNode() && !value.isNull() ? text(value) : null;
    }
    final PromptGraph.Node from = graph.node(to);
    if (from == null || hops >= MAX_HOPS) {
      return null;
    }
    JsonNode next = own(from, setting);
    for (int i = 0; next == null && i < PRIMITIVE_VALUES.size(); i++) {
      next = from.inputs().get(PRIMITIVE_VALUES.get(i));
    }
    return next == null ? null : resolve(graph, next, setting, hops + 1);
  }

  private static String text(final JsonNode value) {
    return value.isNumber() ? CanonicalJson.number(value) : value.asText();
  }
}
