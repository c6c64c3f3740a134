package dev.lineagegate.schema.serde;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
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

  /**
   * One buffer and encoder per thread, reused for every record: a fresh stream that grows from 256
   * bytes and a fresh encoder per record showed up in ingest's profile.
   */
  private static final int MAX_KEPT_BUFFER = 64 * 1024;

  private final ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);

  /**
   * A reusable output stream and the encoder writing into it. Not a ByteArrayOutputStream: the
   * direct encoder writes most values a byte at a time, and that class locks on every write.
   */
  private static final class Buffer extends OutputStream {

    private byte[] bytes = new byte[1024];
    private int count;
    private BinaryEncoder encoder;

    @Override
    public void write(final int b) {
      if (count == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[count++] = (byte) b;
    }

    @Override
    public void write(final byte[] b, final int off, final int len) {
      Objects.checkFromIndexSize(off, len, b.length);
      if (count + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + len));
      }
      System.arraycopy(b, off, bytes, count, len);
      count += len;
    }

    /** Keeps only the first {@code length} bytes written. */
    void reset(final int length) {
      count = length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, count);
    }

    BinaryEncoder encoder() {
      encoder = EncoderFactory.get().directBinaryEncoder(this, encoder);
      return encoder;
    }
  }

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
      final Buffer out = buffers.get();
      out.reset(0);
      out.write(WireFormat.MAGIC_BYTE);
      out.write(id >>> 24);
      out.write(id >>> 16);
      out.write(id >>> 8);
      out.write(id);
      final BinaryEncoder encoder = out.encoder();
      if (!(data instanceof ExecutionEvent event) || !encodeByHand(event, out, encoder)) {
        writers.computeIfAbsent(schema, s -> writerFor(data, s)).write(data, encoder);
      }
      encoder.flush();
      final byte[] bytes = out.toByteArray();
      if (bytes.length > MAX_KEPT_BUFFER) {
        buffers.remove(); // one huge record must not pin its buffer on every thread
      }
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot serialize " + schema.getFullName() + " for topic " + topic + ": " + e, e);
    }
  }

  /**
   * Events through {@link ExecutionEventEncoder} while it matches the schema. False (nothing
   * written after the header) when it does not, or when the event lacks a required value: the
   * generic writer then writes it, or words the error.
   */
  private static boolean encodeByHand(
      final ExecutionEvent event, final Buffer out, final BinaryEncoder encoder)
      throws IOException {
    if (!ExecutionEventEncoder.MATCHES) {
      return false;
    }
    try {
      ExecutionEventEncoder.write(event, encoder);
      return true;
    } catch (NullPointerException e) {
      out.reset(WireFormat.HEADER_LENGTH);
      return false;
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
