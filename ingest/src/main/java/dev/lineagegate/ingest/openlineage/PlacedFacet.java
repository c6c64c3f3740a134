package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A facet found in an event: where it sits (its location type and JSON pointer), its key and its
 * content. The core schema leaves facet contents open, so the validator checks each one found here
 * against its own schema.
 */
record PlacedFacet(FacetLocation location, String pointer, String key, JsonNode facet) {

  /** Every facet of {@code event}: run, job, static dataset, and each input's and output's. */
  static List<PlacedFacet> in(final JsonNode event) {
    final List<PlacedFacet> found = new ArrayList<>();
    addAll(found, FacetLocation.RUN, "/run/facets", event.path("run").path("facets"));
    addAll(found, FacetLocation.JOB, "/job/facets", event.path("job").path("facets"));
    addAll(found, FacetLocation.DATASET, "/dataset/facets", event.path("dataset").path("facets"));
    addDatasets(found, "/inputs", event.path("inputs"), "inputFacets", FacetLocation.INPUT_DATASET);
    addDatasets(
        found, "/outputs", event.path("outputs"), "outputFacets", FacetLocation.OUTPUT_DATASET);
    return found;
  }

  /**
   * True for a facet sent only to delete an earlier one ({@code "_deleted": true}): it carries none
   * of the facet's required fields, so its own schema does not apply, and the mapping reads it as
   * absent ({@link LenientJson#facet}).
   */
  boolean isDeletion() {
    return LenientJson.isDeleted(facet);
  }

  /**
   * {@code event}, or a copy without the {@code "_deleted": null} of its facets: null means "not
   * deleted" (a field left unset, as some serialisers write it), so such a facet is validated as a
   * normal one, although the spec types the field boolean.
   */
  static JsonNode withoutNullDeletions(final JsonNode event) {
    JsonNode copy = event;
    for (final PlacedFacet placed : in(event)) {
      if (placed.facet().path("_deleted").isNull()) {
        if (copy == event) {
          copy = event.deepCopy();
        }
        ((ObjectNode) copy.at(placed.pointer())).remove("_deleted");
      }
    }
    return copy;
  }

  private static void addDatasets(
      final List<PlacedFacet> found,
      final String pointer,
      final JsonNode datasets,
      final String ownFacets,
      final FacetLocation ownLocation) {
    for (int i = 0; i < datasets.size(); i++) {
      final JsonNode dataset = datasets.path(i);
      final String at = pointer + "/" + i;
      addAll(found, FacetLocation.DATASET, at + "/facets", dataset.path("facets"));
      addAll(found, ownLocation, at + "/" + ownFacets, dataset.path(ownFacets));
    }
  }

  private static void addAll(
      final List<PlacedFacet> found,
      final FacetLocation location,
      final String pointer,
      final JsonNode facets) {
    if (!facets.isObject()) {
      return; // absent, or already reported by the core schema
    }
    facets
        .properties()
        .forEach(
            facet -> {
              if (facet.getValue().isObject()) {
                found.add(
                    new PlacedFacet(
                        location,
                        pointer + "/" + SchemaErrors.escape(facet.getKey()),
                        facet.getKey(),
                        facet.getValue()));
              }
            });
  }
}
