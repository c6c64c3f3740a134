package dev.lineagegate.ingest.openlineage;

import dev.lineagegate.schema.json.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sorts the validator's problems into refusals and warnings (DESIGN §6.2: "accept like Marquez,
 * flag instead of losing"). Always refused, whatever the mode: anything outside the facets and the
 * event's {@code producer}/{@code schemaURL}, that is, no {@code run.runId}, no job namespace or
 * name, no or a bad {@code eventTime}, an unknown {@code eventType}, a dataset without namespace or
 * name: the mapping could only guess those. Strict mode refuses everything else too, as ingest did
 * before; lenient mode (the default) flags it, and leaves out of the mapping every facet whose
 * problem touches a field the mapping reads ({@link MappedFields}).
 */
final class Triage {

  private static final Comparator<Warning> ORDER =
      Comparator.comparing(Warning::pointer).thenComparing(Warning::kind);

  private final boolean strict;
  private final FacetCatalog catalog;

  Triage(final boolean strict, final FacetCatalog catalog) {
    this.strict = strict;
    this.catalog = catalog;
  }

  /**
   * @param problems what the validator found and strict mode refuses
   * @param flagOnly what it found that is never refused: input facets that lineage-gate does not
   *     read, unless {@code ingest.openlineage.strict-input-facets}
   */
  Checked triage(final List<FieldError> problems, final List<FieldError> flagOnly) {
    final List<FieldError> refusals = new ArrayList<>();
    final List<Warning> warnings = new ArrayList<>();
    final Map<String, String> ignored = new LinkedHashMap<>();
    for (final FieldError problem : problems) {
      if (strict || alwaysRefused(problem.pointer())) {
        refusals.add(problem);
      } else {
        flag(problem, warnings, ignored);
      }
    }
    for (final FieldError problem : flagOnly) {
      flag(problem, warnings, ignored);
    }
    ignored.forEach(
        (facet, label) ->
            warnings.add(
                new Warning(
                    facet,
                    "not read: a field lineage-gate reads from this facet does not match the"
                        + " facet's schema, so the event is mapped without the facet",
                    label,
                    Warning.Kind.IGNORED)));
    warnings.sort(ORDER);
    return new Checked(refusals, warnings, List.copyOf(ignored.keySet()));
  }

  /** True for a problem the mapping cannot get past: outside the facets and base fields. */
  static boolean alwaysRefused(final String pointer) {
    return FacetPointer.of(pointer) == null
        && !pointer.equals("/producer")
        && !pointer.equals("/schemaURL");
  }

  private void flag(
      final FieldError problem, final List<Warning> warnings, final Map<String, String> ignored) {
    final FacetPointer at = FacetPointer.of(problem.pointer());
    if (at == null || at.key() == null) {
      // The event's producer or schemaURL, or a facets object that is not an object.
      warnings.add(
          new Warning(
              problem.pointer(),
              problem.message(),
              Warning.EVENT,
              at == null ? Warning.Kind.BASE_FIELDS : Warning.Kind.SCHEMA));
      return;
    }
    // Only keys of the standard catalog become labels: custom keys are the sender's, unbounded.
    final String label = catalog.isStandardKey(at.key()) ? at.key() : Warning.CUSTOM_FACET;
    final boolean base = at.relative().equals("/_producer") || at.relative().equals("/_schemaURL");
    warnings.add(
        new Warning(
            problem.pointer(),
            problem.message(),
            label,
            base ? Warning.Kind.BASE_FIELDS : Warning.Kind.SCHEMA));
    if (MappedFields.touchesRead(at.location(), at.key(), at.relative())) {
      ignored.putIfAbsent(at.facet(), label);
    }
  }
}
