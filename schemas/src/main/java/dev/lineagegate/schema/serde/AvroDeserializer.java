package dev.lineagegate.schema.serde;

import dev.lineagegate.schema.registry.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads values in the Confluent wire format: the writer schema is resolved by the id in the header
 * (cached), the reader schema is fixed (a generated class, or a schema given by the caller), and
 * Avro schema resolution bridges the two.
 */
public final class AvroDeserializer<T> implements Deserializer<T> {

  private final SchemaRegistryClient registry;
  private final Schema readerSchema;
  private final BiFunction<Schema, Schema, DatumReader<T>> readerFactory;
  private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

  private AvroDeserializer(
      final SchemaRegistryClient registry,
      final Schema readerSchema,
      final BiFunction<Schema, Schema, DatumReader<T>> readerFactory) {
    this.registry = registry;
    this.readerSchema = readerSchema;
    this.readerFactory = readerFactory;
  }

  /** Reads into the generated class {@code type}, whatever compatible schema wrote the value. */
  public static <T extends SpecificRecord> AvroDeserializer<T> specific(
      final SchemaRegistryClient registry, final Class<T> type) {
    final SpecificData model = SpecificData.getForClass(type);
    return new AvroDeserializer<>(
        registry,
        model.getSchema(type),
        (writer, reader) -> new SpecificDatumReader<>(writer, reader, model));
  }

  /** Reads into generic records of {@code readerSchema} (e.g. a newer version of a contract). */
  public static AvroDeserializer<GenericRecord> generic(
      final SchemaRegistryClient registry, final Schema readerSchema) {
    return new AvroDeserializer<>(registry, readerSchema, GenericDatumReader::new);
  }

  @Override
  public T deserialize(final String topic, final byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    final int id = WireFormat.schemaId(topic, bytes);
    final DatumReader<T> reader =
        readers.computeIfAbsent(
            id, key -> readerFactory.apply(registry.schemaById(key), readerSchema));
    try {
      return reader.read(
          null,
          DecoderFactory.get()
              .binaryDecoder(
                  bytes, WireFormat.HEADER_LENGTH, bytes.length - WireFormat.HEADER_LENGTH, null));
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new SerializationException(
          "cannot read value of topic "
              + topic
              + " written with schema id "
              + id
              + " as "
              + readerSchema.getFullName()
              + ": "
              + e,
          e);
    }
  }
}
