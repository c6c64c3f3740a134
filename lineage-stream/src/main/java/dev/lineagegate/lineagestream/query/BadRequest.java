package dev.lineagegate.lineagestream.query;

/** A query that cannot mean anything (a malformed digest, an unknown direction): a 400. */
public final class BadRequest extends RuntimeException {

  public BadRequest(final String message) {
    super(message, null, false, false);
  }
}
