package dev.lineagegate.ingest.openlineage;

import dev.lineagegate.schema.json.FieldError;
import java.util.List;

/**
 * What checking one OpenLineage event decided (DESIGN §6.2): the problems that refuse it, the
 * problems it is accepted with, and the facets the mapping must leave out.
 *
 * @param refusals why the event is refused (400, or a dead letter); empty when it is accepted
 * @param warnings what is flagged on an accepted event, sorted by pointer
 * @param ignoredFacets pointers of facets left out of the mapping: a field it reads is malformed
 */
public record Checked(
    List<FieldError> refusals, List<Warning> warnings, List<String> ignoredFacets) {

  public Checked {
    refusals = List.copyOf(refusals);
    warnings = List.copyOf(warnings);
    ignoredFacets = List.copyOf(ignoredFacets);
  }

  public boolean refused() {
    return !refusals.isEmpty();
  }
}
