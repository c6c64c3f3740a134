package dev.lineagegate.client;

/**
 * Ingest did not take the event(s). The subclasses say whether sending the same events again can
 * help: {@link EventRejectedException} (no, fix them) or {@link IngestUnavailableException} (yes,
 * later, with the same eventIds). A plain instance is an answer this client does not understand.
 */
public class IngestException extends RuntimeException {

  public IngestException(final String message) {
    super(message);
  }

  public IngestException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
