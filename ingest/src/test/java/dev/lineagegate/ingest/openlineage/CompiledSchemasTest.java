package dev.lineagegate.ingest.openlineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InvalidSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import org.junit.jupiter.api.Test;

class CompiledSchemasTest {

  private final JsonSchemaFactory factory =
      CompiledSchemas.offlineFactory(SchemaDocuments.load(new ObjectMapper()));

  @Test
  void shouldAnswerFromBundledCopyWhenSchemaIdIsOnline() {
    // Given the $id of a facet schema, an https URI
    final String id = "https://openlineage.io/spec/facets/1-0-1/OwnershipJobFacet.json";
    // When / Then it resolves, without a network, to the bundled copy
    assertThat(factory.getSchema(SchemaLocation.of(id)).getSchemaNode().path("$id").asText())
        .isEqualTo(id);
  }

  @Test
  void shouldRefuseToFetchWhenSchemaIsNotBundled() {
    // Given a schema URI that no bundled file declares (a newer facet version, say)
    final String elsewhere = "https://openlineage.io/spec/facets/9-9-9/OwnershipJobFacet.json";
    // When / Then it is refused by our loader before any loader could download it
    assertThatThrownBy(() -> factory.getSchema(SchemaLocation.of(elsewhere)))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage("Schema from '" + elsewhere + "' is not allowed to be loaded.");
  }
}
