package dev.lineagegate.ingest.openlineage;

import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.facet;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.fullComplete;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.minimalRun;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.parse;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.withRunFacet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.json.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which problems refuse an OpenLineage event, which are warnings, and what is left unread. */
class TriageTest {

  private static final OpenLineageValidator LENIENT = OpenLineageEvents.VALIDATOR;
  private final OpenLineageMapper mapper = new OpenLineageMapper();

  @Test
  void shouldRefuseWhenTheMappingCannotGetPastAProblemEvenWhenLenient() {
    // Given events without job name, with a bad time, an unknown type, no runId, a nameless output
    final ObjectNode noJobName = minimalRun("START");
    ((ObjectNode) noJobName.get("job")).remove("name");
    final ObjectNode noRunId = minimalRun("START");
    ((ObjectNode) noRunId.get("run")).remove("runId");
    final ObjectNode namelessOutput = minimalRun("COMPLETE");
    namelessOutput.putArray("outputs").addObject().put("namespace", "s3://b");
    final ObjectNode noTime = minimalRun("START");
    noTime.remove("eventTime");
    // When / Then each is refused with the field's pointer, as in strict mode
    assertThat(refusals(noJobName)).containsExactly("/job/name");
    assertThat(refusals(noRunId)).containsExactly("/run/runId");
    assertThat(refusals(namelessOutput)).containsExactly("/outputs/0/name");
    assertThat(refusals(noTime)).containsExactly("/eventTime");
    assertThat(refusals(minimalRun("START").put("eventTime", "yesterday")))
        .containsExactly("/eventTime");
    assertThat(refusals(minimalRun("FINISHED"))).containsExactly("/eventType");
    assertThat(refusals(minimalRun("START").put("eventType", 3))).containsOnly("/eventType");
  }

  @Test
  void shouldFlagCustomFacetsUnderOneLabelWhenTheyLackBaseFields() {
    // Given a custom run facet (its key holds a "/") and no producer on the event
    final ObjectNode event =
        withRunFacet(minimalRun("START"), "spark/logicalPlan", parse("{\"plan\": []}"));
    event.remove("producer");
    // When
    final Checked checked = LENIENT.check(event);
    // Then accepted, each problem labelled for the metric: custom keys collapse into "custom"
    assertThat(checked.refusals()).isEmpty();
    assertThat(checked.warnings())
        .containsExactly(
            new Warning("/producer", "is required", Warning.EVENT, Warning.Kind.BASE_FIELDS),
            new Warning(
                "/run/facets/spark~1logicalPlan/_producer",
                "is required",
                Warning.CUSTOM_FACET,
                Warning.Kind.BASE_FIELDS),
            new Warning(
                "/run/facets/spark~1logicalPlan/_schemaURL",
                "is required",
                Warning.CUSTOM_FACET,
                Warning.Kind.BASE_FIELDS));
    assertThat(checked.ignoredFacets()).isEmpty();
  }

  @Test
  void shouldLeaveAFacetOutOfTheMappingWhenAFieldItReadsIsMalformed() {
    // Given the full COMPLETE whose processing_engine version is a number
    final ObjectNode event = fullComplete();
    ((ObjectNode) event.get("run").get("facets").get("processing_engine")).put("version", 3);
    // When
    final Checked checked = LENIENT.check(event);
    final ExecutionEvent mapped =
        ((OpenLineageRecord.Run) mapper.map(event, checked.ignoredFacets())).event();
    // Then flagged and left out (no "spark: 3"), the rest of the event mapped as usual
    assertThat(checked.warnings())
        .extracting(Warning::pointer, Warning::facet, Warning::kind)
        .containsExactly(
            tuple("/run/facets/processing_engine", "processing_engine", Warning.Kind.IGNORED),
            tuple(
                "/run/facets/processing_engine/version", "processing_engine", Warning.Kind.SCHEMA));
    assertThat(mapped.getEnvironment().getTools()).isEmpty();
    assertThat(mapped.getEnvironment().getVariables()).containsKey("CUDA_VISIBLE_DEVICES");
    assertThat(mapped.getOutputs()).hasSize(1);
    // and the event keeps the id of what was sent: the same event resent is the same event
    assertThat(mapped.getEventId()).isEqualTo(EventIds.of(event));
  }

  @Test
  void shouldReadAFacetWhenOnlyFieldsItDoesNotReadAreMalformed() {
    // Given outputStatistics with a text rowCount (not read) and a good size (read)
    final ObjectNode event = fullComplete();
    ((ObjectNode) event.get("outputs").get(0).get("outputFacets").get("outputStatistics"))
        .put("rowCount", "many");
    // When
    final Checked checked = LENIENT.check(event);
    // Then flagged but still read
    assertThat(checked.warnings())
        .extracting(Warning::pointer)
        .containsExactly("/outputs/0/outputFacets/outputStatistics/rowCount");
    assertThat(checked.ignoredFacets()).isEmpty();
    assertThat(
            ((OpenLineageRecord.Run) mapper.map(event, checked.ignoredFacets()))
                .event()
                .getOutputs()
                .get(0)
                .getSizeBytes())
        .isEqualTo(1234L);
  }

  @Test
  void shouldIgnoreTheTestFacetWhenATestHasNoNameRatherThanMapANamelessCheck() {
    // Given a test facet whose one test has a status but no name
    final ObjectNode event =
        withRunFacet(
            minimalRun("COMPLETE"), "test", facet("{\"tests\": [{\"status\": \"fail\"}]}"));
    // When
    final Checked checked = LENIENT.check(event);
    // Then no check is mapped: a failed check without name would block for an unknown reason
    assertThat(checked.ignoredFacets()).containsExactly("/run/facets/test");
    assertThat(
            ((OpenLineageRecord.Run) mapper.map(event, checked.ignoredFacets()))
                .event()
                .getChecks())
        .isEmpty();
  }

  @Test
  void shouldFlagAFacetsObjectWhenItIsNotAnObject() {
    // Given job facets sent as an array
    final ObjectNode event = minimalRun("START");
    ((ObjectNode) event.get("job")).putArray("facets");
    // When
    final Checked checked = LENIENT.check(event);
    // Then a warning on the event, nothing refused
    assertThat(checked.refusals()).isEmpty();
    assertThat(checked.warnings())
        .extracting(Warning::pointer, Warning::facet, Warning::kind)
        .containsExactly(tuple("/job/facets", Warning.EVENT, Warning.Kind.SCHEMA));
  }

  @Test
  void shouldRefuseEveryProblemWhenStrict() {
    // Given a strict validator and an event without producer and with a nameless owner
    final OpenLineageValidator strict = new OpenLineageValidator(true, false);
    final ObjectNode event =
        OpenLineageEvents.withJobFacet(
            minimalRun("START"), "ownership", facet("{\"owners\": [{\"type\": \"team\"}]}"));
    event.remove("producer");
    // When / Then
    assertThat(strict.check(event).refusals())
        .containsExactly(
            new FieldError(
                "/job/facets/ownership/owners/0/name",
                "is required (ownership job facet, OwnershipJobFacet)"),
            new FieldError("/producer", "is required"));
    assertThat(strict.check(event).warnings()).isEmpty();
  }

  @Test
  void shouldListAHundredWarningsAndCountTheRestWhenAnEventHasMore() {
    // Given 150 custom facets without base fields: 300 warnings
    final ObjectNode event = minimalRun("START");
    for (int i = 0; i < 150; i++) {
      withRunFacet(event, "custom" + i, parse("{}"));
    }
    // When
    final List<Warning> warnings = LENIENT.check(event).warnings();
    final List<Warning> listed = Warning.listed(warnings);
    // Then all are counted, the first 100 listed and one more says how many were left out
    assertThat(warnings).hasSize(300);
    assertThat(listed).hasSize(Warning.MAX_LISTED + 1);
    assertThat(listed.get(Warning.MAX_LISTED).detail()).isEqualTo("200 more warnings not listed");
  }

  private static List<String> refusals(final ObjectNode event) {
    return LENIENT.check(event).refusals().stream().map(FieldError::pointer).toList();
  }
}
