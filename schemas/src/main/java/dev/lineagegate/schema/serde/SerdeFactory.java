package dev.lineagegate.schema.serde;

import dev.lineagegate.schema.AvroCompat;
import dev.lineagegate.schema.Topic;
import dev.lineagegate.schema.registry.RegistryConfig;
import dev.lineagegate.schema.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Builds the serdes of every {@link Topic} from one registry configuration: the only place a serde
 * is chosen, so that no component relies on a default serde.
 */
public final class SerdeFactory {

  static {
    AvroCompat.ensure();
  }

  private final SchemaRegistryClient registry;

  public SerdeFactory(final SchemaRegistryClient registry) {
    this.registry = registry;
  }

  public SerdeFactory(final RegistryConfig config) {
    this(new SchemaRegistryClient(config));
  }

  public SchemaRegistryClient registry() {
    return registry;
  }

  /** The key serde of {@code topic}: UTF-8 strings or raw bytes. */
  @SuppressWarnings("unchecked")
  public <K> Serde<K> keySerde(final Topic<K, ?> topic) {
    if (topic.keyType() == String.class) {
      return (Serde<K>) Serdes.String();
    }
    if (topic.keyType() == byte[].class) {
      return (Serde<K>) Serdes.ByteArray();
    }
    throw new IllegalArgumentException(
        "no key serde for " + topic.keyType().getName() + " (topic " + topic.name() + ")");
  }

  /** The value serde of {@code topic}: Avro through the registry, or raw bytes. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <V> Serde<V> valueSerde(final Topic<?, V> topic) {
    if (topic.valueType() == byte[].class) {
      return (Serde<V>) Serdes.ByteArray();
    }
    if (SpecificRecord.class.isAssignableFrom(topic.valueType())) {
      return (Serde<V>) avro((Class) topic.valueType());
    }
    throw new IllegalArgumentException(
        "no value serde for " + topic.valueType().getName() + " (topic " + topic.name() + ")");
  }

  /** A serde for a generated Avro class in the Confluent wire format. */
  public <T extends SpecificRecord> Serde<T> avro(final Class<T> type) {
    return Serdes.serdeFrom(
        new AvroSerializer<>(registry), AvroDeserializer.specific(registry, type));
  }
}
