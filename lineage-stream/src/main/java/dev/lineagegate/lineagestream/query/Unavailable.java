package dev.lineagegate.lineagestream.query;

/**
 * The state to answer from is not queryable right now (starting, rebalancing, restoring, or the
 * owning instance cannot be reached): a 503 that is worth retrying.
 */
public final class Unavailable extends RuntimeException {

  public Unavailable(final String message, final Throwable cause) {
    super(message, cause);
  }

  public Unavailable(final String message) {
    super(message);
  }
}
