package dev.lineagegate.ingest.openlineage;

import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.VALIDATOR;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.execution;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.minimalRun;
import static dev.lineagegate.ingest.openlineage.OpenLineageEvents.withRunFacet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.schema.json.FieldError;
import org.junit.jupiter.api.Test;

/** The schema of lineage-gate's run facet, published by the schemas module. */
class LineageGateExecutionFacetTest {

  private static final String AT = "/run/facets/lineageGate_execution";
  private static final String CONTEXT =
      " (lineageGate_execution run facet, LineageGateExecutionRunFacet)";
  private static final String DIGEST_FORM = "must match ^sha256:[0-9a-f]{64}$";

  @Test
  void shouldAcceptFacetWhenEveryFieldIsWellFormed() {
    // Given a run carrying the facet with every field
    final ObjectNode event =
        withRunFacet(minimalRun("COMPLETE"), "lineageGate_execution", execution());
    // When / Then
    assertThat(VALIDATOR.validate(event)).isEmpty();
  }

  @Test
  void shouldAcceptFacetWhenOnlyBaseFieldsArePresent() {
    // Given the facet with no field of its own: missing metadata is unauditable, not invalid
    final ObjectNode facet = OpenLineageEvents.facet("{}");
    // When / Then
    assertThat(
            VALIDATOR.validate(withRunFacet(minimalRun("START"), "lineageGate_execution", facet)))
        .isEmpty();
  }

  @Test
  void shouldRejectDigestWhenNotSha256LowercaseHex() {
    // Given digests in upper case, with another algorithm, and a digest map with a number
    final ObjectNode facet = execution();
    facet.put("configDigest", "sha256:" + "AB".repeat(32));
    facet.put("environmentDigest", "md5:0123456789abcdef0123456789abcdef");
    facet.withObjectProperty("outputDigests").put(OpenLineageEvents.MODEL, 7);
    // When
    final ObjectNode event = withRunFacet(minimalRun("COMPLETE"), "lineageGate_execution", facet);
    // Then each is named
    assertThat(VALIDATOR.validate(event))
        .containsExactly(
            new FieldError(AT + "/configDigest", DIGEST_FORM + CONTEXT),
            new FieldError(AT + "/environmentDigest", DIGEST_FORM + CONTEXT),
            new FieldError(
                AT + "/outputDigests/s3:~1~1bucket~1model",
                "must be string, not integer" + CONTEXT));
  }

  @Test
  void shouldRejectSeedAndAttemptWhenNotIntegersInRange() {
    // Given a seed as text and an attempt 0 (attempts count from 1)
    final ObjectNode facet = execution();
    facet.put("seed", "42");
    facet.put("attempt", 0);
    // When
    final ObjectNode event = withRunFacet(minimalRun("COMPLETE"), "lineageGate_execution", facet);
    // Then
    assertThat(VALIDATOR.validate(event))
        .extracting(FieldError::pointer)
        .containsExactly(AT + "/attempt", AT + "/seed");
  }
}
