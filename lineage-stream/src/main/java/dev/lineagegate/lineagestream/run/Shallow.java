package dev.lineagegate.lineagestream.run;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A copy of a generated record that shares its field values: {@code X.newBuilder(x).build()} copies
 * every nested record, list and map, and those deep copies of a run's merged event were an eighth
 * of lineage-stream's profile (issue #14). Use it where only top-level fields of the copy change.
 * The nested values it shares are shared for good: the stores keep values decoded
 * (ObjectCachingStore), so a run's state, the facts it sends and the artifact nodes that keep them
 * hold the same nested objects in memory. Nothing nested is ever changed in place: copy, then set.
 */
public final class Shallow {

  private Shallow() {}

  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecordBase> T copy(final T record) {
    final Schema schema = record.getSchema();
    final T copy = (T) SpecificData.getForSchema(schema).newRecord(null, schema);
    for (int i = 0; i < schema.getFields().size(); i++) {
      copy.put(i, record.get(i));
    }
    return copy;
  }
}
