package dev.lineagegate.client.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gate gave no decision: unreachable, a problem answer (RFC 9457), or an answer this client
 * cannot read. The message is one line for stderr; {@link #errors} the problem's field errors, and
 * {@link #problem} what a caller may act on (its type and Retry-After).
 */
final class GateException extends Exception {

  private static final long serialVersionUID = 1L;

  /** A problem answer's type (a URI ending in its slug) and its Retry-After. */
  record ProblemType(String type, Duration retryAfter) {

    boolean is(final String slug) {
      return type.endsWith("/" + slug);
    }
  }

  private final transient List<String> errors;
  private final transient ProblemType problem;

  GateException(final String message) {
    this(message, List.of(), null);
  }

  GateException(final String message, final Throwable cause) {
    this(message, List.of(), cause);
  }

  GateException(final String message, final List<String> errors, final Throwable cause) {
    this(message, errors, null, cause);
  }

  GateException(
      final String message,
      final List<String> errors,
      final ProblemType problem,
      final Throwable cause) {
    super(message, cause);
    this.errors = List.copyOf(errors);
    this.problem = problem;
  }

  /** The problem's {@code errors} as {@code pointer: detail} lines, in the gate's order. */
  List<String> errors() {
    return errors;
  }

  /** The problem answer's type, empty when the gate gave none (unreachable, not a problem). */
  Optional<ProblemType> problem() {
    return Optional.ofNullable(problem);
  }
}
