package dev.lineagegate.ingest.openlineage;

import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.FLUENTD_EVENTS;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.SPEC_TESTS;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.VALIDATOR;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.schema.json.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OpenLineage's example events and facets, all valid, against the validator. The files are listed
 * from the shared folder ({@link SharedReferenceData}), so a new one is tested without editing this
 * class.
 */
class OpenLineageExamplesTest {

  /** Whole events: spec/tests files that are events, and the fluentd proxy's valid simple one. */
  static Stream<String> exampleEvents() {
    final List<String> events = new ArrayList<>();
    for (final String file : OpenLineageEvents.resources(SPEC_TESTS)) {
      if (resource(file).has("eventTime")) {
        events.add(file);
      }
    }
    events.add(FLUENTD_EVENTS + "/event_simple.json");
    return events.stream();
  }

  /** spec/tests/{Facet}/*.json: one standard facet each, as {"key": {…}}, not an event. */
  static Stream<String> facetExamples() {
    return OpenLineageEvents.resources(SPEC_TESTS).stream()
        .filter(file -> !resource(file).has("eventTime"));
  }

  @Test
  void shouldFindEveryExampleWhenListingTheSharedFolder() {
    // Given OpenLineage's reference data (commit 8f02abfb7) in the shared folder
    // When
    final List<String> specTests = OpenLineageEvents.resources(SPEC_TESTS);
    final List<String> fluentd = OpenLineageEvents.resources(FLUENTD_EVENTS);
    // Then the parameterized tests below cannot pass on an empty list
    assertThat(specTests).hasSize(47).contains(SPEC_TESTS + "/example_full_event.json");
    assertThat(fluentd).hasSize(8);
    assertThat(facetExamples()).hasSize(46);
  }

  @ParameterizedTest
  @MethodSource("exampleEvents")
  void shouldReportNoErrorWhenExampleEventIsValidated(final String file) {
    // Given an example event that OpenLineage ships as valid
    final ObjectNode event = resource(file);
    // When
    final List<FieldError> errors = VALIDATOR.validate(event);
    // Then
    assertThat(errors).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("facetExamples")
  void shouldReportNoErrorWhenExampleFacetSitsWhereItsSchemaFilesIt(final String file) {
    // Given an example facet from spec/tests/{Facet}/, and where facets/{Facet}.json files its key
    final String schema = "openlineage/spec/facets/" + file.split("/")[2] + ".json";
    for (final Map.Entry<String, JsonNode> facet : resource(file).properties()) {
      final List<FacetCatalog.Entry> standard =
          VALIDATOR.facets().entries().stream()
              .filter(entry -> entry.resource().equals(schema))
              .filter(entry -> entry.key().equals(facet.getKey()))
              .toList();
      assertThat(standard).as("catalog entries of %s in %s", facet.getKey(), schema).isNotEmpty();
      // When it is placed in an event at each location its schema allows
      final List<List<FieldError>> errorsPerLocation =
          standard.stream()
              .map(entry -> VALIDATOR.validate(placed(entry.location(), facet)))
              .toList();
      // Then one of them accepts it (lineage is a dataset or a job facet, subset an input or an
      // output facet; the example is one of the two)
      assertThat(errorsPerLocation).as("errors at %s", standard).contains(List.of());
    }
  }

  @Test
  void shouldFileFacetsByLocationWhenKeysRepeat() {
    // Given the catalog read from the bundled facet schemas
    final FacetCatalog catalog = VALIDATOR.facets();
    // When / Then a key used at several locations has a schema per location
    assertThat(catalog.find(FacetLocation.JOB, "ownership").definition())
        .isEqualTo("OwnershipJobFacet");
    assertThat(catalog.find(FacetLocation.DATASET, "ownership").definition())
        .isEqualTo("OwnershipDatasetFacet");
    assertThat(catalog.find(FacetLocation.INPUT_DATASET, "subset").definition())
        .isEqualTo("InputSubsetInputDatasetFacet");
    assertThat(catalog.find(FacetLocation.OUTPUT_DATASET, "subset").definition())
        .isEqualTo("OutputSubsetOutputDatasetFacet");
    assertThat(catalog.find(FacetLocation.INPUT_DATASET, "dataQualityAssertions").definition())
        .isEqualTo("DataQualityAssertionsDatasetFacet");
    assertThat(catalog.find(FacetLocation.RUN, "lineageGate_execution").resource())
        .isEqualTo("openlineage/LineageGateExecutionRunFacet.json");
    assertThat(catalog.find(FacetLocation.RUN, "ownership")).isNull();
  }

  @Test
  void shouldCatalogEveryBundledFacetSchemaWhenLoaded() {
    // Given every facet schema file bundled in main resources
    final List<String> files = ClasspathResources.listBundled("openlineage/spec/facets", ".json");
    // When
    final List<String> catalogued =
        VALIDATOR.facets().entries().stream().map(FacetCatalog.Entry::resource).toList();
    // Then each contributes at least one entry: none is silently left unchecked
    assertThat(files).hasSize(38);
    assertThat(catalogued).containsAll(files);
  }

  /** A minimal valid RunEvent with {@code facet} at {@code location}. */
  private static ObjectNode placed(
      final FacetLocation location, final Map.Entry<String, JsonNode> facet) {
    final ObjectNode event = OpenLineageEvents.minimalRun("COMPLETE");
    final ObjectNode input = event.putArray("inputs").addObject();
    input.put("namespace", OpenLineageEvents.BUCKET).put("name", "in");
    final ObjectNode output = event.putArray("outputs").addObject();
    output.put("namespace", OpenLineageEvents.BUCKET).put("name", "out");
    final ObjectNode facets =
        switch (location) {
          case RUN -> ((ObjectNode) event.get("run")).putObject("facets");
          case JOB -> ((ObjectNode) event.get("job")).putObject("facets");
          case DATASET -> output.putObject("facets");
          case INPUT_DATASET -> input.putObject("inputFacets");
          case OUTPUT_DATASET -> output.putObject("outputFacets");
        };
    facets.set(facet.getKey(), facet.getValue());
    return event;
  }
}
