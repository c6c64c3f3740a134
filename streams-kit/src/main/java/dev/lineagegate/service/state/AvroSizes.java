package dev.lineagegate.service.state;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * A cheap upper bound of a value's Avro binary size (with the 5-byte Confluent header), without
 * encoding it: every text counted at 3 bytes a UTF-16 unit (UTF-8's worst), every field, item,
 * entry and number at 10 bytes (a long's varint at most; Avro adds no framing to records).
 */
public final class AvroSizes {

  private AvroSizes() {}

  public static long upperBound(final Object value) {
    if (value == null) {
      return 1;
    }
    if (value instanceof CharSequence text) {
      return 10 + 3L * text.length();
    }
    if (value instanceof IndexedRecord record) {
      long size = 10;
      final int fields = record.getSchema().getFields().size();
      for (int i = 0; i < fields; i++) {
        size += upperBound(record.get(i));
      }
      return size;
    }
    if (value instanceof Collection<?> items) {
      long size = 10;
      for (final Object item : items) {
        size += upperBound(item);
      }
      return size;
    }
    if (value instanceof Map<?, ?> entries) {
      long size = 10;
      for (final Map.Entry<?, ?> entry : entries.entrySet()) {
        size += upperBound(entry.getKey()) + upperBound(entry.getValue());
      }
      return size;
    }
    if (value instanceof GenericFixed fixed) {
      return fixed.bytes().length;
    }
    if (value instanceof ByteBuffer buffer) {
      return 10L + buffer.remaining();
    }
    return 10;
  }
}
