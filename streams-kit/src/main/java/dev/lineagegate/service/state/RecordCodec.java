package dev.lineagegate.service.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serde;

/**
 * Encodes a store's values as its registry serde does (the Confluent header, then Avro binary),
 * field by field: Avro writes a record as its fields one after the other, and an array as its item
 * count, its items and a zero, so the bytes of a field (or of a list's item) that is the very same
 * object as in the key's previous value are taken as they were. A node whose one upstream signal
 * changed re-encodes that signal, not its producers' facts (issue #14). Decoding is the serde's (it
 * reads values written under any earlier schema).
 */
final class RecordCodec<V extends SpecificRecordBase> {

  /** A value's encoding, kept by field (and by item for list fields) with what was encoded. */
  static final class Encoded {
    private final Object[] fields;
    private final byte[][] bytes;
    private final Object[][] items;
    private final byte[][][] itemBytes;
    private final int size;

    private Encoded(
        final Object[] fields,
        final byte[][] bytes,
        final Object[][] items,
        final byte[][][] itemBytes,
        final int size) {
      this.fields = fields;
      this.bytes = bytes;
      this.items = items;
      this.itemBytes = itemBytes;
      this.size = size;
    }

    /** Bytes of the whole value, its header included: what the store's serde would write. */
    int size() {
      return size;
    }
  }

  /** A value read from the store below, with its encoding by field when it could be split. */
  record Decoded<V>(V value, Encoded encoded) {}

  private final Serde<V> serde;
  private final Supplier<V> blank;
  private final SpecificDatumWriter<Object>[] writers;
  private final SpecificDatumWriter<Object>[] itemWriters;
  private final SpecificDatumReader<Object>[] readers;
  private final SpecificDatumReader<Object>[] itemReaders;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
  private BinaryEncoder encoder;
  private BinaryDecoder cursor;
  private byte[] header;

  @SuppressWarnings("unchecked")
  RecordCodec(final Serde<V> serde, final Supplier<V> blank) {
    this.serde = serde;
    this.blank = blank;
    final Schema schema = blank.get().getSchema();
    // The generated class's own model: it carries the logical-type conversions of every field.
    final SpecificData model = SpecificData.getForSchema(schema);
    final List<Schema.Field> fields = schema.getFields();
    writers = new SpecificDatumWriter[fields.size()];
    itemWriters = new SpecificDatumWriter[fields.size()];
    readers = new SpecificDatumReader[fields.size()];
    itemReaders = new SpecificDatumReader[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      final Schema field = fields.get(i).schema();
      writers[i] = new SpecificDatumWriter<>(field, model);
      readers[i] = new SpecificDatumReader<>(field, field, model);
      if (field.getType() == Schema.Type.ARRAY) {
        itemWriters[i] = new SpecificDatumWriter<>(field.getElementType(), model);
        itemReaders[i] =
            new SpecificDatumReader<>(field.getElementType(), field.getElementType(), model);
      }
    }
  }

  /**
   * The encoding of {@code value} for {@code topic} (its changelog), re-using what {@code previous}
   * (the encoding of the key's previous value, or null) holds of the same objects.
   */
  Encoded encode(final String topic, final V value, final Encoded previous) {
    if (header == null) {
      header = Arrays.copyOf(serde.serializer().serialize(topic, value), 5);
    }
    final int count = writers.length;
    final Object[] fields = new Object[count];
    final byte[][] bytes = new byte[count][];
    final Object[][] items = new Object[count][];
    final byte[][][] itemBytes = new byte[count][][];
    int size = header.length;
    for (int i = 0; i < count; i++) {
      final Object field = value.get(i);
      fields[i] = field;
      if (previous != null && field != null && field == previous.fields[i]) {
        bytes[i] = previous.bytes[i];
        items[i] = previous.items[i];
        itemBytes[i] = previous.itemBytes[i];
      } else if (itemWriters[i] != null && field instanceof List<?> list) {
        items[i] = list.toArray();
        itemBytes[i] = items(i, items[i], previous);
        bytes[i] = array(itemBytes[i]);
      } else {
        bytes[i] = write(writers[i], field);
      }
      size += bytes[i].length;
    }
    return new Encoded(fields, bytes, items, itemBytes, size);
  }

  /** The name of the field whose bytes hold {@code offset} of {@code encoded}'s (diagnostics). */
  String fieldAt(final Encoded encoded, final int offset) {
    int end = header.length;
    for (int i = 0; i < encoded.bytes.length; i++) {
      end += encoded.bytes[i].length;
      if (offset < end) {
        return blank.get().getSchema().getFields().get(i).name();
      }
    }
    return "(none: the lengths differ)";
  }

  /** The bytes the store keeps for {@code encoded}. */
  byte[] bytes(final Encoded encoded) {
    final byte[] all = new byte[encoded.size];
    System.arraycopy(header, 0, all, 0, header.length);
    int at = header.length;
    for (final byte[] field : encoded.bytes) {
      System.arraycopy(field, 0, all, at, field.length);
      at += field.length;
    }
    return all;
  }

  /** The value in {@code bytes}, as the serde reads it (any thread). */
  V decode(final String topic, final byte[] bytes) {
    return bytes == null ? null : serde.deserializer().deserialize(topic, bytes);
  }

  /**
   * The value in {@code bytes} and, when they were written under this codec's schema (the same
   * header), its encoding by field, read field by field: so that the first write after a read
   * re-encodes what changed only. Bytes of another schema (an earlier version) are read by the
   * serde, without an encoding by field. Only the writing thread.
   */
  Decoded<V> decodeSplit(final String topic, final byte[] bytes) {
    if (bytes == null) {
      return new Decoded<>(null, null);
    }
    if (header == null || !Arrays.equals(bytes, 0, header.length, header, 0, header.length)) {
      return new Decoded<>(decode(topic, bytes), null);
    }
    final Cursor in = new Cursor(bytes, header.length);
    cursor = DecoderFactory.get().directBinaryDecoder(in, cursor);
    final V value = blank.get();
    final int count = readers.length;
    final Object[] fields = new Object[count];
    final byte[][] fieldBytes = new byte[count][];
    final Object[][] items = new Object[count][];
    final byte[][][] itemBytes = new byte[count][][];
    try {
      for (int i = 0; i < count; i++) {
        final int start = in.at();
        if (itemReaders[i] != null) {
          final List<Object> list = new ArrayList<>();
          final List<byte[]> encoded = new ArrayList<>();
          for (long n = cursor.readArrayStart(); n > 0; n = cursor.arrayNext()) {
            for (long k = 0; k < n; k++) {
              final int itemStart = in.at();
              list.add(itemReaders[i].read(null, cursor));
              encoded.add(Arrays.copyOfRange(bytes, itemStart, in.at()));
            }
          }
          items[i] = list.toArray();
          itemBytes[i] = encoded.toArray(new byte[0][]);
          fields[i] = list;
        } else {
          fields[i] = readers[i].read(null, cursor);
        }
        value.put(i, fields[i]);
        fieldBytes[i] = Arrays.copyOfRange(bytes, start, in.at());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Decoded<>(value, new Encoded(fields, fieldBytes, items, itemBytes, bytes.length));
  }

  /**
   * An input stream over bytes that says how far it has been read; not a ByteArrayInputStream,
   * whose reads lock, and the direct decoder reads a byte at a time.
   */
  private static final class Cursor extends InputStream {
    private final byte[] bytes;
    private int pos;

    Cursor(final byte[] bytes, final int offset) {
      this.bytes = bytes;
      this.pos = offset;
    }

    int at() {
      return pos;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(final byte[] into, final int offset, final int length) {
      if (pos >= bytes.length) {
        return -1;
      }
      final int n = Math.min(length, bytes.length - pos);
      System.arraycopy(bytes, pos, into, offset, n);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return bytes.length - pos;
    }
  }

  /** The whole value as the serde writes it (to compare, in tests). */
  byte[] serialize(final String topic, final V value) {
    return serde.serializer().serialize(topic, value);
  }

  private byte[][] items(final int field, final Object[] items, final Encoded previous) {
    Map<Object, byte[]> known = null;
    if (previous != null && previous.items[field] != null) {
      final Object[] before = previous.items[field];
      known = new IdentityHashMap<>(before.length * 2);
      for (int j = 0; j < before.length; j++) {
        known.put(before[j], previous.itemBytes[field][j]);
      }
    }
    final byte[][] encoded = new byte[items.length][];
    for (int j = 0; j < items.length; j++) {
      final byte[] same = known == null ? null : known.get(items[j]);
      encoded[j] = same != null ? same : write(itemWriters[field], items[j]);
    }
    return encoded;
  }

  /** An array as Avro's binary encoder writes it: one block of all items, then a zero. */
  private byte[] array(final byte[][] items) {
    buffer.reset();
    final BinaryEncoder out = encoder();
    try {
      if (items.length > 0) {
        out.writeLong(items.length);
      }
      out.flush();
      for (final byte[] item : items) {
        buffer.write(item, 0, item.length);
      }
      out.writeLong(0);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  private byte[] write(final SpecificDatumWriter<Object> writer, final Object value) {
    buffer.reset();
    final BinaryEncoder out = encoder();
    try {
      writer.write(value, out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  private BinaryEncoder encoder() {
    encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
    return encoder;
  }
}
