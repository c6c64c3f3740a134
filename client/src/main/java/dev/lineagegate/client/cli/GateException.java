package dev.lineagegate.client.cli;

import java.util.List;

/**
 * The gate gave no decision: unreachable, a problem answer (RFC 9457), or an answer this client
 * cannot read. The message is one line for stderr; {@link #errors} the problem's field errors.
 */
final class GateException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<String> errors;

  GateException(final String message) {
    this(message, List.of(), null);
  }

  GateException(final String message, final Throwable cause) {
    this(message, List.of(), cause);
  }

  GateException(final String message, final List<String> errors, final Throwable cause) {
    super(message, cause);
    this.errors = List.copyOf(errors);
  }

  /** The problem's {@code errors} as {@code pointer: message} lines, in the gate's order. */
  List<String> errors() {
    return errors;
  }
}
