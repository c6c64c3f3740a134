package dev.lineagegate.client.replay;

import dev.lineagegate.schema.json.FieldError;
import java.util.List;

/**
 * One line that was not accepted.
 *
 * @param file the file as named on the command line
 * @param line its line number (from 1)
 * @param reason {@code refused} (by ingest, or before sending: not an event, too long) or {@code
 *     not-json}
 * @param status ingest's HTTP status, 0 when refused before sending
 * @param detail the problem's detail, or why the line could not be sent
 * @param errors the invalid fields of this event, pointers relative to the event
 */
public record Refusal(
    String file, long line, String reason, int status, String detail, List<FieldError> errors) {

  public static final String REFUSED = "refused";
  public static final String NOT_JSON = "not-json";

  public Refusal {
    errors = List.copyOf(errors);
  }

  /** The first problem in one line: the first invalid field, else the detail. */
  public String firstProblem() {
    return errors.isEmpty() ? detail : errors.get(0).toString();
  }
}
