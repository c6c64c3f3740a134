package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.ingest.OpenLineageService;
import dev.lineagegate.schema.contract.EventContract;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.schema.json.InvalidEventException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What ingest does with one OpenLineage event, as a row of the reference table: accepted, accepted
 * with warnings (their pointers) or refused (the refusals' pointers), contract included.
 *
 * @param verdict {@code accepted}, {@code warned} or {@code refused}
 * @param pointers the warnings' or refusals' pointers, sorted
 */
record ReferenceOutcome(String verdict, List<String> pointers) {

  static final Instant NOW = Instant.parse("2026-11-22T10:01:00Z");

  static ReferenceOutcome accepted() {
    return new ReferenceOutcome("accepted", List.of());
  }

  static ReferenceOutcome warned(final String... pointers) {
    return new ReferenceOutcome("warned", Arrays.asList(pointers));
  }

  static ReferenceOutcome refused(final String... pointers) {
    return new ReferenceOutcome("refused", Arrays.asList(pointers));
  }

  /** What {@code service} (and the contract, as ingest applies it) makes of {@code bytes}. */
  static ReferenceOutcome of(final OpenLineageService service, final byte[] bytes) {
    try {
      return of(service, service.parse(bytes));
    } catch (InvalidEventException e) {
      return refusal(e.errors());
    }
  }

  static ReferenceOutcome of(final OpenLineageService service, final JsonNode event) {
    final OpenLineageService.Interpreted interpreted;
    try {
      interpreted = service.interpret(event);
    } catch (InvalidEventException e) {
      return refusal(e.errors());
    }
    if (interpreted.record() instanceof OpenLineageRecord.Run run) {
      final List<FieldError> violations = EventContract.violations(run.event(), "", NOW);
      if (!violations.isEmpty()) {
        return refusal(violations);
      }
    }
    if (interpreted.warnings().isEmpty()) {
      return accepted();
    }
    return new ReferenceOutcome(
        "warned", interpreted.warnings().stream().map(Warning::pointer).toList());
  }

  private static ReferenceOutcome refusal(final List<FieldError> errors) {
    return new ReferenceOutcome("refused", errors.stream().map(FieldError::pointer).toList());
  }

  /** As the table writes it: {@code warned("/a", "/b")}. */
  @Override
  public String toString() {
    return verdict
        + pointers.stream().map(p -> '"' + p + '"').collect(Collectors.joining(", ", "(", ")"));
  }
}
