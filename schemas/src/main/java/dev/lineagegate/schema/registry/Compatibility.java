package dev.lineagegate.schema.registry;

/** Compatibility levels of the Confluent Schema Registry API. */
public enum Compatibility {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE
}
