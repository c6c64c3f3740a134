package dev.lineagegate.lineagestream.graph;

import java.util.Collection;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * A cheap upper bound of a message's Avro size, to cut batches of remote messages below what one
 * record may hold without serializing them twice: every text counted at 3 bytes a character (UTF-8
 * at worst for the characters names use), every field, item and entry at 10 bytes of framing.
 */
final class Sizes {

  private Sizes() {}

  static long estimate(final Object value) {
    if (value == null) {
      return 1;
    }
    if (value instanceof CharSequence text) {
      return 10 + 3L * text.length();
    }
    if (value instanceof SpecificRecord record) {
      long size = 10;
      for (int i = 0; i < record.getSchema().getFields().size(); i++) {
        size += estimate(record.get(i));
      }
      return size;
    }
    if (value instanceof Collection<?> items) {
      long size = 10;
      for (final Object item : items) {
        size += estimate(item);
      }
      return size;
    }
    if (value instanceof Map<?, ?> entries) {
      long size = 10;
      for (final Map.Entry<?, ?> entry : entries.entrySet()) {
        size += estimate(entry.getKey()) + estimate(entry.getValue());
      }
      return size;
    }
    return 10;
  }
}
