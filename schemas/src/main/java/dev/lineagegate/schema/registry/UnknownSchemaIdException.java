package dev.lineagegate.schema.registry;

/** The registry has no schema with the id a record carries (Confluent error 40403). */
public final class UnknownSchemaIdException extends SchemaRegistryException {

  private final int schemaId;

  public UnknownSchemaIdException(final int schemaId, final String registryMessage) {
    super(
        "schema id " + schemaId + " is not known to the registry: " + registryMessage, 404, 40403);
    this.schemaId = schemaId;
  }

  public int schemaId() {
    return schemaId;
  }
}
