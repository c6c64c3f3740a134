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
 * schema "format" is not asserted (DESIGN §6.2): {@code eventTime} and {@code run.runId}. {@link
 * #check} then decides, as configured, which problems refuse the event and which are warnings.
 *
 * <p>Loads and compiles every schema once, in the constructor; then thread-safe and cheap to share.
 */
public final class OpenLineageValidator {

  /** Input dataset facets that lineage-gate reads: validated even when input facets are not. */
  private static final Set<String> READ_INPUT_FACETS = Set.of("dataQualityAssertions");

  private final CompiledSchemas schemas;
  private final boolean strictInputFacets;
  private final Triage triage;

  /**
   * Loads the bundled schemas; fails (IllegalStateException) when the bundle is broken.
   *
   * @param strict refuse every schema problem ({@code ingest.openlineage.strict}); by default only
   *     what the mapping cannot get past is refused and the rest is flagged, as Marquez accepts it
   * @param strictInputFacets count problems of input dataset facets that lineage-gate does not read
   *     as problems too ({@code ingest.openlineage.strict-input-facets}); by default they are only
   *     flagged, as OpenLineage's own proxy skips them: integrations commonly send input facets
   *     that the current facet schemas refuse (the spec's own event_full.json lacks the required
   *     columnMetrics of dataQualityMetrics)
   */
  public OpenLineageValidator(final boolean strict, final boolean strictInputFacets) {
    this.schemas = CompiledSchemas.load();
    this.strictInputFacets = strictInputFacets;
    this.triage = new Triage(strict, schemas.facets());
  }

  /** Lenient, with input dataset facets only flagged: the defaults. */
  public OpenLineageValidator() {
    this(false, false);
  }

  /** What {@code event} is refused for and what it is accepted with, as configured. */
  public Checked check(final JsonNode event) {
    final Map<String, FieldError> flagOnly = new LinkedHashMap<>();
    final List<FieldError> problems = problems(event, flagOnly);
    return triage.triage(problems, sorted(flagOnly));
  }

  /**
   * Every problem of {@code event} that strict mode refuses, sorted by pointer; empty when the
   * event is valid.
   */
  public List<FieldError> validate(final JsonNode event) {
    return problems(event, new LinkedHashMap<>());
  }

  private List<FieldError> problems(final JsonNode event, final Map<String, FieldError> flagOnly) {
    if (event == null || !event.isObject()) {
      return List.of(
          new FieldError(
              "", "must be an object: an OpenLineage RunEvent, DatasetEvent or JobEvent"));
    }
    final Map<String, FieldError> errors = new LinkedHashMap<>();
    final JsonNode checked = PlacedFacet.withoutNullDeletions(event);
    coreErrors(checked, errors);
    facetErrors(checked, errors, flagOnly);
    fieldErrors(checked, errors);
    return sorted(errors);
  }

  private static List<FieldError> sorted(final Map<String, FieldError> errors) {
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

  /**
   * Each facet against its own schema. Problems of an input facet that lineage-gate does not read
   * go to {@code flagOnly} unless input facets are strict, and only when the core schema did not
   * already report the same problem (a missing {@code _producer} is the core's, and refused).
   */
  private void facetErrors(
      final JsonNode event,
      final Map<String, FieldError> errors,
      final Map<String, FieldError> flagOnly) {
    for (final PlacedFacet placed : PlacedFacet.in(event)) {
      final FacetCatalog.Entry standard = schemas.facets().find(placed.location(), placed.key());
      if (standard == null || placed.isDeletion()) {
        continue; // custom facets are open by design; deletions carry no content
      }
      final String context =
          placed.key() + " " + placed.location().label() + ", " + standard.definition();
      final Map<String, FieldError> into = flaggedOnly(placed) ? new LinkedHashMap<>() : errors;
      addAll(into, standard.schema().validate(placed.facet()), placed.pointer(), context);
      if (into != errors) {
        into.forEach((key, error) -> flagOnly.putIfAbsent(key, error));
        flagOnly.keySet().removeAll(errors.keySet());
      }
    }
  }

  private boolean flaggedOnly(final PlacedFacet placed) {
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
