package dev.lineagegate.service.state;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;

/**
 * The estimated encoded size ({@link AvroSizes}) of one value of a key, field by field and, for a
 * list field, item by item, kept with the objects measured: the next value of the key is measured
 * by what changed only. Values are copied field by field and lists are copied before they change,
 * so an unchanged field is the very same object, and so are the unchanged items of a changed list
 * (a node's one new upstream signal among 20, a name's one new version among 1,000): walking every
 * item again cost as much as encoding (issue #14).
 */
final class FieldSizes {

  /** No value: a deleted or absent key. */
  static final FieldSizes NONE = new FieldSizes(new Object[0], new long[0], new long[0][], 0);

  /** What {@link AvroSizes} counts for a record besides its fields (covers the 5-byte header). */
  private static final long RECORD = 10;

  private final Object[] fields;
  private final long[] sizes;
  private final long[][] items;
  private final long total;

  private FieldSizes(
      final Object[] fields, final long[] sizes, final long[][] items, final long total) {
    this.fields = fields;
    this.sizes = sizes;
    this.items = items;
    this.total = total;
  }

  /** The sizes of {@code value}, re-using what {@code previous} measured of the same objects. */
  static FieldSizes of(final IndexedRecord value, final FieldSizes previous) {
    if (value == null) {
      return NONE;
    }
    final int count = value.getSchema().getFields().size();
    final Object[] fields = new Object[count];
    final long[] sizes = new long[count];
    final long[][] items = new long[count][];
    long total = RECORD;
    for (int i = 0; i < count; i++) {
      final Object field = value.get(i);
      fields[i] = field;
      final boolean known = previous != null && i < previous.fields.length;
      if (known && field != null && field == previous.fields[i]) {
        sizes[i] = previous.sizes[i];
        items[i] = previous.items[i];
      } else if (field instanceof List<?> list) {
        items[i] = new long[list.size()];
        sizes[i] = list(list, items[i], known ? previous.measured(i) : null);
      } else {
        sizes[i] = AvroSizes.upperBound(field);
      }
      total += sizes[i];
    }
    return new FieldSizes(fields, sizes, items, total);
  }

  /** The upper bound of the whole value's encoded size. */
  long total() {
    return total;
  }

  private static long list(final List<?> list, final long[] into, final Map<Object, Long> known) {
    long size = 10;
    for (int j = 0; j < into.length; j++) {
      final Object item = list.get(j);
      final Long measured = known == null ? null : known.get(item);
      into[j] = measured != null ? measured : AvroSizes.upperBound(item);
      size += into[j];
    }
    return size;
  }

  /** The items of list field {@code i} as measured, by identity (null if it was not a list). */
  private Map<Object, Long> measured(final int i) {
    if (!(fields[i] instanceof List<?> list) || items[i] == null) {
      return null;
    }
    final Map<Object, Long> measured = new IdentityHashMap<>(list.size() * 2);
    for (int j = 0; j < items[i].length; j++) {
      measured.put(list.get(j), items[i][j]);
    }
    return measured;
  }
}
