package dev.lineagegate.client;

/**
 * Ingest could not be reached, timed out, or answered 5xx on every attempt (503: Kafka was
 * unreachable). Nothing was written, or what was written carries the same eventIds and is
 * deduplicated downstream: sending the same events later is safe.
 */
public final class IngestUnavailableException extends IngestException {

  private final int attempts;

  /**
   * @param message what was tried, where, and how often
   * @param attempts the attempts made
   * @param cause the failure of the last attempt
   */
  public IngestUnavailableException(
      final String message, final int attempts, final Throwable cause) {
    super(message, cause);
    this.attempts = attempts;
  }

  public int attempts() {
    return attempts;
  }
}
