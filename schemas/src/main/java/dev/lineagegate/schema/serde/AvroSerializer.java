package dev.lineagegate.schema.serde;

import dev.lineagegate.schema.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated or generic) in the Confluent wire format, the schema registered
 * under {@code <topic>-value} (or looked up when auto-registration is off).
 */
public final class AvroSerializer<T extends GenericContainer> implements Serializer<T> {

  private final SchemaRegistryClient registry;
  private final boolean autoRegister;
  private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

  public AvroSerializer(final SchemaRegistryClient registry) {
    this.registry = registry;
    this.autoRegister = registry.config().autoRegister();
  }

  @Override
  public byte[] serialize(final String topic, final T data) {
    if (data == null) {
      return null; // a tombstone stays a tombstone
    }
    final Schema schema = data.getSchema();
    final int id = schemaId(topic + "-value", schema);
    try {
      final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      out.write(WireFormat.header(id));
      final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writers.computeIfAbsent(schema, s -> writerFor(data, s)).write(data, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot serialize " + schema.getFullName() + " for topic " + topic + ": " + e, e);
    }
  }

  private int schemaId(final String subject, final Schema schema) {
    if (autoRegister) {
      return registry.register(subject, schema);
    }
    final OptionalInt id = registry.lookup(subject, schema);
    if (id.isEmpty()) {
      throw new SerializationException(
          "schema "
              + schema.getFullName()
              + " is not registered under "
              + subject
              + " and auto-registration is off: register it first");
    }
    return id.getAsInt();
  }

  @SuppressWarnings("unchecked")
  private static DatumWriter<Object> writerFor(final GenericContainer data, final Schema schema) {
    // Generated classes need their own SpecificData: it carries the logical-type conversions.
    return data instanceof SpecificRecord
        ? (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema)
        : new GenericDatumWriter<>(schema);
  }
}
