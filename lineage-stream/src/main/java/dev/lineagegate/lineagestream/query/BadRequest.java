package dev.lineagegate.lineagestream.query;

import dev.lineagegate.schema.json.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * A query that cannot mean anything (a malformed digest, an unknown direction): a 400 naming each
 * parameter that is wrong, by pointer ({@code /digest}, {@code /direction} ...), as the gate does.
 */
public final class BadRequest extends RuntimeException {

  private final transient List<FieldError> errors;

  public BadRequest(final String pointer, final String message) {
    this(List.of(new FieldError(pointer, message)));
  }

  private BadRequest(final List<FieldError> errors) {
    super(String.join("; ", errors.stream().map(FieldError::message).toList()), null, false, false);
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** This refusal with {@code more} errors after its own. */
  public BadRequest and(final List<FieldError> more) {
    final List<FieldError> all = new ArrayList<>(errors);
    all.addAll(more);
    return new BadRequest(all);
  }
}
