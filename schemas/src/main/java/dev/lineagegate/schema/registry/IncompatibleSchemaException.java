package dev.lineagegate.schema.registry;

/** The registry refused a schema as incompatible with the subject's history (HTTP 409). */
public final class IncompatibleSchemaException extends SchemaRegistryException {

  private final String subject;

  public IncompatibleSchemaException(
      final String subject, final String registryMessage, final int errorCode) {
    super(
        "schema refused by the registry as incompatible with subject "
            + subject
            + ": "
            + registryMessage,
        409,
        errorCode);
    this.subject = subject;
  }

  public String subject() {
    return subject;
  }
}
