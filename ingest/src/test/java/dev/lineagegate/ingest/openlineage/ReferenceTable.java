package dev.lineagegate.ingest.openlineage;

import static dev.lineagegate.ingest.openlineage.ReferenceOutcome.accepted;
import static dev.lineagegate.ingest.openlineage.ReferenceOutcome.refused;
import static dev.lineagegate.ingest.openlineage.ReferenceOutcome.warned;

import java.util.LinkedHashMap;
import java.util.Map;

/** The decisions of {@link ReferenceEventsTableTest}, one row per shared reference file. */
final class ReferenceTable {

  static final Map<String, ReferenceEventsTableTest.Row> ROWS = new LinkedHashMap<>();

  static {
    // The fluentd proxy's events: two valid, six deliberately invalid. Marquez accepts all but the
    // one without a runId, and so does lenient ingest, flagging the rest; strict refuses the
    // invalid facets that lineage-gate validates. Input facets it does not read are only flagged,
    // in both modes (ingest.openlineage.strict-input-facets refuses them too).
    event(
        "proxy/fluentd/events/event_full.json",
        warned("/inputs/0/inputFacets/dataQualityMetrics/columnMetrics"),
        warned("/inputs/0/inputFacets/dataQualityMetrics/columnMetrics"));
    event(
        "proxy/fluentd/events/event_invalid_dataset_facet.json",
        warned("/outputs/0/facets/ownership/owners/0/name"),
        refused("/outputs/0/facets/ownership/owners/0/name"));
    event(
        "proxy/fluentd/events/event_invalid_input_dataset_facet.json",
        warned("/inputs/0/inputFacets/dataQualityMetrics/columnMetrics"),
        warned("/inputs/0/inputFacets/dataQualityMetrics/columnMetrics"));
    // The job's owner is read from this facet and its first owner has no name: the facet is left
    // out of the mapping (the first warning says so) rather than giving the run no owner silently.
    event(
        "proxy/fluentd/events/event_invalid_job_facet.json",
        warned("/job/facets/ownership", "/job/facets/ownership/owners/0/name"),
        refused("/job/facets/ownership/owners/0/name"));
    // rowCount is not read (size is): the facet is still read.
    event(
        "proxy/fluentd/events/event_invalid_output_dataset_facet.json",
        warned("/outputs/0/outputFacets/outputStatistics/rowCount"),
        refused("/outputs/0/outputFacets/outputStatistics/rowCount"));
    // The parent's run id is not read (its job is, for the pipeline): the facet is still read.
    event(
        "proxy/fluentd/events/event_invalid_run_facet.json",
        warned("/run/facets/parent/run/runId"),
        refused("/run/facets/parent/run/runId"));
    event(
        "proxy/fluentd/events/event_no_run_id.json", refused("/run/runId"), refused("/run/runId"));
    event("proxy/fluentd/events/event_simple.json", accepted(), accepted());
    event("spec/tests/example_full_event.json", accepted(), accepted());

    // spec/tests/<Facet>/: one facet each, placed where the folder's schema files it.
    facet("spec/tests/BaseSubsetDatasetFacet/1.json", FacetLocation.INPUT_DATASET);
    facet("spec/tests/BaseSubsetDatasetFacet/2.json", FacetLocation.INPUT_DATASET);
    facet("spec/tests/BaseSubsetDatasetFacet/3.json", FacetLocation.INPUT_DATASET);
    facet("spec/tests/BaseSubsetDatasetFacet/4.json", FacetLocation.INPUT_DATASET);
    facet("spec/tests/ColumnLineageDatasetFacet/1.json", FacetLocation.DATASET);
    facet("spec/tests/ColumnLineageDatasetFacet/2.json", FacetLocation.DATASET);
    facet("spec/tests/DataQualityAssertionsDatasetFacet/1.json", FacetLocation.INPUT_DATASET);
    facet("spec/tests/DataQualityMetricsDatasetFacet/1.json", FacetLocation.DATASET);
    facet("spec/tests/DataQualityMetricsInputDatasetFacet/1.json", FacetLocation.INPUT_DATASET);
    facet("spec/tests/DatasetTypeDatasetFacet/1.json", FacetLocation.DATASET);
    facet("spec/tests/DatasetVersionDatasetFacet/1.json", FacetLocation.DATASET);
    facet("spec/tests/DatasourceDatasetFacet/1.json", FacetLocation.DATASET);
    facet("spec/tests/DocumentationDatasetFacet/1.json", FacetLocation.DATASET);
    facet("spec/tests/DocumentationJobFacet/1.json", FacetLocation.JOB);
    facet("spec/tests/EnvironmentVariablesRunFacet/1.json", FacetLocation.RUN);
    facet("spec/tests/ErrorMessageRunFacet/1.json", FacetLocation.RUN);
    facet("spec/tests/ExternalQueryRunFacet/1.json", FacetLocation.RUN);
    facet("spec/tests/ExtractionErrorRunFacet/1.json", FacetLocation.RUN);
    facet("spec/tests/HierarchyDatasetFacet/1.json", FacetLocation.DATASET);
    facet("spec/tests/JobTypeJobFacet/1.json", FacetLocation.JOB);
    facet("spec/tests/JobTypeJobFacet/2.json", FacetLocation.JOB);
    facet("spec/tests/JobTypeJobFacet/3.json", FacetLocation.JOB);
    facet("spec/tests/LifecycleStateChangeDatasetFacet/1.json", FacetLocation.DATASET);
    facet("spec/tests/LineageFacet/dataset-to-dataset.json", FacetLocation.DATASET);
    facet("spec/tests/LineageFacet/dataset-to-job.json", FacetLocation.JOB);
    facet("spec/tests/LineageFacet/generator.json", FacetLocation.JOB);
    facet("spec/tests/LineageFacet/implicit-job.json", FacetLocation.JOB);
    facet("spec/tests/LineageFacet/job-to-dataset.json", FacetLocation.JOB);
    facet("spec/tests/LineageFacet/job-to-job.json", FacetLocation.JOB);
    facet("spec/tests/LineageFacet/mixed-sources.json", FacetLocation.JOB);
    facet("spec/tests/NominalTimeRunFacet/1.json", FacetLocation.RUN);
    facet("spec/tests/OutputStatisticsOutputDatasetFacet/1.json", FacetLocation.OUTPUT_DATASET);
    facet("spec/tests/OwnershipDatasetFacet/1.json", FacetLocation.DATASET);
    facet("spec/tests/OwnershipJobFacet/1.json", FacetLocation.JOB);
    facet("spec/tests/ParentRunFacet/1.json", FacetLocation.RUN);
    facet("spec/tests/ParentRunFacet/2.json", FacetLocation.RUN);
    facet("spec/tests/ProcessingEngineRunFacet/1.json", FacetLocation.RUN);
    facet("spec/tests/SQLJobFacet/1.json", FacetLocation.JOB);
    facet("spec/tests/SchemaDatasetFacet/1.json", FacetLocation.DATASET);
    facet("spec/tests/SourceCodeJobFacet/1.json", FacetLocation.JOB);
    facet("spec/tests/SourceCodeLocationJobFacet/1.json", FacetLocation.JOB);
    facet("spec/tests/StorageDatasetFacet/1.json", FacetLocation.DATASET);
    facet("spec/tests/SymlinksDatasetFacet/1.json", FacetLocation.DATASET);
    facet("spec/tests/TagsDatasetFacet/1.json", FacetLocation.DATASET);
    facet("spec/tests/TagsJobFacet/1.json", FacetLocation.JOB);
    facet("spec/tests/TagsRunFacet/1.json", FacetLocation.RUN);
  }

  private ReferenceTable() {}

  private static void event(
      final String file, final ReferenceOutcome lenient, final ReferenceOutcome strict) {
    ROWS.put(file, new ReferenceEventsTableTest.Row(file, null, lenient, strict));
  }

  /** A facet example, placed at {@code location}: accepted in both modes. */
  private static void facet(final String file, final FacetLocation location) {
    ROWS.put(file, new ReferenceEventsTableTest.Row(file, location, accepted(), accepted()));
  }
}
