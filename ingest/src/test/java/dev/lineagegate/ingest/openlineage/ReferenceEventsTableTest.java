package dev.lineagegate.ingest.openlineage;

import static dev.lineagegate.ingest.openlineage.ReferenceOutcome.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.ingest.OpenLineageService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of OpenLineage's reference data (the shared folder's spec tests and fluentd events)
 * through ingest's OpenLineage path, lenient (the default) and strict: accepted, accepted with
 * warnings, or refused, and where. The files are listed from the shared folder, so a new one fails
 * here as an unknown row, printed in the table's own syntax to be reviewed and pasted.
 */
class ReferenceEventsTableTest {

  private static final OpenLineageService LENIENT = new OpenLineageService();
  private static final OpenLineageService STRICT =
      new OpenLineageService(new OpenLineageValidator(true, false), new OpenLineageMapper());

  /** A file, where a facet example is placed (null for a whole event), and both answers. */
  record Row(
      String file, FacetLocation placedAt, ReferenceOutcome lenient, ReferenceOutcome strict) {

    ReferenceOutcome actual(final OpenLineageService service) {
      if (placedAt == null) {
        return ReferenceOutcome.of(service, SharedReferenceData.bytes(file));
      }
      return ReferenceOutcome.of(service, placed(placedAt, SharedReferenceData.tree(file)));
    }
  }

  @Test
  void shouldHaveARowForEveryReferenceFileWhenTheSharedFolderIsListed() {
    // Given the files in the shared folder
    final List<String> files = SharedReferenceData.files();
    // When / Then the table has exactly those rows: a new file needs a decision
    final List<String> unknown = new ArrayList<>();
    for (final String file : files) {
      if (!ReferenceTable.ROWS.containsKey(file)) {
        unknown.add(guess(file));
      }
    }
    assertThat(unknown).as("files without a row (their answers today)").isEmpty();
    assertThat(ReferenceTable.ROWS.keySet()).as("rows without a file").isSubsetOf(files);
    assertThat(files).hasSizeGreaterThanOrEqualTo(55);
  }

  @TestFactory
  Stream<DynamicTest> shouldAnswerAsTheTableSaysWhenEachReferenceFileIsSent() {
    return SharedReferenceData.files().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file,
                    () -> {
                      // Given the file's row
                      final Row row = ReferenceTable.ROWS.get(file);
                      assertThat(row).as("no row; today: %s", guess(file)).isNotNull();
                      // When it is sent to a lenient and a strict ingest
                      // Then each answers as the row says
                      assertThat(row.actual(LENIENT))
                          .as("lenient " + file)
                          .isEqualTo(row.lenient());
                      assertThat(row.actual(STRICT)).as("strict " + file).isEqualTo(row.strict());
                    }));
  }

  @Test
  void shouldKeepEveryOutputWhenAReferenceRunEventIsAccepted() {
    for (final Row row : ReferenceTable.ROWS.values()) {
      if (row.placedAt() != null || row.lenient().verdict().equals("refused")) {
        continue;
      }
      // Given an accepted whole event
      final JsonNode event = SharedReferenceData.tree(row.file());
      // When it is mapped
      final OpenLineageRecord record = LENIENT.interpret(event).record();
      // Then a run keeps every output it lists, whatever its type
      if (record instanceof OpenLineageRecord.Run run) {
        assertThat(run.event().getOutputs()).as(row.file()).hasSize(event.path("outputs").size());
      }
    }
  }

  /** A row for {@code file} as it is answered today, in the table's syntax. */
  private static String guess(final String file) {
    final JsonNode tree = SharedReferenceData.tree(file);
    if (tree.has("eventTime")) {
      final Row probe = new Row(file, null, accepted(), accepted());
      return "event(\"%s\", %s, %s)".formatted(file, probe.actual(LENIENT), probe.actual(STRICT));
    }
    final Map<FacetLocation, String> answers = new LinkedHashMap<>();
    final String key = tree.fieldNames().next();
    for (final FacetLocation location : FacetLocation.values()) {
      if (OpenLineageEvents.VALIDATOR.facets().find(location, key) != null) {
        final Row probe = new Row(file, location, accepted(), accepted());
        answers.put(location, probe.actual(LENIENT) + " / " + probe.actual(STRICT));
      }
    }
    return "facet(\"%s\", <one of %s>)".formatted(file, answers);
  }

  /**
   * A minimal valid COMPLETE with one input and one output, and the example's facet at {@code
   * location}: spec/tests files under a facet's folder hold one facet, not an event.
   */
  static ObjectNode placed(final FacetLocation location, final JsonNode example) {
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
    example.properties().forEach(facet -> facets.set(facet.getKey(), facet.getValue()));
    return event;
  }
}
