package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The standard facets, by location and key, each with its compiled schema. The table is read from
 * the facet schema files themselves: each declares {@code properties: {"<key>": {"$ref":
 * "#/$defs/<Facet>"}}}, and {@code <Facet>} extends a core definition (RunFacet, JobFacet, …) that
 * says where the facet sits. A key may name a union ({@code lineage}: dataset or job; {@code
 * subset}: input or output); each member is filed under its own location.
 */
final class FacetCatalog {

  /** One standard facet: where it sits, its key, the file and definition that describe it. */
  record Entry(
      FacetLocation location, String key, String resource, String definition, JsonSchema schema) {}

  private static final String LOCAL_DEFINITIONS = "#/$defs/";

  private final Map<FacetLocation, Map<String, Entry>> byLocation;
  private final List<Entry> entries;
  private final Set<String> keys;

  private FacetCatalog(final Map<FacetLocation, Map<String, Entry>> byLocation) {
    this.byLocation = byLocation;
    this.entries = byLocation.values().stream().flatMap(byKey -> byKey.values().stream()).toList();
    this.keys = Set.copyOf(entries.stream().map(Entry::key).toList());
  }

  /**
   * Builds the table from {@code documents}; {@code compile} turns a schema IRI with a fragment
   * into a compiled schema.
   */
  static FacetCatalog build(
      final SchemaDocuments documents, final Function<String, JsonSchema> compile) {
    final String coreDefinitions = documents.core().id() + LOCAL_DEFINITIONS;
    final Map<FacetLocation, Map<String, Entry>> byLocation = new EnumMap<>(FacetLocation.class);
    for (final SchemaDocuments.Document document : documents.facets()) {
      document
          .tree()
          .path("properties")
          .properties()
          .forEach(
              property -> {
                final List<Member> members = new ArrayList<>();
                collect(
                    document.tree(),
                    property.getValue(),
                    coreDefinitions,
                    new HashSet<>(),
                    members);
                for (final Member member : members) {
                  final Entry entry =
                      new Entry(
                          member.location(),
                          property.getKey(),
                          document.resource(),
                          member.definition(),
                          compile.apply(document.id() + LOCAL_DEFINITIONS + member.definition()));
                  final Entry clash =
                      byLocation
                          .computeIfAbsent(member.location(), location -> new HashMap<>())
                          .putIfAbsent(property.getKey(), entry);
                  if (clash != null) {
                    throw new IllegalStateException(
                        "two "
                            + member.location().label()
                            + " schemas for the key "
                            + property.getKey()
                            + ": "
                            + clash.resource()
                            + " and "
                            + document.resource());
                  }
                }
              });
    }
    return new FacetCatalog(byLocation);
  }

  /** The standard facet filed under {@code key} at {@code location}, or null for a custom one. */
  Entry find(final FacetLocation location, final String key) {
    return byLocation.getOrDefault(location, Map.of()).get(key);
  }

  /** True when {@code key} names a standard facet (or lineage-gate's own) at any location. */
  boolean isStandardKey(final String key) {
    return keys.contains(key);
  }

  List<Entry> entries() {
    return entries;
  }

  private record Member(FacetLocation location, String definition) {}

  /** Follows local refs and unions down to the definitions that extend a core facet type. */
  private static void collect(
      final JsonNode document,
      final JsonNode schema,
      final String coreDefinitions,
      final Set<String> seen,
      final List<Member> members) {
    final String ref = schema.path("$ref").asText("");
    if (ref.startsWith(LOCAL_DEFINITIONS)) {
      final String name = ref.substring(LOCAL_DEFINITIONS.length());
      if (seen.add(name)) {
        final JsonNode definition = document.path("$defs").path(name);
        final FacetLocation location = baseLocation(definition, coreDefinitions);
        if (location != null) {
          members.add(new Member(location, name));
        } else {
          collect(document, definition, coreDefinitions, seen, members);
        }
      }
    }
    for (final String union : List.of("anyOf", "oneOf")) {
      for (final JsonNode branch : schema.path(union)) {
        collect(document, branch, coreDefinitions, seen, members);
      }
    }
  }

  /** The location of a definition that extends a core facet type through {@code allOf}. */
  private static FacetLocation baseLocation(
      final JsonNode definition, final String coreDefinitions) {
    for (final JsonNode part : definition.path("allOf")) {
      final String ref = part.path("$ref").asText("");
      if (ref.startsWith(coreDefinitions)) {
        final FacetLocation location =
            FacetLocation.ofBaseDefinition(ref.substring(coreDefinitions.length()));
        if (location != null) {
          return location;
        }
      }
    }
    return null;
  }
}
