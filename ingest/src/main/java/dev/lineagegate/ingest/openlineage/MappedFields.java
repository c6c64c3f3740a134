package dev.lineagegate.ingest.openlineage;

import java.util.List;
import java.util.Map;

/**
 * The facet fields the mapping reads, by location and key, as pointers inside the facet. Kept next
 * to nothing else on purpose: when a mapping class ({@link RunFacets}, {@link JobFacets}, {@link
 * Datasets}, {@link ExecutionFacet}) starts reading a field, it is added here, so that a facet
 * whose field is malformed is left out of the mapping instead of being mapped wrongly (DESIGN
 * §6.2).
 */
final class MappedFields {

  private static final Map<FacetLocation, Map<String, List<String>>> READ =
      Map.of(
          FacetLocation.RUN,
          Map.of(
              ExecutionFacet.KEY,
              List.of(
                  "/seed",
                  "/configDigest",
                  "/environmentDigest",
                  "/inputDigests",
                  "/outputDigests",
                  "/pipeline",
                  "/attempt"),
              "parent",
              List.of("/job"),
              "processing_engine",
              List.of("/name", "/version", "/openlineageAdapterVersion"),
              "environmentVariables",
              List.of("/environmentVariables"),
              "test",
              List.of("/tests"),
              "errorMessage",
              List.of("/message", "/programmingLanguage", "/stackTrace")),
          FacetLocation.JOB,
          Map.of(
              "ownership", List.of("/owners"),
              "sourceCodeLocation", List.of("/url", "/repoUrl", "/version"),
              "jobType", List.of("/processingType")),
          FacetLocation.DATASET,
          Map.of(
              "version", List.of("/datasetVersion"),
              "dataQualityAssertions", List.of("/assertions")),
          FacetLocation.INPUT_DATASET,
          Map.of("dataQualityAssertions", List.of("/assertions")),
          FacetLocation.OUTPUT_DATASET,
          Map.of("outputStatistics", List.of("/size")));

  private MappedFields() {}

  /** True when the mapping reads anything from the facet {@code key} at {@code location}. */
  static boolean isRead(final FacetLocation location, final String key) {
    return READ.getOrDefault(location, Map.of()).containsKey(key);
  }

  /**
   * True when a problem at {@code at} (a pointer inside the facet, escaped) touches what the
   * mapping reads: the facet itself (not an object), a field it reads, or anything inside one.
   */
  static boolean touchesRead(final FacetLocation location, final String key, final String at) {
    final List<String> read = READ.getOrDefault(location, Map.of()).get(key);
    if (read == null) {
      return false;
    }
    if (at.isEmpty()) {
      return true;
    }
    for (final String field : read) {
      if (at.equals(field) || at.startsWith(field + "/")) {
        return true;
      }
    }
    return false;
  }
}
