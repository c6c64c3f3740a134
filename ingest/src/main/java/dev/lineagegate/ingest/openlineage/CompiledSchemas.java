package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.util.EnumMap;
import java.util.Map;

/**
 * The OpenLineage schemas, compiled once: the whole event schema, one schema per event type and the
 * facet catalog. Nothing is fetched: every {@code $id} is answered from the bundled copies and any
 * other IRI is refused, so a schema that refers elsewhere fails at start, not per request.
 */
final class CompiledSchemas {

  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder()
          .pathType(PathType.JSON_POINTER)
          // Draft 2020-12 makes "format" an annotation, and it must stay one here: asserting it
          // would refuse what DESIGN §6.2 accepts (run ids that are not UUIDs, times without a
          // zone). The validator checks those two fields itself.
          .formatAssertionsEnabled(false)
          .build();

  /**
   * Draft 2020-12, with keywords it does not define ("example", "documentation") read as
   * annotations, as the draft says, instead of logged as a warning once per schema.
   */
  private static final JsonMetaSchema META_SCHEMA =
      JsonMetaSchema.builder(JsonMetaSchema.getV202012())
          .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
          .build();

  /** Past the bundled documents, only the validator's own bundled meta-schemas may load. */
  private static final AllowSchemaLoader OFFLINE =
      new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:"));

  private final JsonSchema event;
  private final Map<EventKind, JsonSchema> eventTypes;
  private final FacetCatalog facets;

  private CompiledSchemas(
      final JsonSchema event,
      final Map<EventKind, JsonSchema> eventTypes,
      final FacetCatalog facets) {
    this.event = event;
    this.eventTypes = eventTypes;
    this.facets = facets;
  }

  static CompiledSchemas load() {
    final SchemaDocuments documents = SchemaDocuments.load(new ObjectMapper());
    final JsonSchemaFactory factory = offlineFactory(documents);
    final String coreId = documents.core().id();
    final Map<EventKind, JsonSchema> eventTypes = new EnumMap<>(EventKind.class);
    for (final EventKind kind : EventKind.values()) {
      eventTypes.put(kind, compile(factory, coreId + "#/$defs/" + kind.definition()));
    }
    return new CompiledSchemas(
        compile(factory, coreId),
        eventTypes,
        FacetCatalog.build(documents, iri -> compile(factory, iri)));
  }

  /** A factory that answers {@code $id}s from {@code documents} only and never goes online. */
  static JsonSchemaFactory offlineFactory(final SchemaDocuments documents) {
    return JsonSchemaFactory.getInstance(
        SpecVersion.VersionFlag.V202012,
        builder ->
            builder
                .metaSchema(META_SCHEMA)
                .schemaLoaders(loaders -> loaders.schemas(documents.textById()).add(OFFLINE)));
  }

  /** The core schema: exactly one of RunEvent, DatasetEvent, JobEvent. */
  JsonSchema event() {
    return event;
  }

  /** The schema of one event type, for errors that name the fields that type lacks. */
  JsonSchema eventType(final EventKind kind) {
    return eventTypes.get(kind);
  }

  FacetCatalog facets() {
    return facets;
  }

  private static JsonSchema compile(final JsonSchemaFactory factory, final String iri) {
    final JsonSchema schema = factory.getSchema(SchemaLocation.of(iri), CONFIG);
    // Resolve every $ref now: shared by all request threads, nothing may load lazily later.
    schema.initializeValidators();
    return schema;
  }
}
