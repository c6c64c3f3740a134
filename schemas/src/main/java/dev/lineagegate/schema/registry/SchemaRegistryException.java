package dev.lineagegate.schema.registry;

import org.apache.kafka.common.KafkaException;

/**
 * A schema registry request that failed. Subclasses separate what callers handle differently: an
 * unreachable registry is transient (retry later, do not dead-letter the record), an unknown schema
 * id or an incompatible schema is permanent.
 */
public class SchemaRegistryException extends KafkaException {

  private final int status;
  private final int errorCode;

  public SchemaRegistryException(final String message, final int status, final int errorCode) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(final String message, final Throwable cause) {
    super(message, cause);
    this.status = -1;
    this.errorCode = -1;
  }

  /** The HTTP status, or -1 when no answer came. */
  public int status() {
    return status;
  }

  /** The Confluent {@code error_code} of the answer (e.g. 40403), or -1. */
  public int errorCode() {
    return errorCode;
  }
}
