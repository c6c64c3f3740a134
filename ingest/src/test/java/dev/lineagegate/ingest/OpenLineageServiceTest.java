package dev.lineagegate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.ingest.openlineage.OpenLineageRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading OpenLineage's JSON as sent, before validation and mapping. */
class OpenLineageServiceTest {

  private final OpenLineageService service = new OpenLineageService();

  @Test
  void shouldKeepTheLastValueWhenARunFacetIsRepeatedAsSparkSendsIt() {
    // Given a START whose processing_engine run facet appears twice (OpenLineage issue 4943)
    final String engine =
        "\"processing_engine\": {\"_producer\": \"https://p\", \"_schemaURL\": \"https://s\","
            + " \"name\": \"spark\", \"version\": \"%s\"}";
    final String body =
        """
        {"eventType": "START", "eventTime": "2026-11-22T10:00:00Z", "producer": "https://p",
         "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
         "run": {"runId": "3b8e7f52-1c4d-4e6f-9a0b-2c3d4e5f6a01", "facets": {%s, %s}},
         "job": {"namespace": "spark://prod", "name": "train"}}
        """
            .formatted(engine.formatted("3.5.0"), engine.formatted("4.2.0"));
    // When
    final OpenLineageRecord record =
        service.interpret(service.parse(body.getBytes(StandardCharsets.UTF_8))).record();
    // Then accepted, as Marquez accepts it, with the last value
    assertThat(((OpenLineageRecord.Run) record).event().getEnvironment().getTools())
        .containsEntry("spark", "4.2.0");
  }
}
