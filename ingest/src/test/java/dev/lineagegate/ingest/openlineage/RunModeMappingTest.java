package dev.lineagegate.ingest.openlineage;

import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.facet;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.minimalRun;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.withJobFacet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.avro.RunMode;
import org.junit.jupiter.api.Test;

/** The jobType facet's processingType as the native run.mode (DESIGN §3: streaming runs). */
class RunModeMappingTest {

  private final OpenLineageMapper mapper = new OpenLineageMapper();

  @Test
  void shouldMapStreamingAndServiceToStreamingWhenTheJobNeverCompletes() {
    assertThat(mode("STREAMING")).isEqualTo(RunMode.STREAMING);
    assertThat(mode("SERVICE")).isEqualTo(RunMode.STREAMING);
  }

  @Test
  void shouldMapBatchToBatchWhenTheJobIsFinite() {
    assertThat(mode("BATCH")).isEqualTo(RunMode.BATCH);
  }

  @Test
  void shouldMapNoModeWhenTheFacetIsAbsentDeletedOrUnknown() {
    // Given no jobType facet, a deleted one, and a processing type the spec does not name
    final ObjectNode deleted =
        withJobFacet(
            minimalRun("START"),
            "jobType",
            facet("{\"_deleted\": true, \"processingType\": \"STREAMING\"}"));
    // When / Then
    assertThat(run(minimalRun("START")).getMode()).isNull();
    assertThat(run(deleted).getMode()).isNull();
    assertThat(mode("MICRO_BATCH")).isNull();
  }

  private RunMode mode(final String processingType) {
    final ObjectNode event =
        withJobFacet(
            minimalRun("RUNNING"),
            "jobType",
            facet(
                "{\"processingType\": \"%s\", \"integration\": \"FLINK\"}"
                    .formatted(processingType)));
    assertThat(OpenLineageEvents.VALIDATOR.validate(event)).isEmpty();
    return run(event).getMode();
  }

  private RunInfo run(final ObjectNode event) {
    return ((OpenLineageRecord.Run) mapper.map(event)).event().getRun();
  }
}
