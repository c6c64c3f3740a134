package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenient reads for the mapper: it receives validated events, but custom facets are open and a
 * field of the wrong type is read as absent rather than failing the whole event.
 */
final class LenientJson {

  private LenientJson() {}

  /** The text at {@code field}, or null when absent or not a string. */
  static String text(final JsonNode parent, final String field) {
    final JsonNode node = parent.path(field);
    return node.isTextual() ? node.textValue() : null;
  }

  /** The integral number at {@code field} as a long, or null when absent or not integral. */
  static Long whole(final JsonNode parent, final String field) {
    final JsonNode node = parent.path(field);
    return node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
  }

  /** The elements of the array at {@code field}; empty when absent or not an array. */
  static List<JsonNode> elements(final JsonNode parent, final String field) {
    final JsonNode node = parent.path(field);
    final List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(items::add);
    }
    return items;
  }

  /** The object at {@code field}, or a missing node (whose reads all come back absent). */
  static JsonNode object(final JsonNode parent, final String field) {
    final JsonNode node = parent.path(field);
    return node.isObject() ? node : MissingNode.getInstance();
  }

  /**
   * The facet at {@code key} of {@code facets}, or a missing node when it is absent, not an object
   * or deleted: a facet sent to delete an earlier one means that the facet is absent.
   */
  static JsonNode facet(final JsonNode facets, final String key) {
    final JsonNode facet = object(facets, key);
    return isDeleted(facet) ? MissingNode.getInstance() : facet;
  }

  /**
   * True for a facet marked {@code "_deleted": true}. Only JSON true deletes: null, false, absent
   * or anything else is a normal facet (validated, then mapped).
   */
  static boolean isDeleted(final JsonNode facet) {
    final JsonNode deleted = facet.path("_deleted");
    return deleted.isBoolean() && deleted.booleanValue();
  }

  /** {@code namespace + "/" + name} of a job or dataset node: how lineage-gate names them. */
  static String qualifiedName(final JsonNode node) {
    return node.path("namespace").asText() + "/" + node.path("name").asText();
  }
}
