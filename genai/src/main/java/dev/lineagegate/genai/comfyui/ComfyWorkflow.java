package dev.lineagegate.genai.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.genai.json.CanonicalJson;
import dev.lineagegate.schema.id.Digest;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the UI workflow (the {@code workflow} text next to the prompt) adds: which nodes are muted
 * ({@code mode} 2, "never") or bypassed ({@code mode} 4), the frontend version ({@code
 * extra.frontendVersion}), a name when a tool wrote one, and its digest, kept as evidence. The
 * frontend already leaves muted and bypassed nodes out of the prompt it queues; a prompt that still
 * holds one (written by hand or by a script) is read without it; a link to a bypassed node reads
 * what that node reads, since ComfyUI passes a bypassed node's inputs through to its outputs.
 */
record ComfyWorkflow(
    Digest digest, Set<String> ignored, Set<String> bypassed, String name, String frontendVersion) {

  private static final int MUTED = 2;
  private static final int BYPASSED = 4;

  static final ComfyWorkflow ABSENT = new ComfyWorkflow(null, Set.of(), Set.of(), null, null);

  static ComfyWorkflow of(final JsonNode workflow) {
    if (workflow == null || !workflow.isObject()) {
      return ABSENT;
    }
    final Set<String> ignored = new TreeSet<>();
    final Set<String> bypassed = new TreeSet<>();
    for (final JsonNode node : workflow.path("nodes")) {
      final int mode = node.path("mode").asInt(0);
      if ((mode == MUTED || mode == BYPASSED) && node.has("id")) {
        ignored.add(node.get("id").asText());
      }
      if (mode == BYPASSED && node.has("id")) {
        bypassed.add(node.get("id").asText());
      }
    }
    return new ComfyWorkflow(
        CanonicalJson.digest(workflow),
        Collections.unmodifiableSet(ignored),
        Collections.unmodifiableSet(bypassed),
        text(workflow.path("name"), workflow.path("extra").path("name")),
        text(workflow.path("extra").path("frontendVersion"), null));
  }

  private static String text(final JsonNode first, final JsonNode second) {
    if (first.isTextual() && !first.asText().isBlank()) {
      return first.asText().strip();
    }
    return second != null && second.isTextual() && !second.asText().isBlank()
        ? second.asText().strip()
        : null;
  }
}
