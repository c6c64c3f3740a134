package dev.lineagegate.stack.fuzz;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.stack.fuzz.FuzzCase.Expect;
import dev.lineagegate.testkit.EventMutations;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fuzzer knows of one document and its format: where the fields of each input rule are
 * (docs/INGEST.md "Input rules"), and what the document itself should get unmutated.
 *
 * @param doc the document, personalized for its case (fresh ids and digests)
 * @param expect the answer to the unmutated document
 * @param names strings under the name rule (no control characters; 512 or 1,024 at most)
 * @param times RFC 3339 time fields
 * @param required fields whose absence refuses the document
 * @param digests {@code sha256:<64 hex>} fields
 * @param uniqueKeys whether a repeated key refuses the document (native) or the last wins
 * @param utcWithoutOffset whether a time without offset is read as UTC (OpenLineage)
 * @param maxStringBytes a string longer than this in UTF-8 refuses the document: the native event's
 *     256 KiB (every field is mapped), none for OpenLineage (unmapped facets are free)
 */
record Shape(
    ObjectNode doc,
    Expect expect,
    List<JsonPointer> names,
    List<JsonPointer> times,
    List<JsonPointer> required,
    List<JsonPointer> digests,
    boolean uniqueKeys,
    boolean utcWithoutOffset,
    int maxStringBytes) {

  Shape {
    names = present(doc, names);
    times = present(doc, times);
    required = present(doc, required);
    digests = present(doc, digests);
  }

  /** Every string of the document, at any depth. */
  List<JsonPointer> strings() {
    return EventMutations.pointers(doc).stream().filter(p -> doc.at(p).isTextual()).toList();
  }

  /** Every object of the document, the root included. */
  List<JsonPointer> objects() {
    final List<JsonPointer> objects = new ArrayList<>();
    objects.add(JsonPointer.empty());
    EventMutations.pointers(doc).stream().filter(p -> doc.at(p).isObject()).forEach(objects::add);
    return objects;
  }

  private static List<JsonPointer> present(final JsonNode doc, final List<JsonPointer> pointers) {
    return pointers.stream().filter(p -> !doc.at(p).isMissingNode()).toList();
  }
}
