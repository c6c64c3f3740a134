package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.avro.CodeInfo;

/** What the standard job facets say about a run's owner and code. */
final class JobFacets {

  private JobFacets() {}

  /** The first owner's name in the {@code ownership} facet: whoever is listed first is asked. */
  static String owner(final JsonNode jobFacets) {
    final JsonNode owners = Json.facet(jobFacets, "ownership").path("owners");
    return owners.isArray() && !owners.isEmpty() ? Json.text(owners.path(0), "name") : null;
  }

  /**
   * The code from the {@code sourceCodeLocation} facet: its version, and the repository URL, or the
   * file URL when the facet names no repository. Null without the facet; {@code dirty} is unknown
   * to OpenLineage and stays null.
   */
  static CodeInfo code(final JsonNode jobFacets) {
    final JsonNode location = Json.facet(jobFacets, "sourceCodeLocation");
    if (location.isMissingNode()) {
      return null;
    }
    final String repoUrl = Json.text(location, "repoUrl");
    return CodeInfo.newBuilder()
        .setRepository(repoUrl != null ? repoUrl : Json.text(location, "url"))
        .setVersion(Json.text(location, "version"))
        .setDirty(null)
        .build();
  }
}
