package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.schema.id.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A RunEvent's input and output datasets as artifacts, and their data quality assertions. */
final class Datasets {

  private Datasets() {}

  static List<InputArtifact> inputs(
      final List<JsonNode> datasets, final Map<String, String> digests) {
    final List<InputArtifact> inputs = new ArrayList<>();
    for (final JsonNode dataset : datasets) {
      final String name = LenientJson.qualifiedName(dataset);
      inputs.add(
          InputArtifact.newBuilder()
              .setName(name)
              .setDigest(digest(dataset, name, digests))
              .setProducedAt(null)
              .build());
    }
    return inputs;
  }

  static List<OutputArtifact> outputs(
      final List<JsonNode> datasets, final Map<String, String> digests) {
    final List<OutputArtifact> outputs = new ArrayList<>();
    for (final JsonNode dataset : datasets) {
      final String name = LenientJson.qualifiedName(dataset);
      outputs.add(
          OutputArtifact.newBuilder()
              .setName(name)
              .setDigest(digest(dataset, name, digests))
              .setSizeBytes(
                  LenientJson.whole(
                      LenientJson.facet(dataset.path("outputFacets"), "outputStatistics"), "size"))
              .build());
    }
    return outputs;
  }

  /**
   * One check per assertion of each dataset's {@code dataQualityAssertions} facet, named after the
   * assertion and its column. The spec files it as an input facet; older producers put it among the
   * dataset facets, so both are read.
   */
  static List<CheckResult> assertions(final List<JsonNode> datasets) {
    final List<CheckResult> checks = new ArrayList<>();
    for (final JsonNode dataset : datasets) {
      for (final String facets : List.of("inputFacets", "facets")) {
        final JsonNode facet = LenientJson.facet(dataset.path(facets), "dataQualityAssertions");
        for (final JsonNode assertion : LenientJson.elements(facet, "assertions")) {
          final String column = LenientJson.text(assertion, "column");
          final String name = LenientJson.text(assertion, "assertion");
          if (name == null) {
            continue; // unvalidated (older "facets" location) and nameless: no check to record
          }
          checks.add(
              CheckResult.newBuilder()
                  .setName(column != null ? name + " on " + column : name)
                  .setPassed(assertion.path("success").asBoolean(false))
                  .setSeverity(CheckSeverities.severity(LenientJson.text(assertion, "severity")))
                  .setObserved(LenientJson.text(assertion, "actual"))
                  .build());
        }
      }
    }
    return checks;
  }

  /**
   * The digest our facet gives for {@code name}; else the {@code version} facet's datasetVersion
   * when it is a content digest. Other versions (a Delta table version, an Iceberg snapshot id)
   * identify a version but not its content, so they give none and the topology flags the artifact
   * as unversioned.
   */
  private static String digest(
      final JsonNode dataset, final String name, final Map<String, String> digests) {
    final String declared = digests.get(name);
    if (declared != null) {
      return declared;
    }
    final String version =
        LenientJson.text(LenientJson.facet(dataset.path("facets"), "version"), "datasetVersion");
    return Digest.isValid(version) ? version : null;
  }
}
