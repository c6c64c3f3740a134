package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema documents bundled on the classpath, each known by its {@code $id}: the
 * OpenLineage core schema, every standard facet schema and lineage-gate's own facet schema.
 */
final class SchemaDocuments {

  static final String CORE_RESOURCE = "openlineage/spec/OpenLineage.json";
  static final String STANDARD_FACETS_DIRECTORY = "openlineage/spec/facets";

  /** Published by the {@code schemas} module, so that emitters can validate against it too. */
  static final String LINEAGE_GATE_FACET_RESOURCE = "openlineage/LineageGateExecutionRunFacet.json";

  /** One schema file: where it was read from, its {@code $id}, its text and its parsed tree. */
  record Document(String resource, String id, String text, JsonNode tree) {}

  private final Document core;
  private final List<Document> facets;

  private SchemaDocuments(final Document core, final List<Document> facets) {
    this.core = core;
    this.facets = facets;
  }

  /** Reads the core schema and every facet schema found on the classpath. */
  static SchemaDocuments load(final ObjectMapper json) {
    final List<Document> facets = new ArrayList<>();
    for (final String resource :
        ClasspathResources.listBundled(STANDARD_FACETS_DIRECTORY, ".json")) {
      facets.add(read(json, resource));
    }
    if (facets.isEmpty()) {
      throw new IllegalStateException("no facet schemas under " + STANDARD_FACETS_DIRECTORY);
    }
    facets.add(read(json, LINEAGE_GATE_FACET_RESOURCE));
    return new SchemaDocuments(read(json, CORE_RESOURCE), List.copyOf(facets));
  }

  Document core() {
    return core;
  }

  List<Document> facets() {
    return facets;
  }

  /** {@code $id} → schema text, for a schema loader that answers only from these documents. */
  Map<String, String> textById() {
    final Map<String, String> byId = new LinkedHashMap<>();
    byId.put(core.id(), core.text());
    for (final Document facet : facets) {
      if (byId.put(facet.id(), facet.text()) != null) {
        throw new IllegalStateException("two bundled schemas share the $id " + facet.id());
      }
    }
    return byId;
  }

  private static Document read(final ObjectMapper json, final String resource) {
    final String text = new String(ClasspathResources.read(resource), StandardCharsets.UTF_8);
    final JsonNode tree;
    try {
      tree = json.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("bundled schema " + resource + " is not JSON", e);
    }
    final String id = tree.path("$id").asText("");
    if (id.isEmpty()) {
      throw new IllegalStateException("bundled schema " + resource + " has no $id");
    }
    return new Document(resource, id, text, tree);
  }
}
