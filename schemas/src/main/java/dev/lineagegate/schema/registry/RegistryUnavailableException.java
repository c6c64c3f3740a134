package dev.lineagegate.schema.registry;

/** The registry could not be reached, or kept answering 5xx, through every retry. Transient. */
public final class RegistryUnavailableException extends SchemaRegistryException {

  public RegistryUnavailableException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
