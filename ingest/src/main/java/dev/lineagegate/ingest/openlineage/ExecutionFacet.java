package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.schema.id.Digest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * lineage-gate's run facet {@code lineageGate_execution} (schema: {@code
 * openlineage/LineageGateExecutionRunFacet.json} in the schemas module): what no standard facet
 * carries. Every field may be absent.
 */
record ExecutionFacet(
    Long seed,
    String configDigest,
    String environmentDigest,
    Map<String, String> inputDigests,
    Map<String, String> outputDigests,
    String pipeline,
    Integer attempt) {

  static final String KEY = "lineageGate_execution";

  /** The facet in {@code runFacets}; every field absent when the run does not carry it. */
  static ExecutionFacet read(final JsonNode runFacets) {
    final JsonNode facet = LenientJson.facet(runFacets, KEY);
    final Long attempt = LenientJson.whole(facet, "attempt");
    return new ExecutionFacet(
        LenientJson.whole(facet, "seed"),
        digest(facet, "configDigest"),
        digest(facet, "environmentDigest"),
        digests(facet.path("inputDigests")),
        digests(facet.path("outputDigests")),
        LenientJson.text(facet, "pipeline"),
        attempt != null && attempt == attempt.intValue() ? attempt.intValue() : null);
  }

  /** The digest at {@code field}; the schema enforces the form, this only guards the mapping. */
  private static String digest(final JsonNode facet, final String field) {
    final String text = LenientJson.text(facet, field);
    return Digest.isValid(text) ? text : null;
  }

  private static Map<String, String> digests(final JsonNode byName) {
    final Map<String, String> digests = new LinkedHashMap<>();
    byName
        .properties()
        .forEach(
            entry -> {
              final String digest =
                  entry.getValue().isTextual() ? entry.getValue().textValue() : null;
              if (Digest.isValid(digest)) {
                digests.put(entry.getKey(), digest);
              }
            });
    return Map.copyOf(digests);
  }
}
