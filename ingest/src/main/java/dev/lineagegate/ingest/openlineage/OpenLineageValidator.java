package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import dev.lineagegate.schema.id.RunId;
import dev.lineagegate.schema.json.FieldError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates OpenLineage events (spec 2-0-2) offline, reporting every problem at once as {@link
 * FieldError}s. Three layers: the core schema (event structure); each standard facet present, and
 * lineage-gate's {@code lineageGate_execution} facet, against its own schema (the core schema
 * leaves facet contents open); and the two fields the mapping relies on, checked here because their
 * schema "format" is not asserted (DESIGN §6.2): {@code eventTime} and {@code run.runId}.
 *
 * <p>Loads and compiles every schema once, in the constructor; then thread-safe and cheap to share.
 */
public final class OpenLineageValidator {

  /** Input dataset facets that lineage-gate reads: validated even when input facets are not. */
  private static final Set<String> READ_INPUT_FACETS = Set.of("dataQualityAssertions");

  private final CompiledSchemas schemas;
  private final boolean strictInputFacets;

  /**
   * Loads the bundled schemas; fails (IllegalStateException) when the bundle is broken.
   *
   * @param strictInputFacets validate every input dataset facet too. Off by default, as in
   *     OpenLineage's own proxy: integrations commonly send input facets that the current facet
   *     schemas refuse (the spec's own event_full.json lacks the required columnMetrics of
   *     dataQualityMetrics), and refusing the whole run for a statistic would break them.
   */
  public OpenLineageValidator(final boolean strictInputFacets) {
    this.schemas = CompiledSchemas.load();
    this.strictInputFacets = strictInputFacets;
  }

  /** Input dataset facets validated only when lineage-gate reads them (the default). */
  public OpenLineageValidator() {
    this(false);
  }

  /** Every problem of {@code event}, sorted by pointer; empty when the event is valid. */
  public List<FieldError> validate(final JsonNode event) {
    if (event == null || !event.isObject()) {
      return List.of(
          new FieldError(
              "", "must be an object: an OpenLineage RunEvent, DatasetEvent or JobEvent"));
    }
    final Map<String, FieldError> errors = new LinkedHashMap<>();
    final JsonNode checked = PlacedFacet.withoutNullDeletions(event);
    coreErrors(checked, errors);
    facetErrors(checked, errors);
    fieldErrors(checked, errors);
    final List<FieldError> sorted = new ArrayList<>(errors.values());
    sorted.sort(Comparator.comparing(FieldError::pointer));
    return List.copyOf(sorted);
  }

  /**
   * The core schema is a oneOf of the three event types, whose failure lists what each type lacks
   * ("dataset is required" for a RunEvent without runId). So on failure, report the errors of the
   * one type the event claims to be; if that type alone accepts it, the event is ambiguous.
   */
  private void coreErrors(final JsonNode event, final Map<String, FieldError> errors) {
    if (schemas.event().validate(event).isEmpty()) {
      return;
    }
    final EventKind kind = EventKind.of(event);
    final Set<ValidationMessage> typeErrors = schemas.eventType(kind).validate(event);
    if (typeErrors.isEmpty()) {
      add(
          errors,
          "",
          "oneOf",
          new FieldError(
              "",
              "must be exactly one of RunEvent (run and job), DatasetEvent (dataset, without"
                  + " run and job) or JobEvent (job, without run)"));
      return;
    }
    addAll(errors, typeErrors, "", "");
  }

  private void facetErrors(final JsonNode event, final Map<String, FieldError> errors) {
    for (final PlacedFacet placed : PlacedFacet.in(event)) {
      final FacetCatalog.Entry standard = schemas.facets().find(placed.location(), placed.key());
      if (standard == null || placed.isDeletion() || skipped(placed)) {
        continue; // custom facets are open by design; deletions carry no content
      }
      final String context =
          placed.key() + " " + placed.location().label() + ", " + standard.definition();
      addAll(errors, standard.schema().validate(placed.facet()), placed.pointer(), context);
    }
  }

  private boolean skipped(final PlacedFacet placed) {
    return placed.location() == FacetLocation.INPUT_DATASET
        && !strictInputFacets
        && !READ_INPUT_FACETS.contains(placed.key());
  }

  private static void fieldErrors(final JsonNode event, final Map<String, FieldError> errors) {
    final JsonNode eventTime = event.path("eventTime");
    if (eventTime.isTextual() && !EventTimes.isValid(eventTime.textValue())) {
      add(errors, "/eventTime", "format", new FieldError("/eventTime", EventTimes.EXPECTED));
    }
    final JsonNode runId = event.path("run").path("runId");
    if (runId.isTextual()) {
      try {
        RunId.parse(runId.textValue());
      } catch (IllegalArgumentException e) {
        add(errors, "/run/runId", "format", new FieldError("/run/runId", e.getMessage()));
      }
    }
  }

  private static void addAll(
      final Map<String, FieldError> errors,
      final Collection<ValidationMessage> messages,
      final String base,
      final String context) {
    for (final ValidationMessage message : messages) {
      final FieldError error = SchemaErrors.toFieldError(message, base, context);
      add(errors, error.pointer(), message.getType(), error);
    }
  }

  /**
   * Keeps the first error per pointer and keyword: a facet's schema repeats the core's base facet
   * rules (_producer, _schemaURL), and one problem must be reported once.
   */
  private static void add(
      final Map<String, FieldError> errors,
      final String pointer,
      final String keyword,
      final FieldError error) {
    errors.putIfAbsent(pointer + '\u0000' + keyword, error);
  }

  /** The facet table, for tests that check each bundled facet fixture against its own schema. */
  FacetCatalog facets() {
    return schemas.facets();
  }
}
