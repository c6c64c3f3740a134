package dev.lineagegate.ingest.openlineage;

/**
 * Where a facet sits in an event, named by the core definition its schema extends. Standard facet
 * keys are only unique per location ({@code ownership} is both a job and a dataset facet), so the
 * facet catalog is keyed by location and key.
 */
enum FacetLocation {
  RUN("RunFacet", "run facet"),
  JOB("JobFacet", "job facet"),
  DATASET("DatasetFacet", "dataset facet"),
  INPUT_DATASET("InputDatasetFacet", "input dataset facet"),
  OUTPUT_DATASET("OutputDatasetFacet", "output dataset facet");

  private final String baseDefinition;
  private final String label;

  FacetLocation(final String baseDefinition, final String label) {
    this.baseDefinition = baseDefinition;
    this.label = label;
  }

  /** The location whose facets extend {@code OpenLineage.json#/$defs/<definition>}, or null. */
  static FacetLocation ofBaseDefinition(final String definition) {
    for (final FacetLocation location : values()) {
      if (location.baseDefinition.equals(definition)) {
        return location;
      }
    }
    return null;
  }

  /** For messages: "job facet", "output dataset facet". */
  String label() {
    return label;
  }
}
