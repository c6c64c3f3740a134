package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.RunMode;
import java.util.Locale;

/** What the standard job facets say about a run's owner, code and mode. */
final class JobFacets {

  private JobFacets() {}

  /** The first owner's name in the {@code ownership} facet: whoever is listed first is asked. */
  static String owner(final JsonNode jobFacets) {
    final JsonNode owners = LenientJson.facet(jobFacets, "ownership").path("owners");
    return owners.isArray() && !owners.isEmpty() ? LenientJson.text(owners.path(0), "name") : null;
  }

  /**
   * The code from the {@code sourceCodeLocation} facet: its version, and the repository URL, or the
   * file URL when the facet names no repository. Null without the facet; {@code dirty} is unknown
   * to OpenLineage and stays null.
   */
  static CodeInfo code(final JsonNode jobFacets) {
    final JsonNode location = LenientJson.facet(jobFacets, "sourceCodeLocation");
    if (location.isMissingNode()) {
      return null;
    }
    final String repoUrl = LenientJson.text(location, "repoUrl");
    return CodeInfo.newBuilder()
        .setRepository(repoUrl != null ? repoUrl : LenientJson.text(location, "url"))
        .setVersion(LenientJson.text(location, "version"))
        .setDirty(null)
        .build();
  }

  /**
   * The run mode from the {@code jobType} facet's {@code processingType}: STREAMING for a streaming
   * job (Flink, Spark Structured Streaming), BATCH for a batch one, null without it or for a value
   * the spec does not name. SERVICE (a continuous long-running service) is STREAMING too: the spec
   * gives both "no natural completion point", which is what DESIGN §3's streaming run means, and a
   * service read as a batch run would be reported stalled for never completing.
   */
  static RunMode mode(final JsonNode jobFacets) {
    final String type = LenientJson.text(LenientJson.facet(jobFacets, "jobType"), "processingType");
    if (type == null) {
      return null;
    }
    return switch (type.toUpperCase(Locale.ROOT)) {
      case "STREAMING", "SERVICE" -> RunMode.STREAMING;
      case "BATCH" -> RunMode.BATCH;
      default -> null;
    };
  }
}
