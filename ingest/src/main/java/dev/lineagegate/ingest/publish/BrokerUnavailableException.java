package dev.lineagegate.ingest.publish;

/**
 * The broker (or the schema registry) did not acknowledge within the produce timeout. Nothing of
 * the request is visible to consumers: a batch was aborted, a single record was failed by the
 * producer's own delivery timeout. The client retries with the same eventIds.
 */
public final class BrokerUnavailableException extends RuntimeException {

  public BrokerUnavailableException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
