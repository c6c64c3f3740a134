package dev.lineagegate.client;

import dev.lineagegate.schema.json.FieldError;
import java.util.List;

/**
 * Ingest answered 4xx: the request itself is wrong (400 invalid, 413 too large, 415 not JSON, or a
 * wrong URL). Never retried: the same bytes would be refused again. Nothing of the request was
 * written.
 */
public final class EventRejectedException extends IngestException {

  private final int status;
  private final String detail;
  private final List<FieldError> errors;

  /**
   * @param status the HTTP status
   * @param detail the problem's {@code detail} (else its title, else the body's text)
   * @param errors the problem's {@code errors}: one per invalid field, empty when none were named
   */
  public EventRejectedException(
      final int status, final String detail, final List<FieldError> errors) {
    super(message(status, detail, errors));
    this.status = status;
    this.detail = detail;
    this.errors = List.copyOf(errors);
  }

  public int status() {
    return status;
  }

  public String detail() {
    return detail;
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String message(
      final int status, final String detail, final List<FieldError> errors) {
    final StringBuilder text = new StringBuilder("ingest rejected the request (HTTP ");
    text.append(status).append("): ").append(detail);
    errors.forEach(error -> text.append("; ").append(error));
    return text.toString();
  }
}
