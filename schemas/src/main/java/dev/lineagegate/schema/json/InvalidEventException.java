package dev.lineagegate.schema.json;

import java.util.List;
import java.util.stream.Collectors;

/** A JSON event that cannot be mapped; carries every invalid field, not only the first. */
public final class InvalidEventException extends RuntimeException {

  private final List<FieldError> errors;

  public InvalidEventException(final List<FieldError> errors) {
    super(
        errors.size()
            + " invalid field(s): "
            + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
