package dev.lineagegate.schema;

import java.util.Objects;

/**
 * A Kafka topic with the Java types of its keys and values. The serdes for these types are built by
 * {@link dev.lineagegate.schema.serde.SerdeFactory} from configuration, never stored here, so a
 * topic constant carries no state.
 *
 * @param name the topic name
 * @param keyType {@code String.class} or {@code byte[].class}
 * @param valueType a generated Avro class (Confluent wire format through the registry) or {@code
 *     byte[].class} (raw, e.g. the dead-letter topic)
 */
public record Topic<K, V>(String name, Class<K> keyType, Class<V> valueType) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
  }

  /** The registry subject of the value schema: TopicNameStrategy, as DESIGN.md §5 requires. */
  public String valueSubject() {
    return name + "-value";
  }

  @Override
  public String toString() {
    return name;
  }
}
