package dev.lineagegate.lineagestream.query;

/** What a query asked for does not exist (yet): a 404. */
public final class NotFound extends RuntimeException {

  public NotFound(final String message) {
    super(message, null, false, false);
  }
}
