package dev.lineagegate.ingest.openlineage;

import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.BUCKET;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.VALIDATOR;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.facet;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.fullComplete;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.minimalRun;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.withJobFacet;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.withRunFacet;
import static dev.lineagegate.ingest.openlineage.OpenLineageMapperTest.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.contract.EventContract;
import dev.lineagegate.schema.contract.EventLimits;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deleted facets (absent, in validation and mapping alike) and facet content over the limits. */
class OpenLineageFacetEdgeCasesTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:01:00Z");
  private static final String DELETED = "{\"_deleted\": true}";

  private final OpenLineageMapper mapper = new OpenLineageMapper();

  @Test
  void shouldMapNoCheckWhenTheTestFacetIsDeleted() {
    // Given a deleted test facet without names (it gave a 500), and one whose test failed
    final ObjectNode nameless =
        withRunFacet(
            minimalRun("COMPLETE"), "test", facet("{\"_deleted\": true, \"tests\": [{}]}"));
    final ObjectNode failed =
        withRunFacet(
            minimalRun("COMPLETE"),
            "test",
            facet("{\"_deleted\": true, \"tests\": [{\"name\": \"auc\", \"status\": \"fail\"}]}"));
    // When / Then a deleted facet is absent: no check, so no CHECK_FAILED
    assertThat(map(nameless).getChecks()).isEmpty();
    assertThat(map(failed).getChecks()).isEmpty();
  }

  @Test
  void shouldMapNothingFromRunAndJobFacetsWhenTheyAreDeleted() {
    // Given the full COMPLETE with every run and job facet the mapping reads marked deleted
    final ObjectNode event = fullComplete();
    for (final String key :
        List.of(
            "lineageGate_execution",
            "parent",
            "processing_engine",
            "environmentVariables",
            "test")) {
      withRunFacet(event, key, facet(DELETED));
    }
    withRunFacet(event, "errorMessage", facet(DELETED));
    withJobFacet(event, "ownership", facet(DELETED));
    withJobFacet(event, "sourceCodeLocation", facet(DELETED));
    // When
    final ExecutionEvent mapped = map(event);
    // Then what they carried is absent (the datasets' own facets remain)
    assertThat(mapped.getRun().getPipeline()).isEqualTo(OpenLineageEvents.JOB_NAMESPACE);
    assertThat(mapped.getRun().getOwner()).isNull();
    assertThat(mapped.getRun().getAttempt()).isNull();
    assertThat(mapped.getCode()).isNull();
    assertThat(mapped.getConfig()).isNull();
    assertThat(mapped.getSeed()).isNull();
    assertThat(mapped.getEnvironment()).isNull();
    assertThat(mapped.getError()).isNull();
    assertThat(mapped.getOutputs().get(0).getDigest()).isNull();
    assertThat(mapped.getChecks())
        .containsExactly(
            check("not_null on id", true, CheckSeverity.ERROR, null),
            check("row_count_positive", false, CheckSeverity.WARNING, null));
  }

  @Test
  void shouldMapNothingFromDatasetFacetsWhenTheyAreDeleted() {
    // Given the full COMPLETE whose dataset facets are deleted, and a deleted version facet
    final ObjectNode event = fullComplete();
    ((ObjectNode) event.at("/inputs/0/inputFacets")).set("dataQualityAssertions", facet(DELETED));
    ((ObjectNode) event.at("/outputs/0/outputFacets")).set("outputStatistics", facet(DELETED));
    ((ObjectNode) event.at("/outputs/0"))
        .putObject("facets")
        .set(
            "version",
            facet("{\"_deleted\": true, \"datasetVersion\": \"sha256:" + "a".repeat(64) + "\"}"));
    withRunFacet(event, "lineageGate_execution", facet(DELETED));
    // When
    final ExecutionEvent mapped = map(event);
    // Then
    assertThat(mapped.getOutputs().get(0).getSizeBytes()).isNull();
    assertThat(mapped.getOutputs().get(0).getDigest()).isNull();
    assertThat(mapped.getChecks()).hasSize(2).noneMatch(c -> c.getName().contains("on id"));
  }

  @Test
  void shouldMapAFacetAsNormalWhenItsDeletedFlagIsNullOrFalse() {
    // Given ownership with "_deleted": null and a test facet with "_deleted": false
    final ObjectNode event =
        withJobFacet(
            minimalRun("COMPLETE"),
            "ownership",
            facet("{\"_deleted\": null, \"owners\": [{\"name\": \"team:ml\"}]}"));
    withRunFacet(
        event,
        "test",
        facet("{\"_deleted\": false, \"tests\": [{\"name\": \"auc\", \"status\": \"pass\"}]}"));
    // When
    final ExecutionEvent mapped = map(event);
    // Then
    assertThat(mapped.getRun().getOwner()).isEqualTo("team:ml");
    assertThat(mapped.getChecks()).containsExactly(check("auc", true, CheckSeverity.ERROR, null));
  }

  @Test
  void shouldKeepTheHeadOfAStackTraceWhenItIsLongerThanTheLimit() {
    // Given Spark-sized stack traces (100,000 characters), of emoji after the head, shifted by one
    // character so that one of them has a surrogate pair where the cut falls
    final String head = "org.apache.spark.SparkException: Job aborted\n\tat ";
    for (final String start : List.of(head, head + " ")) {
      final String trace = start + "😀".repeat(50_000);
      final ObjectNode event =
          withRunFacet(
              minimalRun("FAIL"),
              "errorMessage",
              OpenLineageEvents.JSON
                  .createObjectNode()
                  .put("_producer", OpenLineageEvents.FACET_PRODUCER)
                  .put("_schemaURL", "https://lineage-gate.dev/tests/facet.json")
                  .put("message", "Job aborted")
                  .put("programmingLanguage", "JAVA")
                  .put("stackTrace", trace));
      // When
      final String mapped = map(event).getError().getStackTrace();
      // Then its head and a marker with the original length, within the limit, pairs whole
      assertThat(mapped).startsWith(start).hasSizeLessThanOrEqualTo(EventLimits.STACK_TRACE);
      assertThat(mapped)
          .endsWith("\n… [truncated by lineage-gate: " + trace.length() + " characters]");
      assertThat(EventContract.violations(map(event), "", NOW)).isEmpty();
    }
    // and a trace at the limit is kept as it is
    final String fits = "x".repeat(EventLimits.STACK_TRACE);
    assertThat(RunFacets.stackTrace(fits)).isSameAs(fits);
  }

  @Test
  void shouldBreakTheContractWhenOtherFacetContentIsOverTheLimits() {
    // Given an owner, an output name and a producer over their limits
    final ObjectNode event =
        withJobFacet(
            minimalRun("COMPLETE"),
            "ownership",
            facet("{\"owners\": [{\"name\": \"" + "o".repeat(600) + "\"}]}"));
    event.put("producer", "https://p/" + "x".repeat(3000));
    event.putArray("outputs").addObject().put("namespace", BUCKET).put("name", "m".repeat(1100));
    // When / Then each is refused as for a native event (pointers into the mapped event)
    assertThat(EventContract.violations(map(event), "", NOW))
        .extracting(error -> error.pointer() + ": " + error.message())
        .containsExactly(
            "/run/owner: is 600 characters, longer than the 512 allowed",
            "/outputs/0/name: is 1112 characters, longer than the 1024 allowed",
            "/producer: is 3010 characters, longer than the 2048 allowed");
  }

  private ExecutionEvent map(final JsonNode event) {
    assertThat(VALIDATOR.validate(event)).as("fixture must be valid").isEmpty();
    return ((OpenLineageRecord.Run) mapper.map(event)).event();
  }
}
