package dev.lineagegate.lineagestream.oracle.run;

/**
 * An event that decoded but breaks the contract of DESIGN.md §3.1 (alone, or together with the
 * earlier events of its run): it goes to the dead-letter topic with this as its error.
 */
public final class MalformedEventException extends RuntimeException {

  public MalformedEventException(final String message) {
    super(message);
  }
}
