package dev.lineagegate.lineagestream.oracle.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.schema.id.Digest;
import java.util.Objects;

/**
 * The recipe of a run (DESIGN.md §2): the SHA-256 of the canonical JSON of step, sorted input
 * digests, code version, config digest, environment digest and seed. Canonical here means: exactly
 * these six keys in this (alphabetical) order, no whitespace, absent values as JSON null, inputs
 * without a digest left out. Two runs with the same recipe declared the same inputs, so any
 * difference in their outputs is non-determinism (§4.4).
 */
public final class Recipes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Recipes() {}

  public static Digest of(final ExecutionEvent merged) {
    return Digest.sha256(canonicalJson(merged));
  }

  /** The exact text whose SHA-256 is the recipe (documented so that others can recompute it). */
  public static String canonicalJson(final ExecutionEvent merged) {
    final ObjectNode root = JSON.createObjectNode();
    root.put("codeVersion", merged.getCode() == null ? null : merged.getCode().getVersion());
    root.put("configDigest", merged.getConfig() == null ? null : merged.getConfig().getDigest());
    root.put(
        "environmentDigest",
        merged.getEnvironment() == null ? null : merged.getEnvironment().getDigest());
    final ArrayNode inputs = root.putArray("inputs");
    merged.getInputs().stream()
        .map(InputArtifact::getDigest)
        .filter(Objects::nonNull)
        .distinct()
        .sorted()
        .forEach(inputs::add);
    if (merged.getSeed() == null) {
      root.putNull("seed");
    } else {
      root.put("seed", merged.getSeed());
    }
    root.put("step", merged.getRun().getStep());
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a recipe: " + e, e);
    }
  }
}
